package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.altmin.experiments.run.Checkpoint;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.wiring.RunSpecIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code altmin train --checkpoint-every} and {@code --resume} from the command line: a real {@code altmin} process
 * stopped by SIGTERM writes its INTERRUPTED summary, plots and a final checkpoint and exits 143; resumed, its
 * {@code metrics.csv} is that of an uninterrupted run (timing columns aside). Flags that would change the spec of a
 * resumed run are bad input.
 */
class ResumeCommandTest {
    /**
     * Enough iterations that the signal, sent once iteration 1 is written (the first iterations are the slowest,
     * before the JIT), arrives mid-run; tiny data, so that the uninterrupted run stays short.
     */
    private static final int ITERATIONS = 40;

    @TempDir
    Path temp;

    private List<String> args(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--optimizer", "mdlam", "--dataset", "synthetic",
                "--data-option", "features=5", "--train-size", "40", "--test-size", "10", "--widths", "6",
                "--iterations", Integer.toString(ITERATIONS), "--seed", "4", "--param", "epsilonDecay=0.99",
                "--output", temp.resolve("runs").toString(), "--name", name, "--data-dir", temp.resolve("data").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void sigtermWritesAnInterruptedSummaryAndACheckpointFromWhichResumeFinishesTheRun() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                AltminCli.class.getName()));
        command.addAll(args("cut", "--checkpoint-every", "100000"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("cut.log").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        Path cut = temp.resolve("runs").resolve("cut");
        Path metrics = cut.resolve(RunDirectory.METRICS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (rows(metrics) < 2 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(process.isAlive()).as(Files.readString(temp.resolve("cut.log"))).isTrue();

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String log = Files.readString(temp.resolve("cut.log"));
        assertThat(process.exitValue()).as(log).isEqualTo(143);
        JsonNode summary = RunSpecIo.json().readTree(cut.resolve(RunDirectory.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo("INTERRUPTED");
        int k = summary.get("iterations").asInt();
        assertThat(k).isBetween(1, ITERATIONS - 1);
        assertThat(summary.get("diagnosis").asText()).contains("SIGTERM").contains("--resume");
        assertThat(Checkpoint.latest(cut)).hasValueSatisfying(p -> assertThat(p.getFileName().toString())
                .isEqualTo(String.format("iteration-%06d", k)));
        assertThat(cut.resolve("objective.png")).as(log).isNotEmptyFile();
        assertThat(cut.resolve(RunDirectory.MODEL_NPZ)).isNotEmptyFile();
        assertThat(rows(metrics)).isEqualTo(k + 1);
        assertThat(log).contains("checkpoint after iteration " + k).doesNotContain("\tat ");

        CliRunner.Result resumed = CliRunner.run("train", "--resume", cut.toString(), "--data-dir",
                temp.resolve("data").toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming " + cut.toAbsolutePath() + " after iteration " + k);
        CliRunner.Result full = CliRunner.run(args("full").toArray(String[]::new));
        assertThat(full.exitCode()).as(full.err()).isZero();

        List<List<String>> expected = org.altmin.experiments.run.ResumeTestSupport.withoutTiming(
                temp.resolve("runs").resolve("full"));
        assertThat(expected).hasSize(ITERATIONS + 2);
        assertThat(org.altmin.experiments.run.ResumeTestSupport.withoutTiming(cut)).isEqualTo(expected);
    }

    @Test
    void resumeTakesTheRunsOwnSpecSoSpecFlagsAreBadInput() throws IOException {
        CliRunner.Result first = CliRunner.run(args("a", "--iterations", "3", "--checkpoint-every", "2")
                .toArray(String[]::new));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path run = temp.resolve("runs").resolve("a");
        byte[] metrics = Files.readAllBytes(run.resolve(RunDirectory.METRICS));

        CliRunner.Result result = CliRunner.run("train", "--resume", run.toString(), "--iterations", "5",
                "--optimizer", "dlam");

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("--resume").contains("--optimizer, --iterations").doesNotContain("\tat ");
        assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
        assertThat(Files.readAllBytes(run.resolve(RunDirectory.METRICS))).isEqualTo(metrics);

        CliRunner.Result zero = CliRunner.run(args("b", "--checkpoint-every", "0").toArray(String[]::new));
        assertThat(zero.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(zero.err()).contains("--checkpoint-every");
        assertThat(temp.resolve("runs").resolve("b")).doesNotExist();
    }

    private static int rows(Path metrics) throws IOException {
        if (!Files.exists(metrics)) {
            return 0;
        }
        return (int) Math.max(0, Files.readAllLines(metrics).stream().filter(l -> !l.isEmpty()).count() - 1);
    }
}
