package org.altmin.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingResult;
import org.altmin.experiments.model.Npz;
import org.altmin.experiments.wiring.RunSpecIo;
import org.example.plugin.GradientDescent;
import org.example.plugin.Identity;
import org.example.plugin.SoftmaxCrossEntropy;
import org.example.plugin.SquaredNorm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoints and resume from Java: a run cut after a checkpoint and resumed writes the {@code metrics.csv} (timing
 * columns aside) and the model of the uninterrupted run, bit for bit, for each shipped optimizer in FLOAT and
 * DOUBLE; an interrupted run saves a final checkpoint; a checkpoint of another spec, a corrupt one, or an optimizer
 * that cannot save its state is bad input that writes nothing.
 */
class ResumeTest {
    private static final int ITERATIONS = 9;

    @TempDir
    Path temp;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String dtype : List.of("FLOAT", "DOUBLE")) {
            for (String optimizer : List.of("dlam", "mdlam", "admm", "adam")) {
                cases.add(Arguments.of(optimizer, dtype));
            }
        }
        cases.add(Arguments.of("momentum", "FLOAT"));
        return cases.stream();
    }

    /** A small run of {@code optimizer} whose every kind of state moves: eps shrinks, SGD shuffles 3 batches. */
    private static RunSpec spec(String optimizer, String dtype) {
        Map<String, Object> params = switch (optimizer) {
            case "dlam", "mdlam" -> Map.of("rho", 0.3, "epsilon", 1.0, "epsilonDecay", 0.7, "epsilonFloor", 0.01);
            case "admm" -> Map.of();
            default -> Map.of("batchSize", 32, "learningRate", 0.05);
        };
        return new RunSpec(ComponentSpec.of(optimizer, params), ComponentSpec.of("cross-entropy"),
                ComponentSpec.of("none"), ComponentSpec.of("relu"), List.of(7, 5),
                new DataSpec("synthetic", 90, 30, null, Map.of("features", "6")), ITERATIONS, 11L, dtype, List.of());
    }

    private RunOptions.Builder options(RunSpec spec, String name) {
        return RunOptions.builder(spec).output(temp.resolve("runs")).name(name).dataDirectory(temp.resolve("data"));
    }

    private RunOptions.Builder resuming(Path run) {
        return RunOptions.resuming(run).dataDirectory(temp.resolve("data"));
    }

    /** Throws in iteration k, as a crash would (after the checkpoints before k were written). */
    private static IterationListener crashAt(int k) {
        return (report, state) -> {
            if (report.iteration() == k) {
                throw new IllegalStateException("simulated crash in iteration " + k);
            }
        };
    }

    static List<List<String>> withoutTiming(Path run) throws IOException {
        return ResumeTestSupport.withoutTiming(run);
    }

    private static Map<String, INDArray> model(Path run) {
        return Npz.read(run.resolve(RunDirectory.MODEL_NPZ));
    }

    private static JsonNode summary(Path run) throws IOException {
        return RunSpecIo.json().readTree(run.resolve(RunDirectory.SUMMARY).toFile());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aRunCutAfterACheckpointResumesToTheUninterruptedRunsMetrics(String optimizer, String dtype) throws IOException {
        RunSpec spec = spec(optimizer, dtype);
        RunOutcome full = Runner.run(options(spec, "full").build());
        assertThat(full.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);

        assertThatThrownBy(() -> Runner.run(options(spec, "cut").checkpointEvery(3).listener(crashAt(7)).build()))
                .isInstanceOf(RunFailedException.class);
        Path cut = temp.resolve("runs").resolve("cut").toAbsolutePath();
        assertThat(Checkpoint.latest(cut)).hasValueSatisfying(
                p -> assertThat(p.getFileName().toString()).isEqualTo("iteration-000006"));
        // The older checkpoint (iteration 3) was replaced.
        try (Stream<Path> kept = Files.list(cut.resolve(Checkpoint.DIRECTORY))) {
            assertThat(kept.map(p -> p.getFileName().toString())).containsExactly("iteration-000006");
        }
        assertThat(withoutTiming(cut)).hasSize(1 + 8); // the header, iterations 0..7 (the crash in 7 after its row)

        RunOutcome resumed = Runner.run(resuming(cut).build());

        assertThat(resumed.directory()).isEqualTo(cut);
        assertThat(resumed.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(resumed.result().iterations()).isEqualTo(ITERATIONS);
        assertThat(withoutTiming(cut)).hasSize(1 + ITERATIONS + 1).isEqualTo(withoutTiming(full.directory()));
        Map<String, INDArray> expected = model(full.directory());
        Map<String, INDArray> actual = model(cut);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, w) -> assertThat(actual.get(key)).as(key).isEqualTo(w));
        assertThat(summary(cut).get("status").asText()).isEqualTo("MAX_ITERATIONS");
        // The resume saved at 9 (every 3, the interval kept from the checkpoint).
        assertThat(Checkpoint.latest(cut)).hasValueSatisfying(
                p -> assertThat(p.getFileName().toString()).isEqualTo("iteration-000009"));
    }

    @Test
    void anInterruptedRunSavesAFinalCheckpointAndItsSummarySaysInterrupted() throws IOException {
        RunSpec spec = spec("mdlam", "FLOAT");
        RunOutcome full = Runner.run(options(spec, "full").build());
        RunInterrupt interrupt = new RunInterrupt();
        IterationListener signalAt4 = (report, state) -> {
            if (report.iteration() == 4) {
                interrupt.request("test interrupt");
            }
        };

        RunOutcome cut = Runner.run(options(spec, "cut").interrupt(interrupt).listener(signalAt4).build());

        assertThat(cut.exit()).isEqualTo(ExitStatus.INTERRUPTED);
        assertThat(cut.exit().code()).isEqualTo(130);
        assertThat(cut.result().iterations()).isEqualTo(4);
        JsonNode summary = summary(cut.directory());
        assertThat(summary.get("status").asText()).isEqualTo(Summary.INTERRUPTED);
        assertThat(summary.get("diagnosis").asText()).startsWith("test interrupt after iteration 4")
                .contains("--resume " + cut.directory());
        assertThat(cut.directory().resolve(Curves.OBJECTIVE_PNG)).isNotEmptyFile();
        assertThat(cut.directory().resolve(RunDirectory.MODEL_NPZ)).isNotEmptyFile();
        Checkpoint checkpoint = Checkpoint.load(cut.directory(),
                org.altmin.experiments.model.Model.sha256(cut.directory().resolve(RunDirectory.SPEC)));
        assertThat(checkpoint.iteration()).isEqualTo(4);
        assertThat(checkpoint.info().checkpointEvery()).isZero();
        assertThat(checkpoint.snapshot().arrays()).containsKeys("W_1", "z_3", "a_2", "wa_1",
                "block.W_1.previous_1", "block.a_2.previous_2");
        assertThat(checkpoint.snapshot().numbers()).containsKeys("epsilon", "mdlam.t");

        RunOutcome resumed = Runner.run(resuming(cut.directory()).build());

        assertThat(resumed.exit()).isEqualTo(ExitStatus.OK);
        assertThat(withoutTiming(cut.directory())).isEqualTo(withoutTiming(full.directory()));
        assertThat(summary(cut.directory()).get("status").asText()).isEqualTo("MAX_ITERATIONS");
        assertThat(cut.directory().resolve("provenance-resumed-000004.json")).isNotEmptyFile();
    }

    @Test
    void aCheckpointOfAnotherSpecOrACorruptOneIsBadInputAndWritesNothing() throws IOException {
        RunSpec spec = spec("dlam", "DOUBLE");
        assertThatThrownBy(() -> Runner.run(options(spec, "a").checkpointEvery(2).listener(crashAt(5)).build()))
                .isInstanceOf(RunFailedException.class);
        Path run = temp.resolve("runs").resolve("a").toAbsolutePath();
        Path specFile = run.resolve(RunDirectory.SPEC);
        String original = Files.readString(specFile);
        Map<Path, byte[]> before = files(run);

        Files.writeString(specFile, original.replace("seed: 11", "seed: 12"));
        assertThatThrownBy(() -> Runner.run(resuming(run).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("spec.yaml was changed since");
        Files.writeString(specFile, original);

        // A spec other than the run's own, from Java.
        assertThatThrownBy(() -> Runner.run(RunOptions.builder(spec("dlam", "FLOAT")).resume(run)
                .dataDirectory(temp.resolve("data")).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("is not the run's own");

        Path state = Checkpoint.latest(run).orElseThrow().resolve(Checkpoint.STATE);
        byte[] good = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> Runner.run(resuming(run).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(state.toString()).hasMessageContaining("truncated or modified");
        Files.write(state, good);

        Map<Path, byte[]> after = files(run);
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
    }

    @Test
    void aCheckpointOfAnotherNetworkIsRejectedBeforeAnythingIsWritten() throws IOException {
        RunSpec spec = spec("sgd", "FLOAT");
        Runner.run(options(spec, "a").checkpointEvery(2).build());
        Path run = temp.resolve("runs").resolve("a").toAbsolutePath();
        Path other = temp.resolve("runs").resolve("b");
        RunSpec wider = new RunSpec(spec.optimizer(), spec.loss(), spec.regularizer(), spec.activation(), List.of(7, 6),
                spec.data(), spec.iterations(), spec.seed(), spec.dtype(), spec.modules());
        Runner.run(options(wider, "b").checkpointEvery(2).build());
        // b's checkpoint in a's directory, with a's spec hash: the shapes no longer fit.
        Path target = Checkpoint.latest(run).orElseThrow();
        Path source = Checkpoint.latest(other).orElseThrow();
        Files.copy(source.resolve(Checkpoint.STATE), target.resolve(Checkpoint.STATE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonNode info = RunSpecIo.json().readTree(target.resolve(Checkpoint.INFO).toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) info).put("stateSha256",
                org.altmin.experiments.model.Model.sha256(target.resolve(Checkpoint.STATE)));
        Files.writeString(target.resolve(Checkpoint.INFO), RunSpecIo.json().writeValueAsString(info));
        Map<Path, byte[]> before = files(run);

        assertThatThrownBy(() -> Runner.run(resuming(run).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("W_2").hasMessageContaining("another network");
        Map<Path, byte[]> after = files(run);
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
    }

    @Test
    void anOptimizerThatCannotSaveItsStateIsRejectedBeforeARunDirectoryExists() {
        RunSpec spec = new RunSpec(ComponentSpec.of(GradientDescent.NAME), ComponentSpec.of(SoftmaxCrossEntropy.NAME),
                ComponentSpec.of(SquaredNorm.NAME), ComponentSpec.of(Identity.NAME), List.of(),
                new DataSpec("synthetic", 30, 10, null, Map.of("features", "4")), 3, 7L, "FLOAT",
                List.of("org.example.plugin.PluginModule"));

        assertThatThrownBy(() -> Runner.run(options(spec, "gd").checkpointEvery(1).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("--checkpoint-every")
                .hasMessageContaining("'" + GradientDescent.NAME + "' does not");
        assertThat(temp.resolve("runs").resolve("gd")).doesNotExist();
        // Without checkpoints it runs; interrupted, it says there is no checkpoint.
        RunInterrupt interrupt = new RunInterrupt();
        interrupt.request("early");
        RunOutcome outcome = Runner.run(options(spec, "gd").interrupt(interrupt).build());
        assertThat(outcome.exit()).isEqualTo(ExitStatus.INTERRUPTED);
        assertThat(outcome.summary().diagnosis()).contains("no checkpoint");
        assertThat(outcome.directory().resolve(Checkpoint.DIRECTORY)).doesNotExist();
    }

    @Test
    void aRunDirectoryWithoutACheckpointCannotBeResumed() {
        RunOutcome done = Runner.run(options(spec("admm", "FLOAT"), "plain").build());
        assertThatThrownBy(() -> Runner.run(resuming(done.directory()).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("has no checkpoint");
        assertThatThrownBy(() -> RunOptions.resuming(temp.resolve("nowhere")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("--resume").hasMessageContaining("a run directory");
    }

    private static Map<Path, byte[]> files(Path root) throws IOException {
        Map<Path, byte[]> out = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
