package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingResult;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.RunOutcome;
import org.altmin.experiments.run.Runner;
import org.altmin.experiments.wiring.RunSpecIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code altmin train} with the shipped optimizers (DLAM, mDLAM, the ADMM of Taylor et al., SGD) on small synthetic
 * data: their own columns reach {@code metrics.csv}, the monitors attach by theory, and choices their
 * {@code prepare} (or their part registries) reject exit 2 without a run directory.
 */
class ShippedOptimizersTest {
    @TempDir
    Path temp;

    private Path output() {
        return temp.resolve("runs");
    }

    private String[] args(String optimizer, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--optimizer", optimizer, "--dataset", "synthetic",
                "--data-option", "features=6", "--train-size", "120", "--test-size", "40", "--widths", "8",
                "--iterations", "4", "--seed", "3", "--output", output().toString(), "--data-dir",
                temp.resolve("data").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private List<Path> runDirectories() throws IOException {
        if (!Files.exists(output())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(output())) {
            return dirs.sorted().toList();
        }
    }

    private static List<String> header(Path dir) throws IOException {
        return List.of(Files.readAllLines(dir.resolve(RunDirectory.METRICS)).get(0).split(","));
    }

    private static JsonNode json(Path file) throws IOException {
        return RunSpecIo.json().readTree(file.toFile());
    }

    @Test
    void dlamRejectsTheClipBlockAsWBeforeAnyDirectoryExists() throws IOException {
        CliRunner.Result result = CliRunner.run(args("dlam", "--part", "W=z-clip"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("z-clip").doesNotContain("\tat ");
        assertThat(result.err().lines().filter(l -> !l.startsWith("altmin: load"))).as("one message: " + result.err())
                .hasSize(1);
        assertThat(result.err()).doesNotContain("run directory");
        assertThat(runDirectories()).isEmpty();
    }

    @Test
    void dlamRejectsTheExactWBlockWithAnL1RegularizerBeforeAnyDirectoryExists() throws IOException {
        CliRunner.Result result = CliRunner.run(args("dlam", "--part", "W=w-exact", "--regularizer", "l1"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("w-exact").doesNotContain("\tat ");
        assertThat(result.err().lines().filter(l -> !l.startsWith("altmin: load"))).as("one message: " + result.err())
                .hasSize(1);
        assertThat(result.err()).doesNotContain("run directory");
        assertThat(runDirectories()).isEmpty();
    }

    @Test
    void dlamWritesEveryBlockAndItsTermsAndPassesItsMonitors() throws IOException {
        // Theorem 1's setting, one flag away from the default eps schedule: a fixed eps, under which every monitor applies
        CliRunner.Result result = CliRunner.run(args("dlam", "--monitor", "--param", "epsilonDecay=1", "--name", "dlam"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path dir = output().resolve("dlam");
        List<String> header = header(dir);
        assertThat(header.subList(0, 6)).containsExactly("iteration", "objective", "risk", "regularization",
                "coupling", "infeasibility");
        for (String key : List.of("W_1", "b_1", "z_1", "a_1", "W_2", "b_2", "z_2")) {
            assertThat(header).as(key).contains(key + "_step_sq", key + "_trials", key + "_modulus",
                    key + "_fallback", key + "_nanos");
        }
        assertThat(Files.readAllLines(dir.resolve(RunDirectory.METRICS))).hasSize(1 + 5);
        JsonNode summary = json(dir.resolve(RunDirectory.SUMMARY));
        List<String> checks = new ArrayList<>();
        summary.get("monitors").forEach(v -> {
            checks.add(v.get("check").asText());
            assertThat(v.get("passed").asBoolean()).as(v.toString()).isTrue();
            assertThat(v.get("skipped").asBoolean()).as(v.toString()).isFalse();
        });
        assertThat(checks).containsExactly("property1.boundedness", "property2.sufficientDescent",
                "property3.subgradientBound", "theorem1.rate");
        assertThat(result.err()).contains("property2.sufficientDescent: PASSED");
        // DLAM's objective model offers every part of Property 3's subgradient
        JsonNode monitors = json(dir.resolve("monitors.json"));
        List<String> parts = new ArrayList<>();
        monitors.get("subgradientBound").get("components").forEach(c -> parts.add(c.asText()));
        assertThat(parts).containsExactly("W", "b", "z", "a");
        assertThat(monitors.get("rate").get("points")).isNotEmpty();
        for (String figure : List.of("monitor-descent.png", "monitor-subgradient.png", "monitor-rate.png",
                "monitor-boundedness.png")) {
            assertThat(dir.resolve(figure)).as(figure).isNotEmptyFile();
        }
    }

    @Test
    void mdlamRunsFromTheCli() throws IOException {
        CliRunner.Result result = CliRunner.run(args("mdlam", "--name", "mdlam"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path dir = output().resolve("mdlam");
        assertThat(json(dir.resolve(RunDirectory.SUMMARY)).get("status").asText()).isEqualTo("MAX_ITERATIONS");
        assertThat(RunSpecIo.read(dir.resolve(RunDirectory.SPEC)).optimizer().name()).isEqualTo("mdlam");
        assertThat(header(dir)).contains("W_1_step_sq", "a_1_step_sq");
    }

    @Test
    void admmWritesItsResidualsAndItsMonitorsAreSkippedWithTheReason() throws IOException {
        CliRunner.Result result = CliRunner.run(args("admm", "--monitor", "--name", "admm"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path dir = output().resolve("admm");
        List<String> header = header(dir);
        assertThat(header).contains("primal_residual", "multiplier_step", "activation_residual_1", "risk",
                "penalty", "multiplier");
        List<String> lines = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
        assertThat(lines).hasSize(1 + 5);
        String[] last = lines.get(5).split(",", -1);
        assertThat(Double.parseDouble(last[header.indexOf("primal_residual")])).isFinite();
        assertThat(Double.parseDouble(last[header.indexOf("multiplier_step")])).isFinite();
        JsonNode summary = json(dir.resolve(RunDirectory.SUMMARY));
        assertThat(summary.get("monitors")).hasSize(4);
        summary.get("monitors").forEach(v -> {
            assertThat(v.get("skipped").asBoolean()).as(v.toString()).isTrue();
            String reason = v.get("detail").asText().replaceFirst("^skipped: ", "");
            assertThat(reason).as(v.toString()).isNotBlank();
            // the console says why, once
            assertThat(result.err()).contains("altmin: " + v.get("check").asText() + ": SKIPPED - " + reason);
        });
    }

    @Test
    void sgdCountsEpochs() throws IOException {
        CliRunner.Result result = CliRunner.run(args("sgd", "--iterations", "3", "--name", "sgd"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path dir = output().resolve("sgd");
        List<String> header = header(dir);
        assertThat(header.get(0)).isEqualTo("epoch");
        assertThat(header).contains("learning_rate", "W_1_step_sq", "b_2_step_sq").doesNotContain("iteration");
        assertThat(Files.readAllLines(dir.resolve(RunDirectory.METRICS))).hasSize(1 + 4);
        JsonNode summary = json(dir.resolve(RunDirectory.SUMMARY));
        assertThat(summary.get("unit").asText()).isEqualTo("epoch");
        assertThat(summary.get("iterations").asInt()).isEqualTo(3);
        assertThat(result.err()).contains("epoch 3/3").contains("after 3 epochs");
    }

    @Test
    void eachOptimizerTrainsInTheSpecsDtypeWithoutAGlobalDefault() {
        DataType global = Nd4j.defaultFloatingPointType();
        for (String optimizer : List.of("dlam", "mdlam", "admm", "sgd")) {
            for (String dtype : List.of("DOUBLE", "FLOAT")) {
                RunSpec spec = new RunSpec(ComponentSpec.of(optimizer), null, null, null, List.of(8),
                        new DataSpec("synthetic", 120, 40, null, Map.of("features", "6")), 2, 3L, dtype, List.of());

                RunOutcome outcome = Runner.run(RunOptions.builder(spec).output(output())
                        .dataDirectory(temp.resolve("data")).build());

                String what = optimizer + " in " + dtype;
                assertThat(outcome.status()).as(what).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
                assertThat(outcome.result().weights()).as(what)
                        .allSatisfy(w -> assertThat(w.dataType().name()).isEqualTo(dtype));
                assertThat(outcome.result().biases()).as(what)
                        .allSatisfy(b -> assertThat(b.dataType().name()).isEqualTo(dtype));
                assertThat(outcome.summary().trainAccuracy()).as(what).isNotNull();
                assertThat(Nd4j.defaultFloatingPointType()).as(what + ": no global dtype").isEqualTo(global);
            }
        }
    }
}
