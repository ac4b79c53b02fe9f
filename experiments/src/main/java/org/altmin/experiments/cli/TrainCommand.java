package org.altmin.experiments.cli;

import com.google.inject.Injector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingResult;
import org.altmin.api.Validate;
import org.altmin.experiments.data.DataFetcher;
import org.altmin.experiments.data.DataStore;
import org.altmin.experiments.data.LoadContext;
import org.altmin.experiments.run.Curves;
import org.altmin.experiments.run.MetricsCsv;
import org.altmin.experiments.run.Monitors;
import org.altmin.experiments.run.Progress;
import org.altmin.experiments.run.Provenance;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.run.Summary;
import org.altmin.experiments.wiring.Assembly;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code altmin train}: builds a {@link RunSpec} from {@code --config} and flags (flags win), validates everything
 * (names, parameters, data, shapes) and only then creates the run's own directory, writes the resolved spec and
 * the provenance, trains with metrics, progress and plots, and writes the summary.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network. Writes a new directory under --output with spec.yaml, provenance.json, "
                + "metrics.csv, summary.json and PNG plots.")
public final class TrainCommand implements Callable<Integer> {
    /** The default output directory. */
    public static final String DEFAULT_OUTPUT = "runs";

    @Option(names = "--config", paramLabel = "FILE", description = "A RunSpec in YAML or JSON; flags override it.")
    Path config;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer (default dlam): dlam, sgd, adam, ...")
    String optimizer;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Optimizer parameter, e.g. rho=1e-3 (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--part", paramLabel = "ROLE=NAME", description = "Optimizer part, e.g. W=w-exact (repeatable).")
    List<String> parts = new ArrayList<>();

    @Option(names = "--part-param", paramLabel = "ROLE.KEY=VALUE", description = "Parameter of a part, e.g. W.nu=1 (repeatable).")
    List<String> partParams = new ArrayList<>();

    @Option(names = "--loss", paramLabel = "NAME", description = "Loss R (default cross-entropy): square, cross-entropy, hinge, ...")
    String loss;

    @Option(names = "--loss-param", paramLabel = "KEY=VALUE", description = "Loss parameter (repeatable).")
    List<String> lossParams = new ArrayList<>();

    @Option(names = "--regularizer", paramLabel = "NAME", description = "Regularizer Omega (default none): none, l1, l2, elastic-net, ...")
    String regularizer;

    @Option(names = "--regularizer-param", paramLabel = "KEY=VALUE", description = "Regularizer parameter (repeatable).")
    List<String> regularizerParams = new ArrayList<>();

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation h (default relu): relu, tanh, ...")
    String activation;

    @Option(names = "--activation-param", paramLabel = "KEY=VALUE", description = "Activation parameter (repeatable).")
    List<String> activationParams = new ArrayList<>();

    @Option(names = "--widths", paramLabel = "N1,N2,...", description = "Hidden widths (default 100,100); none for no hidden layer.")
    String widths;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Data set (default mnist): mnist, fashion-mnist, csv, synthetic, ...")
    String dataset;

    @Option(names = "--data-path", paramLabel = "FILE", description = "File of a file-based data set (csv).")
    String dataPath;

    @Option(names = "--data-option", paramLabel = "KEY=VALUE", description = "Data set option, e.g. label=species, features=20 (repeatable).")
    List<String> dataOptions = new ArrayList<>();

    @Option(names = "--train-size", paramLabel = "N", description = "Training samples, a seeded subset (0: all).")
    Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Test samples, a seeded subset (0: all).")
    Integer testSize;

    @Option(names = "--iterations", paramLabel = "K", description = "Iteration budget (default 200).")
    Integer iterations;

    @Option(names = "--seed", paramLabel = "SEED", description = "Master seed (default 42).")
    Long seed;

    @Option(names = "--dtype", paramLabel = "TYPE", description = "FLOAT (default) or DOUBLE.")
    String dtype;

    @Option(names = "--module", paramLabel = "CLASS", description = "Extra Guice module to install (repeatable).")
    List<String> modules = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DIR", defaultValue = DEFAULT_OUTPUT,
            description = "Where run directories are created (default ./${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "Run directory name (default <UTC time>-<optimizer>-<dataset>).")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default $ALTMIN_DATA or ~/.altmin/data).")
    Path dataDir;

    @Option(names = "--no-fetch", description = "Fail instead of downloading a missing data set.")
    boolean noFetch;

    @Option(names = "--monitor", description = "Check DLAM's Properties 1-3 during the run (boundedness, sufficient "
            + "descent, subgradient bound); verdicts in summary.json, reports in monitors.json.")
    boolean monitor;

    @Option(names = "--monitor-stride", paramLabel = "K", defaultValue = "1",
            description = "Evaluate the subgradient bound every K-th iteration (default ${DEFAULT-VALUE}).")
    int monitorStride;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    /** The spec from the config file and the flags. */
    RunSpec runSpec() {
        RunSpec base = config != null ? RunSpecIo.read(config) : RunSpec.defaults();
        ComponentSpec optimizerSpec = SpecOverrides.parts(
                SpecOverrides.component(base.optimizer(), optimizer, SpecOverrides.values("--param", params)),
                parts, partParams);
        DataSpec data = base.data();
        if (dataset != null && !dataset.equals(data.name())) {
            data = new DataSpec(dataset, data.trainSize(), data.testSize(), null, Map.of());
        }
        Map<String, String> options = new TreeMap<>(data.options());
        options.putAll(SpecOverrides.pairs("--data-option", dataOptions));
        data = new DataSpec(data.name(), trainSize != null ? trainSize : data.trainSize(),
                testSize != null ? testSize : data.testSize(), dataPath != null ? dataPath : data.path(), options);
        List<String> allModules = new ArrayList<>(base.modules());
        modules.stream().filter(m -> !allModules.contains(m)).forEach(allModules::add);
        return new RunSpec(optimizerSpec,
                SpecOverrides.component(base.loss(), loss, SpecOverrides.values("--loss-param", lossParams)),
                SpecOverrides.component(base.regularizer(), regularizer,
                        SpecOverrides.values("--regularizer-param", regularizerParams)),
                SpecOverrides.component(base.activation(), activation,
                        SpecOverrides.values("--activation-param", activationParams)),
                widths != null ? SpecOverrides.widths(widths) : base.hiddenWidths(), data,
                iterations != null ? iterations : base.iterations(), seed != null ? seed : base.seed(),
                dtype != null ? dtype : base.dtype(), allModules);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        Consumer<String> log = message -> {
            out.println("altmin: " + message);
            out.flush();
        };

        // 1. Everything that can be wrong with the input fails here, before a run directory exists.
        RunSpec spec = runSpec();
        Validate.atLeastOne("altmin train", "--monitor-stride", monitorStride);
        DataType dataType = spec.dataType();
        Nd4j.setDefaultDataTypes(dataType, dataType);
        Injector injector = Wiring.injector(spec.modules());
        Wiring.Components components = Wiring.components(spec, injector);
        Path dataDirectory = dataDir != null ? dataDir.toAbsolutePath() : DataStore.directory();
        LoadContext context = new LoadContext(dataType, spec.seed(), dataDirectory,
                noFetch ? null : new DataFetcher(log), log);
        log.accept("loading " + spec.data().name());
        long loadStart = System.nanoTime();
        Assembly assembly = Wiring.assemble(spec, components, injector, context);
        RunSpec resolved = assembly.resolved();
        log.accept(String.format(java.util.Locale.ROOT, "loaded in %.2f s: network ", (System.nanoTime() - loadStart) / 1e9)
                + assembly.problem().network().widths() + ", " + assembly.problem().data().samples()
                + " training samples, " + (assembly.problem().data().hasTest()
                        ? assembly.problem().data().xTest().columns() + " test samples" : "no test set")
                + ", " + resolved.dtype());

        // 2. The run's own directory, with the resolved spec written before training starts.
        Instant start = Instant.now();
        Path directory = RunDirectory.create(output.toAbsolutePath(),
                name != null ? name : RunDirectory.defaultName(start, resolved.optimizer().name(), resolved.data().name()));
        log.accept("run directory " + directory);
        RunSpecIo.write(resolved, directory.resolve(RunDirectory.SPEC));
        Provenance provenance = Provenance.capture(resolved.dtype(), resolved.seed(),
                commandSpec.commandLine().getParseResult() != null
                        ? commandSpec.commandLine().getParseResult().originalArgs() : List.of(), start);
        writeJson(directory.resolve(RunDirectory.PROVENANCE), provenance);

        // 3. Train.
        Curves curves = new Curves();
        Monitors monitors = monitor ? new Monitors(resolved.optimizer(), monitorStride) : null;
        List<IterationListener> listeners = new ArrayList<>();
        listeners.add(curves);
        if (monitors != null) {
            listeners.addAll(monitors.listeners());
        }
        TrainingResult result;
        long t0 = System.nanoTime();
        try (MetricsCsv metrics = new MetricsCsv(directory.resolve(RunDirectory.METRICS));
             Progress progress = Progress.create(resolved.iterations(), out, Progress.stdoutIsTerminal())) {
            listeners.add(0, metrics);
            listeners.add(progress);
            result = assembly.optimizer().fit(assembly.problem(), resolved.iterations(), IterationListener.all(listeners));
        } catch (InvalidParameterException e) {
            // Bad input that only the optimizer could detect: the run never started, so it leaves no directory.
            deleteRunDirectory(directory);
            throw e;
        } catch (RuntimeException e) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            writeJson(directory.resolve(RunDirectory.SUMMARY),
                    Summary.error(e, curves.records().size(), seconds, directory.toString()));
            writeJson(directory.resolve(RunDirectory.PROVENANCE), provenance.ended(Instant.now()));
            err.println("altmin: the optimizer failed; partial results in " + directory);
            e.printStackTrace(err);
            err.flush();
            return AltminCli.EXIT_ERROR;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        // 4. Results.
        Summary summary = Summary.of(result, seconds, directory.toString(), monitors == null ? null : monitors.results());
        writeJson(directory.resolve(RunDirectory.SUMMARY), summary);
        if (monitors != null) {
            writeJson(directory.resolve(Monitors.FILE), monitors.reports());
            for (Monitors.Result verdict : monitors.results()) {
                out.println("altmin: " + verdict.check() + ": " + (verdict.skipped() ? "SKIPPED"
                        : verdict.passed() ? "PASSED" : "FAILED") + " - " + verdict.detail()
                        + (verdict.counterexample() != null ? " [" + verdict.counterexample() + "]" : ""));
            }
        }
        writeJson(directory.resolve(RunDirectory.PROVENANCE), provenance.ended(Instant.now()));
        curves.write(directory, resolved.optimizer().name() + " on " + resolved.data().name() + " "
                + assembly.problem().network().widths());
        out.printf("altmin: %s after %d iterations in %s: train acc %s, test acc %s%n", result.status(),
                result.iterations(), Duration.ofMillis(Math.round(seconds * 1000)).toString().substring(2).toLowerCase(),
                format(summary.trainAccuracy()), format(summary.testAccuracy()));
        out.println("altmin: results in " + directory);
        out.flush();
        if (result.status() == TrainingResult.Status.DIVERGED) {
            err.println("altmin: run diverged: " + result.diagnosis());
            err.flush();
            return AltminCli.EXIT_DIVERGED;
        }
        return AltminCli.EXIT_OK;
    }

    private static String format(Double value) {
        return value == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Files.writeString(file, RunSpecIo.json().writeValueAsString(value) + "\n");
    }

    private static void deleteRunDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Leaving a stub directory behind is not worth masking the input error.
        }
    }
}
