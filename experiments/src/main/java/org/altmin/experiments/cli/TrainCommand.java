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
import org.altmin.api.InvalidParameterException;
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
                + "metrics.csv, summary.json and PNG plots; with --checkpoint-every K also checkpoints/, from which "
                + "--resume RUN_DIR continues. SIGTERM or SIGINT stops it after the current iteration with its summary "
                + "(status INTERRUPTED), plots and a checkpoint (exit 143 or 130).")
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

    @Option(names = "--checkpoint-every", paramLabel = "K",
            description = "Save the complete solver state every K iterations (epochs for SGD) into the run "
                    + "directory's checkpoints/ (the latest only); a run interrupted by SIGTERM or SIGINT saves one "
                    + "anyway. With --resume: the run's own interval unless given.")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its latest checkpoint, with its own spec.yaml (no spec "
                    + "flags); its metrics.csv becomes that of an uninterrupted run.")
    Path resume;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads for the run's compute (BLAS, ND4J native, Java passes); 0 (default) chooses by "
                    + "workload: every core for full-batch optimizers, 1 for minibatch SGD. Recorded in provenance.json.")
    int threads;

    @Option(names = "--eval-every", paramLabel = "K", defaultValue = "1",
            description = "Run the forward-pass evaluation (train and test loss and accuracy) every K-th iteration, "
                    + "at iteration 0 and at the last (default ${DEFAULT-VALUE}: every iteration); the reports in "
                    + "between carry none (SGD evaluates every epoch: its objective is the training loss).")
    int evalEvery;

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
        if (threads < 0) {
            throw InvalidParameterException.of("altmin train", "--threads", threads, ">= 1, or 0 (by workload)");
        }
        Validate.atLeastOne("altmin train", "--eval-every", evalEvery);
        if (checkpointEvery != null) {
            Validate.atLeastOne("altmin train", "--checkpoint-every", checkpointEvery);
        }
        RunOptions.Builder builder;
        if (resume != null) {
            rejectSpecFlags();
            builder = RunOptions.resuming(resume);
        } else {
            builder = RunOptions.builder(runSpec()).output(output).name(name);
        }
        return builder
                .checkpointEvery(checkpointEvery == null ? 0 : checkpointEvery)
                .shutdownHook(true)
                .dataDirectory(dataDir)
                .fetch(!noFetch)
                .monitor(monitor)
                .monitorStride(monitorStride)
                .threads(threads)
                .evalEvery(evalEvery)
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

    /** {@code --resume} takes the run's own spec: a flag that would change it is bad input. */
    private void rejectSpecFlags() {
        Map<String, Boolean> given = new java.util.LinkedHashMap<>();
        given.put("--config", config != null);
        given.put("--optimizer", optimizer != null);
        given.put("--param", !params.isEmpty());
        given.put("--part", !parts.isEmpty());
        given.put("--part-param", !partParams.isEmpty());
        given.put("--loss", loss != null);
        given.put("--loss-param", !lossParams.isEmpty());
        given.put("--regularizer", regularizer != null);
        given.put("--regularizer-param", !regularizerParams.isEmpty());
        given.put("--activation", activation != null);
        given.put("--activation-param", !activationParams.isEmpty());
        given.put("--widths", widths != null);
        given.put("--dataset", dataset != null);
        given.put("--data-path", dataPath != null);
        given.put("--data-option", !dataOptions.isEmpty());
        given.put("--train-size", trainSize != null);
        given.put("--test-size", testSize != null);
        given.put("--iterations", iterations != null);
        given.put("--seed", seed != null);
        given.put("--dtype", dtype != null);
        given.put("--module", !modules.isEmpty());
        given.put("--name", name != null);
        List<String> flags = given.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        if (!flags.isEmpty()) {
            throw new org.altmin.api.InvalidParameterException("altmin train", "--resume", "continues the run with "
                    + "its own spec.yaml, so it cannot be combined with " + String.join(", ", flags));
        }
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
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                // A file system fault, not the optimizer's: one line, no stack trace.
                err.println("altmin: " + io.getMessage() + "; partial results in " + e.directory());
                err.flush();
                return ExitStatus.ERROR.code();
            }
            err.println("altmin: the optimizer failed; partial results in " + e.directory());
            e.getCause().printStackTrace(err);
            err.flush();
            return ExitStatus.ERROR.code();
        }
        if (outcome.exit() == ExitStatus.INTERRUPTED) {
            err.println("altmin: " + outcome.summary().diagnosis());
            err.flush();
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
