package org.altmin.experiments.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.RunSpec;
import org.altmin.api.Validate;
import org.altmin.api.kernels.ThreadPolicy;
import org.altmin.experiments.data.DataStore;

/**
 * How {@link Runner} runs a {@link RunSpec}: where the run directory goes, where the data live, and what to attach.
 * Immutable; build it with {@link #builder(RunSpec)}.
 *
 * @param spec          what to train (names and parameters; resolved by the runner)
 * @param output        where run directories are created (default {@code runs})
 * @param name          the run directory's name; null for {@code <UTC time>-<optimizer>-<dataset>}
 * @param dataDirectory where downloaded data sets live; null for {@link DataStore#directory()}
 * @param fetch         whether a missing data set may be downloaded (else the run fails as data unavailable)
 * @param monitor       whether to attach the Property 1-3 monitors ({@link Monitors})
 * @param monitorStride evaluate the subgradient bound every stride-th iteration
 * @param evalEvery     run the forward-pass evaluation every K-th iteration (and at 0 and the last; default 1):
 *                      {@link org.altmin.api.Optimizer#fit(org.altmin.api.Problem, int, IterationListener, int)}
 * @param listeners     extra listeners, called after the runner's own (metrics, curves, monitors, progress); one may
 *                      stop the run with {@link org.altmin.api.RunContext#requestStop}
 * @param log           receives the runner's messages (loading, run directory, verdicts, final status); never null
 * @param progress      where per-iteration progress lines go; null for none
 * @param progressBar   draw a progress bar (on a terminal) instead of lines
 * @param command       the command line recorded in {@code provenance.json} (empty from Java)
 * @param checkpointEvery save a checkpoint every this many iterations (0: only when interrupted; see
 *                        {@link Checkpoint}); on resume 0 keeps the interval the run was saved with
 * @param resume        the run directory to continue from its latest checkpoint (its own {@code spec.yaml} is the
 *                      spec, see {@link #resuming}); null for a new run
 * @param interrupt     a handle to interrupt the run from another thread; null for one of the runner's own
 * @param shutdownHook  interrupt the run from a JVM shutdown hook (SIGTERM, SIGINT), which waits until the run has
 *                      written its summary, plots and final checkpoint ({@code altmin train} sets it)
 * @param threads       how many threads the run's compute may use ({@link ThreadPolicy}; null for
 *                      {@link ThreadPolicy#machine()}: chosen by the optimizer's workload on every core); a study that
 *                      runs several at once gives each {@code withConcurrentRuns(n)}
 */
public record RunOptions(RunSpec spec, Path output, String name, Path dataDirectory, boolean fetch, boolean monitor,
        int monitorStride, List<IterationListener> listeners, Consumer<String> log, PrintWriter progress,
        boolean progressBar, List<String> command, int checkpointEvery, Path resume, RunInterrupt interrupt,
        boolean shutdownHook, ThreadPolicy threads, int evalEvery) {
    /** The default output directory. */
    public static final Path DEFAULT_OUTPUT = Path.of("runs");

    public RunOptions {
        if (spec == null) {
            throw InvalidParameterException.of("RunOptions", "spec", "null", "a RunSpec");
        }
        output = output != null ? output : DEFAULT_OUTPUT;
        Validate.atLeastOne("RunOptions", "monitorStride", monitorStride);
        Validate.atLeastOne("RunOptions", "evalEvery", evalEvery);
        listeners = List.copyOf(listeners != null ? listeners : List.of());
        log = log != null ? log : message -> {};
        command = List.copyOf(command != null ? command : List.of());
        threads = threads != null ? threads : ThreadPolicy.machine();
        if (checkpointEvery < 0) {
            throw InvalidParameterException.of("RunOptions", "checkpointEvery", checkpointEvery,
                    ">= 1 (or 0 for a checkpoint only when interrupted)");
        }
    }

    /**
     * Options that continue the run in {@code runDirectory} from its latest checkpoint, with the run's own
     * {@code spec.yaml} as the spec: a resumed run writes into the same directory, and its {@code metrics.csv} is
     * the one an uninterrupted run would have written (timing columns aside).
     *
     * @throws InvalidParameterException when {@code runDirectory} is not a run directory
     */
    public static Builder resuming(Path runDirectory) {
        if (runDirectory == null || !java.nio.file.Files.isRegularFile(runDirectory.resolve(RunDirectory.SPEC))) {
            throw InvalidParameterException.of("altmin train", "--resume", runDirectory,
                    "a run directory (with " + RunDirectory.SPEC + ")");
        }
        return new Builder(org.altmin.experiments.wiring.RunSpecIo.read(runDirectory.resolve(RunDirectory.SPEC)))
                .resume(runDirectory);
    }

    /** Options for {@code spec} with the defaults: output {@code runs}, default name and data directory, fetching on. */
    public static Builder builder(RunSpec spec) {
        return new Builder(spec);
    }

    /** The data directory to use: the given one, or {@link DataStore#directory()}. */
    public Path resolvedDataDirectory() {
        return dataDirectory != null ? dataDirectory.toAbsolutePath() : DataStore.directory();
    }

    /** A builder with the same options. */
    public Builder toBuilder() {
        Builder b = new Builder(spec).output(output).name(name).dataDirectory(dataDirectory).fetch(fetch)
                .monitor(monitor).monitorStride(monitorStride).evalEvery(evalEvery).log(log).progress(progress, progressBar)
                .command(command).checkpointEvery(checkpointEvery).resume(resume).interrupt(interrupt)
                .shutdownHook(shutdownHook).threads(threads);
        listeners.forEach(b::listener);
        return b;
    }

    /** Builds {@link RunOptions}; not thread-safe. */
    public static final class Builder {
        private RunSpec spec;
        private Path output = DEFAULT_OUTPUT;
        private String name;
        private Path dataDirectory;
        private boolean fetch = true;
        private boolean monitor;
        private int monitorStride = 1;
        private int evalEvery = 1;
        private final List<IterationListener> listeners = new ArrayList<>();
        private Consumer<String> log;
        private PrintWriter progress;
        private boolean progressBar;
        private List<String> command = List.of();
        private int checkpointEvery;
        private Path resume;
        private RunInterrupt interrupt;
        private boolean shutdownHook;
        private ThreadPolicy threads;

        private Builder(RunSpec spec) {
            this.spec = spec;
        }

        public Builder spec(RunSpec value) {
            spec = value;
            return this;
        }

        public Builder output(Path value) {
            output = value;
            return this;
        }

        /** The run directory's name (a clash gets {@code -2}, {@code -3}, ...); null for the default. */
        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder dataDirectory(Path value) {
            dataDirectory = value;
            return this;
        }

        /** Whether a missing data set may be downloaded (default true). */
        public Builder fetch(boolean value) {
            fetch = value;
            return this;
        }

        /** Attach the Property 1-3 monitors (default false). */
        public Builder monitor(boolean value) {
            monitor = value;
            return this;
        }

        public Builder monitorStride(int value) {
            monitorStride = value;
            return this;
        }

        /** The forward-pass evaluation every K-th iteration (default 1: every iteration). */
        public Builder evalEvery(int value) {
            evalEvery = value;
            return this;
        }

        /** Adds a listener (repeatable), called after the runner's own. */
        public Builder listener(IterationListener value) {
            if (value == null) {
                throw InvalidParameterException.of("RunOptions", "listener", "null", "an IterationListener");
            }
            listeners.add(value);
            return this;
        }

        /** Where the runner's messages go, e.g. {@code System.out::println}; none by default. */
        public Builder log(Consumer<String> value) {
            log = value;
            return this;
        }

        /** Progress lines (or, with {@code bar}, a progress bar) per iteration; none by default. */
        public Builder progress(PrintWriter out, boolean bar) {
            progress = out;
            progressBar = bar;
            return this;
        }

        /** The command line to record in {@code provenance.json}. */
        public Builder command(List<String> value) {
            command = value;
            return this;
        }

        /** Save a checkpoint every {@code k} iterations (default 0: only when interrupted). */
        public Builder checkpointEvery(int k) {
            checkpointEvery = k;
            return this;
        }

        /** Continue the run in this directory (see {@link RunOptions#resuming}, which also reads its spec). */
        public Builder resume(Path runDirectory) {
            resume = runDirectory;
            return this;
        }

        /** A handle to interrupt the run from another thread. */
        public Builder interrupt(RunInterrupt value) {
            interrupt = value;
            return this;
        }

        /** Interrupt the run on SIGTERM and SIGINT through a JVM shutdown hook (default false). */
        public Builder shutdownHook(boolean value) {
            shutdownHook = value;
            return this;
        }

        /** The thread policy (default {@link ThreadPolicy#machine()}). */
        public Builder threads(ThreadPolicy value) {
            threads = value;
            return this;
        }

        /**
         * {@code value} threads per run for every workload ({@code --threads N}), or {@link ThreadPolicy#AUTO} to
         * choose by workload.
         *
         * @throws InvalidParameterException when {@code value < 0}
         */
        public Builder threads(int value) {
            threads = (threads != null ? threads : ThreadPolicy.machine()).withThreads(value);
            return this;
        }

        public RunOptions build() {
            return new RunOptions(spec, output, name, dataDirectory, fetch, monitor, monitorStride, listeners, log,
                    progress, progressBar, command, checkpointEvery, resume, interrupt, shutdownHook, threads,
                    evalEvery);
        }
    }
}
