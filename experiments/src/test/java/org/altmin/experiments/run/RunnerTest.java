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
import org.altmin.api.IterationReport;
import org.altmin.api.RunContext;
import org.altmin.api.RunSpec;
import org.altmin.api.State;
import org.altmin.api.TrainingResult;
import org.altmin.experiments.data.DataUnavailableException;
import org.altmin.experiments.wiring.Assembly;
import org.altmin.experiments.wiring.RunSpecIo;
import org.example.plugin.GradientDescent;
import org.example.plugin.Identity;
import org.example.plugin.SoftmaxCrossEntropy;
import org.example.plugin.SquaredNorm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Runner} from Java, with the test plug-in's optimizer on the synthetic data set (no download). */
class RunnerTest {
    private static final String PLUGIN = "org.example.plugin.PluginModule";

    @TempDir
    Path temp;

    private static RunSpec spec(List<Integer> hidden, int iterations, String dtype) {
        return new RunSpec(ComponentSpec.of(GradientDescent.NAME), ComponentSpec.of(SoftmaxCrossEntropy.NAME),
                ComponentSpec.of(SquaredNorm.NAME, Map.of("lambda", 1e-3)), ComponentSpec.of(Identity.NAME), hidden,
                new DataSpec("synthetic", 90, 30, null, Map.of("features", "4")), iterations, 7L, dtype,
                List.of(PLUGIN));
    }

    private RunOptions.Builder options(RunSpec spec) {
        return RunOptions.builder(spec).output(temp.resolve("runs")).dataDirectory(temp.resolve("data"));
    }

    private List<Path> runDirectories() throws IOException {
        Path output = temp.resolve("runs");
        if (!Files.exists(output)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(output)) {
            return dirs.sorted().toList();
        }
    }

    @Test
    void fromJavaItReturnsTheOutcomeAndWritesTheFiles() throws IOException {
        List<String> log = new ArrayList<>();
        List<IterationReport> seen = new ArrayList<>();
        IterationListener mine = (report, state) -> seen.add(report);

        RunOutcome outcome = Runner.run(options(spec(List.of(), 12, "FLOAT")).name("java").log(log::add)
                .listener(mine).build());

        assertThat(outcome.directory()).isEqualTo(temp.resolve("runs").resolve("java").toAbsolutePath());
        assertThat(outcome.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(outcome.exit()).isEqualTo(ExitStatus.OK);
        assertThat(outcome.result().iterations()).isEqualTo(12);
        assertThat(outcome.result().last()).hasValueSatisfying(r -> assertThat(r.iteration()).isEqualTo(12));
        assertThat(outcome.result().weights()).singleElement().satisfies(w -> assertThat(w.shape()).containsExactly(3, 4));
        assertThat(outcome.spec().optimizer().params()).containsEntry("rate", GradientDescent.DEFAULT_RATE);
        assertThat(outcome.summary().unit()).isEqualTo("iteration");
        assertThat(outcome.summary().trainAccuracy()).isGreaterThan(0.8);
        assertThat(outcome.verdicts()).isEmpty();
        // the option's own listener saw every report, iteration 0 included
        assertThat(seen).hasSize(13);
        assertThat(seen.get(0).iteration()).isZero();
        assertThat(seen.get(12).objective()).isLessThan(seen.get(0).objective());

        for (String file : List.of(RunDirectory.SPEC, RunDirectory.PROVENANCE, RunDirectory.METRICS,
                RunDirectory.SUMMARY, Curves.OBJECTIVE_PNG, Curves.LAYERS_PNG)) {
            assertThat(outcome.directory().resolve(file)).as(file).isRegularFile();
        }
        assertThat(RunSpecIo.read(outcome.directory().resolve(RunDirectory.SPEC))).isEqualTo(outcome.spec());
        assertThat(Files.readAllLines(outcome.directory().resolve(RunDirectory.METRICS))).hasSize(1 + 13);
        JsonNode summary = RunSpecIo.json().readTree(outcome.directory().resolve(RunDirectory.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo("MAX_ITERATIONS");
        assertThat(summary.get("trainAccuracy").asDouble()).isEqualTo(outcome.summary().trainAccuracy());
        assertThat(log).anyMatch(m -> m.startsWith("loading synthetic"))
                .anyMatch(m -> m.equals("run directory " + outcome.directory()))
                .anyMatch(m -> m.startsWith("MAX_ITERATIONS after 12 iterations"));
    }

    @Test
    void aListenerThatRequestsAStopEndsTheRunAsStopped() throws IOException {
        IterationListener stopper = new IterationListener() {
            private RunContext run;

            @Override
            public void onStart(RunContext context) {
                run = context;
            }

            @Override
            public void onIteration(IterationReport report, State state) {
                if (report.iteration() == 3) {
                    run.requestStop("enough after three");
                }
            }
        };

        RunOutcome outcome = Runner.run(options(spec(List.of(), 50, "FLOAT")).name("stopped").listener(stopper)
                .build());

        assertThat(outcome.status()).isEqualTo(TrainingResult.Status.STOPPED);
        assertThat(outcome.exit()).isEqualTo(ExitStatus.OK);
        assertThat(outcome.result().iterations()).isEqualTo(3);
        assertThat(outcome.result().diagnosis()).isEqualTo("enough after three");
        JsonNode summary = RunSpecIo.json().readTree(outcome.directory().resolve(RunDirectory.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo("STOPPED");
        assertThat(summary.get("diagnosis").asText()).isEqualTo("enough after three");
        assertThat(summary.get("iterations").asInt()).isEqualTo(3);
        assertThat(Files.readAllLines(outcome.directory().resolve(RunDirectory.METRICS))).hasSize(1 + 4);
    }

    @Test
    void stopWhenStopsAtTheFirstReportThatMeetsItsCondition() {
        // (from iteration 1: the condition is about trained weights, not the W = 0 start)
        RunOutcome outcome = Runner.run(options(spec(List.of(), 200, "FLOAT")).listener(IterationListener.stopWhen(
                r -> r.iteration() > 0 && r.trainAccuracy() >= 0.9, "90% train accuracy")).build());

        assertThat(outcome.status()).isEqualTo(TrainingResult.Status.STOPPED);
        assertThat(outcome.result().iterations()).isBetween(1, 199);
        assertThat(outcome.result().diagnosis())
                .isEqualTo("90% train accuracy at iteration " + outcome.result().iterations());
        assertThat(outcome.summary().trainAccuracy()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void everythingIsValidatedBeforeTheRunDirectoryExists() throws IOException {
        // one hidden layer: the plug-in's prepare rejects it, after the data were loaded
        Runner runner = new Runner(options(spec(List.of(5), 3, "FLOAT")).build());

        assertThatThrownBy(runner::run).isInstanceOf(InvalidParameterException.class)
                .hasMessage("test-gd.network.layers must be 1 (a linear model: --widths none), found 2");
        assertThat(temp.resolve("runs")).doesNotExist();

        // prepare alone writes nothing either
        Assembly assembly = new Runner(options(spec(List.of(), 3, "FLOAT")).build()).prepare();
        assertThat(assembly.problem().network().widths()).containsExactly(4, 3);
        assertThat(runDirectories()).isEmpty();
    }

    @Test
    void missingDataWithoutFetchingIsUnavailableAndLeavesNoDirectory() {
        RunSpec mnist = new RunSpec(ComponentSpec.of(GradientDescent.NAME), ComponentSpec.of(SoftmaxCrossEntropy.NAME),
                null, null, List.of(), DataSpec.of("mnist"), 2, null, null, List.of(PLUGIN));

        assertThatThrownBy(() -> Runner.run(options(mnist).fetch(false).build()))
                .isInstanceOf(DataUnavailableException.class);
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    @Test
    void aListenerThatThrowsFailsTheRunWithAnErrorSummary() throws IOException {
        IterationListener broken = (report, state) -> {
            if (report.iteration() == 2) {
                throw new IllegalStateException("listener broke");
            }
        };

        RunFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(RunFailedException.class,
                () -> Runner.run(options(spec(List.of(), 10, "FLOAT")).name("broken").listener(broken).build()));

        assertThat(failure).isNotNull().hasRootCauseMessage("listener broke");
        assertThat(failure.directory()).isEqualTo(temp.resolve("runs").resolve("broken").toAbsolutePath());
        JsonNode summary = RunSpecIo.json().readTree(failure.directory().resolve(RunDirectory.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo(Summary.ERROR);
        assertThat(summary.get("iterations").asInt()).isEqualTo(2);
        assertThat(summary.get("diagnosis").asText()).contains("listener broke");
        JsonNode provenance = RunSpecIo.json().readTree(failure.directory().resolve(RunDirectory.PROVENANCE).toFile());
        assertThat(provenance.get("end").isNull()).isFalse();
    }

    @Test
    void theDtypeIsTheSpecsWhateverNd4jsDefaultIs() {
        DataType before = Nd4j.defaultFloatingPointType();
        DataType global = Nd4j.dataType();
        RunOutcome asDouble = Runner.run(options(spec(List.of(), 3, "DOUBLE")).build());
        assertThat(asDouble.result().weights()).allSatisfy(w -> assertThat(w.dataType()).isEqualTo(DataType.DOUBLE));
        assertThat(asDouble.result().biases()).allSatisfy(b -> assertThat(b.dataType()).isEqualTo(DataType.DOUBLE));
        assertThat(Nd4j.defaultFloatingPointType()).as("the runner sets no global dtype").isEqualTo(before);

        // and with the opposite global default, a FLOAT spec still trains in FLOAT
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Runner runner = new Runner(options(spec(List.of(), 3, "FLOAT")).build());
            Assembly assembly = runner.prepare();
            assertThat(assembly.problem().dtype()).isEqualTo(DataType.FLOAT);
            for (INDArray array : new INDArray[] {assembly.problem().data().x(), assembly.problem().data().y(),
                    assembly.problem().data().xTest(), assembly.problem().data().yTest()}) {
                assertThat(array.dataType()).isEqualTo(DataType.FLOAT);
            }
            RunOutcome asFloat = runner.run(assembly);
            assertThat(asFloat.result().weights()).allSatisfy(w -> assertThat(w.dataType()).isEqualTo(DataType.FLOAT));
            assertThat(asFloat.summary().trainAccuracy()).isPositive();
        } finally {
            Nd4j.setDefaultDataTypes(global, before);
        }
    }
}
