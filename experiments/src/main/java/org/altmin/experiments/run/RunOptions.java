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
 */
public record RunOptions(RunSpec spec, Path output, String name, Path dataDirectory, boolean fetch, boolean monitor,
        int monitorStride, int evalEvery, List<IterationListener> listeners, Consumer<String> log, PrintWriter progress,
        boolean progressBar, List<String> command) {
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
                .command(command);
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

        public RunOptions build() {
            return new RunOptions(spec, output, name, dataDirectory, fetch, monitor, monitorStride, evalEvery, listeners, log,
                    progress, progressBar, command);
        }
    }
}
