package org.altmin.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingResult;
import org.altmin.api.Validate;
import org.altmin.experiments.run.ExitStatus;
import org.altmin.experiments.run.Progress;
import org.altmin.experiments.run.RunFailedException;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.RunOutcome;
import org.altmin.experiments.run.Runner;
import org.altmin.experiments.wiring.RunSpecIo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code altmin train}: a thin shell over {@link Runner}. It builds a {@link RunSpec} from {@code --config} and flags
 * (flags win) and the {@link RunOptions} from the other flags, runs, and maps the outcome to an exit code
 * ({@link AltminCli}): the runner validates everything (names, parameters, parts, data, shapes, and what the
 * optimizer's {@code prepare} checks) before it creates the run's own directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = AltminCli.EXIT_CODES_HEADING,
        exitCodeList = {AltminCli.EXIT_CODE_OK, AltminCli.EXIT_CODE_ERROR, AltminCli.EXIT_CODE_BAD_INPUT,
                AltminCli.EXIT_CODE_DIVERGED, AltminCli.EXIT_CODE_DATA_UNAVAILABLE, AltminCli.EXIT_CODE_OPTIMIZER_THREW},
        description = "Train a network. Writes a new directory under --output with spec.yaml, provenance.json, "
                + "model.npz and model.json (the trained network), "
                + "metrics.csv, summary.json and PNG plots.")
public final class TrainCommand implements Callable<Integer> {
    /** The default output directory. */
    public static final String DEFAULT_OUTPUT = "runs";

    @Option(names = "--config", paramLabel = "FILE", description = "A RunSpec in YAML or JSON; flags override it.")
    Path config;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer (default dlam): dlam, mdlam, admm, sgd, adam, ...")
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

    @Option(names = "--monitor", description = "Check Properties 1-3 during the run (boundedness, sufficient "
            + "descent, subgradient bound) where the optimizer's theory claims them (SKIPPED with the reason "
            + "otherwise); verdicts in summary.json, reports in monitors.json.")
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

    /**
     * The runner's options: the spec from {@link #runSpec()}, the output, data and monitor flags; the log and the
     * progress go to {@code log} (the CLI's stderr).
     */
    RunOptions runOptions(PrintWriter log) {
        Validate.atLeastOne("altmin train", "--monitor-stride", monitorStride);
        return RunOptions.builder(runSpec())
                .output(output)
                .name(name)
                .dataDirectory(dataDir)
                .fetch(!noFetch)
                .monitor(monitor)
                .monitorStride(monitorStride)
                .log(message -> {
                    log.println("altmin: " + message);
                    log.flush();
                })
                // A bar (which the progressbar library draws on stderr) only when the console is interactive.
                .progress(log, Progress.stdoutIsTerminal())
                .command(commandSpec.commandLine().getParseResult() != null
                        ? commandSpec.commandLine().getParseResult().originalArgs() : List.of())
                .build();
    }

    /**
     * Runs the {@link Runner}; its exceptions for bad input and missing data reach {@link AltminCli}, which maps them
     * to exit codes {@value AltminCli#EXIT_BAD_INPUT} and {@value AltminCli#EXIT_DATA_UNAVAILABLE} (no run directory
     * exists then).
     */
    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        RunOutcome outcome;
        try {
            outcome = Runner.run(runOptions(err));
        } catch (RunFailedException e) {
            err.println("altmin: the optimizer failed; partial results in " + e.directory());
            e.getCause().printStackTrace(err);
            err.flush();
            return ExitStatus.ERROR.code();
        }
        if (outcome.status() == TrainingResult.Status.DIVERGED) {
            err.println("altmin: run diverged: " + outcome.result().diagnosis());
            err.flush();
        }
        // The result on stdout: the run directory, e.g. RUN=$(bin/altmin train ...) for evaluate, predict, compare.
        out.println(outcome.directory());
        out.flush();
        return outcome.exit().code();
    }
}
