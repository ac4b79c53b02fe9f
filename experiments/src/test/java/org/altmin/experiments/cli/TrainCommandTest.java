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
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingResult;
import org.altmin.experiments.run.ExitStatus;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;
import org.example.plugin.GradientDescent;
import org.example.plugin.Identity;
import org.example.plugin.SoftmaxCrossEntropy;
import org.example.plugin.SquaredNorm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code altmin train} end to end, in-process, with the test plug-in module (the shipped components live in
 * other modules): run directory contents, bad input leaving no directory, divergence, no overwriting.
 */
class TrainCommandTest {
    private static final String PLUGIN = "org.example.plugin.PluginModule";

    @TempDir
    Path temp;

    private List<String> pluginArgs(Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--module", PLUGIN, "--dataset", "synthetic",
                "--optimizer", GradientDescent.NAME, "--loss", SoftmaxCrossEntropy.NAME,
                "--regularizer", SquaredNorm.NAME, "--activation", Identity.NAME, "--widths", "none",
                "--train-size", "90", "--test-size", "30", "--iterations", "12", "--seed", "7",
                "--output", output.toString(), "--data-dir", temp.resolve("data").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private static List<Path> runDirectories(Path output) throws IOException {
        if (!Files.exists(output)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(output)) {
            return dirs.sorted().toList();
        }
    }

    @Test
    void pluginRunWritesTheWholeRunDirectory() throws IOException {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--param", "rate=0.3", "--regularizer-param",
                "lambda=0.001", "--data-option", "features=4", "--name", "e2e").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path dir = output.resolve("e2e");
        assertThat(runDirectories(output)).containsExactly(dir);
        assertThat(dir.resolve(RunDirectory.SPEC)).isRegularFile();
        assertThat(dir.resolve(RunDirectory.PROVENANCE)).isRegularFile();
        assertThat(dir.resolve(RunDirectory.METRICS)).isRegularFile();
        assertThat(dir.resolve(RunDirectory.SUMMARY)).isRegularFile();
        for (String png : List.of("objective.png", "loss.png", "accuracy.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertThat(bytes).as(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }

        // The spec is fully resolved: given values, defaults of every component and the actual data sizes.
        RunSpec spec = RunSpecIo.read(dir.resolve(RunDirectory.SPEC));
        assertThat(spec.optimizer().name()).isEqualTo(GradientDescent.NAME);
        assertThat(spec.optimizer().params()).containsEntry("rate", 0.3).containsEntry("rho", GradientDescent.DEFAULT_RHO)
                .containsEntry("failAt", 0L);
        assertThat(spec.regularizer().params()).containsEntry("lambda", 0.001);
        assertThat(spec.hiddenWidths()).isEmpty();
        assertThat(spec.data().trainSize()).isEqualTo(90);
        assertThat(spec.data().testSize()).isEqualTo(30);
        assertThat(spec.data().options()).containsEntry("features", "4").containsEntry("classes", "3");
        assertThat(spec.modules()).containsExactly(PLUGIN);
        assertThat(spec.seed()).isEqualTo(7L);

        // One metrics row per reported iteration, including the starting point (iteration 0); the columns come from
        // the plug-in's own reports: its terms, its diagnostic and its two blocks W_1, b_1.
        List<String> lines = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).containsExactly("iteration", "objective", "risk", "regularization", "train_loss",
                "train_accuracy", "test_loss", "test_accuracy", "nanos", GradientDescent.GRADIENT_NORM,
                "W_1_step_sq", "W_1_trials", "W_1_modulus", "W_1_fallback", "W_1_nanos",
                "b_1_step_sq", "b_1_trials", "b_1_modulus", "b_1_fallback", "b_1_nanos");
        assertThat(lines).hasSize(1 + 13);
        assertThat(lines.get(1)).startsWith("0,");
        assertThat(lines.get(13)).startsWith("12,");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        double finalAccuracy = Double.parseDouble(rows.get(12)[header.indexOf("train_accuracy")]);

        // Real behaviour: F never increases (Armijo), the loss and the gradient fall, every block moved with at least
        // one trial and reports its modulus 2 sigma / t.
        for (int k = 1; k <= 12; k++) {
            double before = Double.parseDouble(rows.get(k - 1)[header.indexOf("objective")]);
            double after = Double.parseDouble(rows.get(k)[header.indexOf("objective")]);
            assertThat(after).as("F at iteration %d", k).isLessThanOrEqualTo(before);
            assertThat(Double.parseDouble(rows.get(k)[header.indexOf("W_1_step_sq")])).isPositive();
            assertThat(Integer.parseInt(rows.get(k)[header.indexOf("W_1_trials")])).isPositive();
            assertThat(Double.parseDouble(rows.get(k)[header.indexOf("b_1_modulus")])).isPositive();
            assertThat(rows.get(k)[header.indexOf("W_1_fallback")]).isEqualTo("0");
        }
        assertThat(Double.parseDouble(rows.get(12)[header.indexOf("train_loss")]))
                .isLessThan(0.5 * Double.parseDouble(rows.get(0)[header.indexOf("train_loss")]));
        assertThat(Double.parseDouble(rows.get(12)[header.indexOf(GradientDescent.GRADIENT_NORM)]))
                .isLessThan(Double.parseDouble(rows.get(0)[header.indexOf(GradientDescent.GRADIENT_NORM)]));
        assertThat(rows.get(0)[header.indexOf("W_1_step_sq")]).isEqualTo("0.0");
        for (String png : List.of("layers.png", "diagnostics.png")) {
            assertThat(Files.readAllBytes(dir.resolve(png))).as(png).startsWith((byte) 0x89, (byte) 'P');
        }

        JsonNode summary = RunSpecIo.json().readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo("MAX_ITERATIONS");
        assertThat(summary.get("unit").asText()).isEqualTo("iteration");
        assertThat(summary.get("iterations").asInt()).isEqualTo(12);
        assertThat(summary.get("trainAccuracy").asDouble()).isEqualTo(finalAccuracy);
        // Well separated blobs: a linear model fits them after a few steps.
        assertThat(summary.get("trainAccuracy").asDouble()).isGreaterThan(0.8);
        assertThat(summary.get("testAccuracy").asDouble()).isGreaterThan(0.7);

        JsonNode provenance = RunSpecIo.json().readTree(dir.resolve(RunDirectory.PROVENANCE).toFile());
        assertThat(provenance.get("javaVersion").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(provenance.get("dtype").asText()).isEqualTo("FLOAT");
        assertThat(provenance.get("seed").asLong()).isEqualTo(7L);
        assertThat(provenance.get("cores").asInt()).isPositive();
        assertThat(provenance.get("nd4jBackend").asText()).isNotBlank();
        assertThat(provenance.get("end").isNull()).isFalse();
        assertThat(provenance.get("device").asText()).startsWith("cpu: ");
        // A full-batch optimizer, threads by workload: the run's share of every core, and why.
        JsonNode threads = provenance.get("threads");
        assertThat(threads.get("workload").asText()).isEqualTo("FULL_BATCH");
        assertThat(threads.get("requestedThreads").asInt()).isZero();
        assertThat(threads.get("blasThreads").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(threads.get("javaParallelism").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(threads.get("reason").asText()).contains("full-batch");

        // Not a terminal under test: one clean progress line per record.
        assertThat(result.err()).contains("iter 12/12").doesNotContain("\r");
        // Progress and logs on stderr; the result, the run directory, alone on stdout.
        assertThat(result.err()).contains("altmin: run directory " + dir);
        assertThat(result.out()).isEqualTo(dir + System.lineSeparator());
    }

    @Test
    void evalEveryLeavesTheIteratesAndEvaluatesEveryKthIteration() throws IOException {
        Path output = temp.resolve("runs");
        assertThat(CliRunner.run(pluginArgs(output, "--name", "all").toArray(String[]::new)).exitCode()).isZero();
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--eval-every", "5", "--name", "fifth")
                .toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> all = Files.readAllLines(output.resolve("all").resolve(RunDirectory.METRICS));
        List<String> fifth = Files.readAllLines(output.resolve("fifth").resolve(RunDirectory.METRICS));
        List<String> header = List.of(all.get(0).split(","));
        assertThat(fifth).hasSameSizeAs(all);
        for (int k = 0; k <= 12; k++) {
            String[] a = all.get(k + 1).split(",", -1);
            String[] f = fifth.get(k + 1).split(",", -1);
            assertThat(f[header.indexOf("objective")]).as("objective %d", k).isEqualTo(a[header.indexOf("objective")]);
            for (String column : List.of("train_loss", "train_accuracy", "test_loss", "test_accuracy")) {
                String value = f[header.indexOf(column)];
                if (k % 5 == 0 || k == 12) {
                    assertThat(value).as("%s at %d", column, k).isEqualTo(a[header.indexOf(column)]);
                } else {
                    assertThat(value.isEmpty() || Double.isNaN(Double.parseDouble(value))).as("%s at %d: %s", column, k, value)
                            .isTrue();
                }
            }
        }
        CliRunner.Result zero = CliRunner.run(pluginArgs(output, "--eval-every", "0", "--name", "zero")
                .toArray(String[]::new));
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--eval-every").contains("0");
        assertThat(output.resolve("zero")).doesNotExist();
    }

    @Test
    void monitorsReportPropertiesOneToThree() throws IOException {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--monitor", "--monitor-stride", "2", "--name", "m")
                .toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path dir = output.resolve("m");
        JsonNode summary = RunSpecIo.json().readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        List<String> checks = new ArrayList<>();
        summary.get("monitors").forEach(v -> checks.add(v.get("check").asText()));
        assertThat(checks).containsExactly("property1.boundedness", "property2.sufficientDescent",
                "property3.subgradientBound", "theorem1.rate");
        JsonNode monitors = RunSpecIo.json().readTree(dir.resolve("monitors.json").toFile());
        // 12 iterations after the starting point: every one checked for descent, every second for the bound.
        assertThat(monitors.get("sufficientDescent").get("checked").asInt()).isEqualTo(12);
        assertThat(monitors.get("subgradientBound").get("evaluated").asInt()).isEqualTo(6);
        assertThat(monitors.get("boundedness").get("iterations").asInt()).isPositive();
        assertThat(result.err()).contains("property1.boundedness: PASSED");
    }

    @Test
    void aSecondRunNeverOverwritesTheFirst() throws IOException {
        Path output = temp.resolve("runs");
        assertThat(CliRunner.run(pluginArgs(output, "--name", "same").toArray(String[]::new)).exitCode()).isZero();
        Path first = output.resolve("same");
        byte[] firstMetrics = Files.readAllBytes(first.resolve(RunDirectory.METRICS));

        CliRunner.Result second = CliRunner.run(pluginArgs(output, "--name", "same", "--seed", "8")
                .toArray(String[]::new));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(runDirectories(output)).containsExactly(first, output.resolve("same-2"));
        assertThat(Files.readAllBytes(first.resolve(RunDirectory.METRICS))).isEqualTo(firstMetrics);
        assertThat(RunSpecIo.read(output.resolve("same-2").resolve(RunDirectory.SPEC)).seed()).isEqualTo(8L);
    }

    @Test
    void negativeRhoIsRejectedBeforeAnyDirectoryExists() throws IOException {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--param", "rho=-1e-3").toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("test-gd.rho must be > 0 and finite, found -0.001")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.err()).as("rejected before the data is loaded").doesNotContain("loading");
        assertThat(output).doesNotExist();
    }

    @Test
    void whatTheOptimizersPrepareRejectsExitsTwoWithoutADirectory() throws IOException {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--widths", "5").toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("test-gd.network.layers must be 1 (a linear model: --widths none), found 2")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.err().lines().filter(l -> !l.startsWith("altmin: load"))).as("one message, after the log")
                .hasSize(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).as("rejected after loading, before a directory").contains("loading")
                .doesNotContain("run directory");
        assertThat(runDirectories(output)).isEmpty();
    }

    @Test
    void unknownOptimizerListsTheKnownOnes() {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--optimizer", "nope").toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("optimizer.name must be one of [", GradientDescent.NAME, "found 'nope'");
        assertThat(output).doesNotExist();
    }

    @Test
    void unknownOptimizerParameterIsRejected() {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--param", "rhoo=1").toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("rhoo", "known parameters");
        assertThat(output).doesNotExist();
    }

    @Test
    void missingModuleClassIsAClearError() {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--module", "com.example.Missing")
                .toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("RunSpec.modules", "com.example.Missing", "class not found");
        assertThat(output).doesNotExist();
    }

    @Test
    void nanInCsvIsRejectedBeforeAnyDirectoryExists() throws IOException {
        Path csv = temp.resolve("bad.csv");
        Files.writeString(csv, "a,b,label\n1,2,x\n3,NaN,y\n");
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--dataset", "csv", "--data-path", csv.toString(),
                "--train-size", "0", "--test-size", "0").toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("line 3, column 2 (b)", "NaN");
        assertThat(output).doesNotExist();
    }

    @Test
    void shapeMismatchIsRejectedBeforeAnyDirectoryExists() throws IOException {
        Path train = temp.resolve("train.csv");
        Path test = temp.resolve("test.csv");
        Files.writeString(train, "1,2,0\n3,4,1\n5,6,0\n");
        Files.writeString(test, "1,2,3,0\n");
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--dataset", "csv", "--data-path", train.toString(),
                "--data-option", "test=" + test, "--train-size", "0", "--test-size", "0").toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("csv.test", "3 feature columns", "2 feature columns");
        assertThat(output).doesNotExist();
    }

    @Test
    void aDivergedRunExitsNonZeroAndKeepsOnlyItsOwnDirectory() throws IOException {
        Path output = temp.resolve("runs");
        assertThat(CliRunner.run(pluginArgs(output, "--name", "fine").toArray(String[]::new)).exitCode()).isZero();

        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--param", "failAt=3", "--name", "bad")
                .toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_DIVERGED);
        assertThat(result.err()).contains("diverged", "divergence declared at iteration 3");
        assertThat(runDirectories(output)).containsExactly(output.resolve("bad"), output.resolve("fine"));
        JsonNode summary = RunSpecIo.json().readTree(output.resolve("bad").resolve(RunDirectory.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo("DIVERGED");
        assertThat(summary.get("iterations").asInt()).isEqualTo(3);
        assertThat(Files.readAllLines(output.resolve("bad").resolve(RunDirectory.METRICS))).hasSize(1 + 4);
    }

    @Test
    void configFileValuesAreOverriddenByFlags() throws IOException {
        Path config = temp.resolve("run.yaml");
        Files.writeString(config, """
                optimizer: {name: test-gd, params: {rate: 0.1, rho: 2}}
                loss: {name: test-softmax-ce}
                hiddenWidths: [5]
                iterations: 9
                data: {name: synthetic, trainSize: 40, testSize: 10, options: {features: 3}}
                modules: [org.example.plugin.PluginModule]
                """);
        TrainCommand command = parse("train", "--config", config.toString(), "--param", "rate=0.2", "--iterations", "4",
                "--data-option", "classes=5", "--widths", "none", "--module", PLUGIN);

        RunSpec spec = command.runSpec();

        assertThat(spec.optimizer().params()).containsEntry("rate", 0.2).containsEntry("rho", 2L);
        assertThat(spec.loss().name()).isEqualTo(SoftmaxCrossEntropy.NAME);
        assertThat(spec.hiddenWidths()).isEmpty();
        assertThat(spec.iterations()).isEqualTo(4);
        assertThat(spec.data().trainSize()).isEqualTo(40);
        assertThat(spec.data().options()).containsEntry("features", "3").containsEntry("classes", "5");
        assertThat(spec.modules()).containsExactly(PLUGIN);
    }

    @Test
    void flagsParseIntoTheSpec() {
        TrainCommand command = parse("train", "--optimizer", "dlam", "--param", "rho=1e-3", "--param", "epsilon=0.5",
                "--part", "W=w-exact", "--part-param", "W.nu=2", "--loss", "hinge", "--loss-param", "margin=2",
                "--activation", "tanh", "--regularizer", "l2", "--regularizer-param", "lambda=0.1", "--widths", "100,50",
                "--dataset", "mnist", "--train-size", "1000", "--test-size", "500", "--iterations", "30", "--seed", "3",
                "--dtype", "double");

        RunSpec spec = command.runSpec();

        assertThat(spec.optimizer().name()).isEqualTo("dlam");
        assertThat(spec.optimizer().params()).containsEntry("rho", 1e-3).containsEntry("epsilon", 0.5);
        assertThat(spec.optimizer().parts().get("W").name()).isEqualTo("w-exact");
        assertThat(spec.optimizer().parts().get("W").params()).containsEntry("nu", 2L);
        assertThat(spec.loss().params()).containsEntry("margin", 2L);
        assertThat(spec.activation().name()).isEqualTo("tanh");
        assertThat(spec.regularizer().params()).containsEntry("lambda", 0.1);
        assertThat(spec.hiddenWidths()).containsExactly(100, 50);
        assertThat(spec.data().name()).isEqualTo("mnist");
        assertThat(spec.data().trainSize()).isEqualTo(1000);
        assertThat(spec.data().testSize()).isEqualTo(500);
        assertThat(spec.iterations()).isEqualTo(30);
        assertThat(spec.seed()).isEqualTo(3L);
        assertThat(spec.dtype()).isEqualTo("DOUBLE");
    }

    @Test
    void flagValuesAreTypedNumbersBooleansOrStrings() {
        TrainCommand command = parse("train", "--optimizer", "dlam", "--param", "init=HE", "--param", "warmStart=false",
                "--param", "zLFromLabels=True", "--param", "maxBacktracks=60", "--param", "rho=1e-3", "--param",
                "epsilon=.5", "--part", "W=w-exact", "--part-param", "W.exact=true", "--activation", "sign",
                "--activation-param", "ste=true", "--loss-param", "label=x1");

        RunSpec spec = command.runSpec();

        assertThat(spec.optimizer().params()).containsExactlyInAnyOrderEntriesOf(Map.of("init", "HE", "warmStart", false,
                "zLFromLabels", true, "maxBacktracks", 60L, "rho", 1e-3, "epsilon", 0.5));
        assertThat(spec.optimizer().parts().get("W").params()).containsExactlyEntriesOf(Map.of("exact", true));
        assertThat(spec.activation().params()).containsExactlyEntriesOf(Map.of("ste", true));
        assertThat(spec.loss().params()).containsExactlyEntriesOf(Map.of("label", "x1"));
    }

    @Test
    void enumParametersAreNamesAndResolveToLowerCase() {
        for (String name : List.of("HE", "he", "xavier", "Unit")) {
            RunSpec spec = parse("train", "--optimizer", "dlam", "--param", "init=" + name, "--param", "warmStart=false")
                    .runSpec();
            ComponentSpec resolved = Wiring.components(spec, Wiring.injector(spec.modules())).optimizer().spec();
            assertThat(resolved.params()).as(name).containsEntry("init", name.toLowerCase(java.util.Locale.ROOT))
                    .containsEntry("warmStart", false).containsEntry("maxBacktracks", 60L);
        }
    }

    @Test
    void ordinalsZeroOneSwitchesAndNonIntegralCountsAreBadInput() {
        Path output = temp.resolve("runs");
        assertThat(CliRunner.run("train", "--param", "init=1", "--output", output.toString()).err())
                .contains("dlam.init must be one of he, xavier, unit (by name, not by number), found 1");
        assertThat(CliRunner.run("train", "--param", "init=glorot", "--output", output.toString()).err())
                .contains("dlam.init must be one of he, xavier, unit, found 'glorot'");
        assertThat(CliRunner.run("train", "--param", "warmStart=1", "--output", output.toString()).err())
                .contains("dlam.warmStart must be true or false (not a number such as 0 or 1), found 1");
        assertThat(CliRunner.run("train", "--param", "maxBacktracks=2.5", "--output", output.toString()).err())
                .contains("dlam.maxBacktracks must be an integer, found 2.5");
        CliRunner.Result unknown = CliRunner.run("train", "--param", "warmstart=true", "--output", output.toString());
        assertThat(unknown.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(unknown.err()).contains("dlam.warmstart is not a parameter of dlam; known parameters: [")
                .contains("init", "maxBacktracks", "warmStart", "zLFromLabels");
        assertThat(output).doesNotExist();
    }

    @Test
    void theRunDirectorySpecListsTypedParameters() throws IOException {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run("train", "--optimizer", "dlam", "--dataset", "synthetic", "--widths", "6",
                "--train-size", "60", "--test-size", "20", "--iterations", "2", "--data-option", "features=4",
                "--param", "init=xavier", "--param", "warmStart=false", "--name", "typed", "--output", output.toString(),
                "--data-dir", temp.resolve("data").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path file = output.resolve("typed").resolve(RunDirectory.SPEC);
        assertThat(Files.readString(file)).contains("init: xavier", "warmStart: false", "zLFromLabels: false",
                "maxBacktracks: 60\n", "rho: 0.3");
        RunSpec spec = RunSpecIo.read(file);
        assertThat(spec.optimizer().params()).containsEntry("init", "xavier").containsEntry("warmStart", false)
                .containsEntry("maxBacktracks", 60L).containsEntry("rho", 0.3);
    }

    @Test
    void theThreadsFlagIsAppliedAndRecordedAndANegativeCountIsBadInput() throws IOException {
        Path output = temp.resolve("runs");
        CliRunner.Result one = CliRunner.run(pluginArgs(output, "--threads", "1", "--iterations", "2", "--name", "t1")
                .toArray(String[]::new));
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.err()).contains("threads: BLAS 1, native 1, Java 1 (--threads 1 (requested)");
        JsonNode threads = RunSpecIo.json().readTree(output.resolve("t1").resolve(RunDirectory.PROVENANCE).toFile())
                .get("threads");
        assertThat(threads.get("requestedThreads").asInt()).isEqualTo(1);
        assertThat(threads.get("blasThreads").asInt()).isEqualTo(1);
        assertThat(threads.get("nativeThreads").asInt()).isEqualTo(1);
        assertThat(threads.get("javaParallelism").asInt()).isEqualTo(1);
        assertThat(org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads()).as("applied").isEqualTo(1);

        Path bad = temp.resolve("bad");
        CliRunner.Result negative = CliRunner.run("train", "--threads", "-2", "--output", bad.toString());
        assertThat(negative.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(negative.err()).contains("--threads must be >= 1, or 0 (by workload), found -2");
        assertThat(bad).doesNotExist();
    }

    @Test
    void malformedFlagsAreBadInput() {
        Path output = temp.resolve("runs");
        assertThat(CliRunner.run("train", "--param", "rho", "--output", output.toString()).err())
                .contains("--param must be KEY=VALUE, found 'rho'");
        assertThat(CliRunner.run("train", "--param", "rho=abc", "--output", output.toString()).err())
                .contains("must be a number, found 'abc'");
        assertThat(CliRunner.run("train", "--widths", "10,-1", "--output", output.toString()).err())
                .contains("--widths");
        CliRunner.Result dtype = CliRunner.run("train", "--dtype", "HALF", "--output", output.toString());
        assertThat(dtype.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(dtype.err()).contains("RunSpec.dtype must be FLOAT or DOUBLE, found HALF");
        assertThat(output).doesNotExist();
    }

    @Test
    void aMissingDataSetWithoutFetchingExitsFourWithoutADirectory() throws IOException {
        Path output = temp.resolve("runs");
        CliRunner.Result result = CliRunner.run(pluginArgs(output, "--dataset", "mnist", "--no-fetch",
                "--train-size", "0", "--test-size", "0").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(AltminCli.EXIT_DATA_UNAVAILABLE);
        // The log (stderr) says what was being loaded; then the one message.
        assertThat(result.err().lines().filter(l -> !l.startsWith("altmin: loading"))).singleElement()
                .asString().startsWith("altmin: data unavailable: ");
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
        assertThat(runDirectories(output)).isEmpty();
    }

    @Test
    void exitCodesAreTheRunnersExitStatuses() {
        assertThat(AltminCli.EXIT_OK).isEqualTo(ExitStatus.OK.code()).isZero();
        assertThat(AltminCli.EXIT_STOPPED).isEqualTo(ExitStatus.of(TrainingResult.Status.STOPPED).code());
        assertThat(ExitStatus.of(TrainingResult.Status.CONVERGED)).isEqualTo(ExitStatus.OK);
        assertThat(AltminCli.EXIT_BAD_INPUT).isEqualTo(ExitStatus.BAD_INPUT.code());
        assertThat(AltminCli.EXIT_DIVERGED).isEqualTo(ExitStatus.DIVERGED.code())
                .isEqualTo(ExitStatus.of(TrainingResult.Status.DIVERGED).code());
        assertThat(AltminCli.EXIT_DATA_UNAVAILABLE).isEqualTo(ExitStatus.DATA_UNAVAILABLE.code());
        assertThat(AltminCli.EXIT_ERROR).isEqualTo(ExitStatus.ERROR.code());
    }

    private static TrainCommand parse(String... args) {
        var commandLine = AltminCli.commandLine();
        var parsed = commandLine.parseArgs(args);
        return (TrainCommand) parsed.subcommand().commandSpec().userObject();
    }
}
