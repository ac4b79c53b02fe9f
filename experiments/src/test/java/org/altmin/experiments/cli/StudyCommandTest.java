package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code altmin study}: bad input exits 2 before anything is written; --list runs nothing. */
class StudyCommandTest {
    static final String STUDY = """
            name: cli
            base: {data: {name: synthetic, trainSize: 30, testSize: 10, options: {features: 3}}, hiddenWidths: [3],
                   iterations: 2}
            axes:
              - name: optimizer.params.rho
                values: [0.1, 0.3]
            seeds: [1, 2]
            """;

    @Test
    void badInputExitsTwoNamingTheEntryAndWritesNothing(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("s.yaml"), STUDY.replace("optimizer.params.rho", "optimizer.rho"));
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("study", spec.toString(), "--output", out.toString());
        assertThat(r.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("axes.optimizer.rho").doesNotContain("Exception");
        assertThat(Files.exists(out)).isFalse();

        Path good = Files.writeString(dir.resolve("g.yaml"), STUDY);
        CliRunner.Result spark = CliRunner.run("study", good.toString(), "--output", out.toString(), "--engine",
                "spark");
        assertThat(spark.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(spark.err()).contains("--engine").contains("'spark'").contains("altmin-spark");
        assertThat(Files.exists(out)).isFalse();

        CliRunner.Result oversubscribed = CliRunner.run("study", good.toString(), "--output", out.toString(),
                "--parallel", "2", "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(oversubscribed.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(oversubscribed.err()).contains("--parallel x --threads").contains("cores");
        assertThat(Files.exists(out)).isFalse();

        CliRunner.Result scale = CliRunner.run("study", good.toString(), "--output", out.toString(), "--scale", "x");
        assertThat(scale.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(scale.err()).contains("'x'");
    }

    @Test
    void listShowsTheRunsWithoutRunningThem(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("s.yaml"), STUDY);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("study", spec.toString(), "--output", out.toString(), "--list");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.endsWith("\tto run"))).hasSize(4);
        assertThat(r.out()).contains("0.1_seed1_").contains("0.3_seed2_").contains("4 runs in");
        assertThat(Files.exists(out)).isFalse();
        CliRunner.Result paper = CliRunner.run("study", "paper", "--output", out.toString(), "--list", "--seeds", "1");
        assertThat(paper.exitCode()).as(paper.err()).isZero();
        assertThat(paper.out()).contains("12 runs in").contains("dlam_mnist_10_seed42_")
                .contains("adam_fashion-mnist_100_seed42_");
    }
}
