package org.altmin.experiments.run;

import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.RunSpec;
import org.altmin.api.State;
import org.altmin.api.TrainingResult;
import org.altmin.experiments.data.DataFetcher;
import org.altmin.experiments.data.LoadContext;
import org.altmin.experiments.model.Model;
import org.altmin.experiments.model.ModelInfo;
import org.altmin.experiments.wiring.Assembly;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;

/**
 * Runs a {@link RunSpec} from Java, as {@code altmin train} does (the CLI is a thin shell over this class):
 *
 * <pre>{@code
 * RunSpec spec = RunSpecIo.read(Path.of("experiments/examples/dlam-mnist.yaml"));
 * RunOutcome outcome = Runner.run(RunOptions.builder(spec)
 *         .output(Path.of("runs")).name("dlam-preset")
 *         .listener(IterationListener.stopWhen(r -> r.testAccuracy() > 0.8, "80% test accuracy"))
 *         .log(System.out::println)
 *         .build());
 * System.out.println(outcome.status() + " in " + outcome.directory());
 * }</pre>
 *
 * <p>The lifecycle, in order:
 * <ol>
 *   <li>{@link #prepare()}: wire the Guice modules (those on the class path and the spec's), resolve every component
 *       by name, load the data in the spec's dtype (passed explicitly to every array; ND4J's global default dtype is
 *       never changed), build the {@link Problem}, and let the optimizer check it ({@link Optimizer#prepare}). Every
 *       error of the input fails here with an {@link InvalidParameterException} (a missing data set with a
 *       {@link org.altmin.experiments.data.DataUnavailableException}), before anything is written;</li>
 *   <li>create the run's own directory under the output directory (never an existing one), write {@code spec.yaml}
 *       (fully resolved) and {@code provenance.json};</li>
 *   <li>attach the listeners ({@code metrics.csv}, the curves, the monitors when asked, progress, then the
 *       options' own) and fit;</li>
 *   <li>write the trained network ({@code model.npz} and {@code model.json}, see {@link Model}), {@code summary.json},
 *       {@code monitors.json}, the ended provenance and the plots, and return the {@link RunOutcome}.</li>
 * </ol>
 * A listener that calls {@link org.altmin.api.RunContext#requestStop} ends the run with status STOPPED (exit status
 * OK) and its reason as the diagnosis. Divergence is an outcome (status DIVERGED), not an exception. If the optimizer
 * or a listener throws during the fit, the summary says {@code ERROR} and a {@link RunFailedException} carries the
 * cause and the directory; an {@link InvalidParameterException} thrown by {@code fit} before its first report
 * (input the optimizer's {@code prepare} did not check) removes the directory again and is rethrown as bad input.
 */
public final class Runner {
    private final RunOptions options;
    private final Consumer<String> log;

    public Runner(RunOptions options) {
        if (options == null) {
            throw InvalidParameterException.of("Runner", "options", "null", "RunOptions");
        }
        this.options = options;
        this.log = options.log();
    }

    /** {@code new Runner(options).run()}. */
    public static RunOutcome run(RunOptions options) {
        return new Runner(options).run();
    }

    /** Prepares and runs. */
    public RunOutcome run() {
        return run(prepare());
    }

    /**
     * Resolves, wires, loads and checks everything without writing anything: the assembled run (resolved spec,
     * problem, optimizer, data) that {@link #run(Assembly)} trains.
     *
     * @throws InvalidParameterException for bad input, naming the component, parameter, value and valid range
     * @throws org.altmin.experiments.data.DataUnavailableException when the data set is missing and may not or
     *                                                              cannot be downloaded
     */
    public Assembly prepare() {
        RunSpec spec = options.spec();
        Injector injector = Wiring.injector(spec.modules());
        Wiring.Components components = Wiring.components(spec, injector);
        LoadContext context = new LoadContext(spec.dataType(), spec.seed(), options.resolvedDataDirectory(),
                options.fetch() ? new DataFetcher(log) : null, log);
        log.accept("loading " + spec.data().name());
        long loadStart = System.nanoTime();
        Assembly assembly = Wiring.assemble(spec, components, injector, context);
        Problem problem = assembly.problem();
        log.accept(String.format(Locale.ROOT, "loaded in %.2f s: network ", (System.nanoTime() - loadStart) / 1e9)
                + problem.network().widths() + ", " + problem.data().samples() + " training samples, "
                + (problem.data().hasTest() ? problem.data().xTest().columns() + " test samples" : "no test set")
                + ", " + assembly.resolved().dtype());
        assembly.optimizer().prepare(problem);
        return assembly;
    }

    /** Creates the run directory for a {@link #prepare() prepared} run, trains, writes the results. */
    public RunOutcome run(Assembly assembly) {
        RunSpec resolved = assembly.resolved();
        Problem problem = assembly.problem();
        Optimizer optimizer = assembly.optimizer();
        IterationUnit unit = optimizer.unit();
        Instant start = Instant.now();
        Path directory;
        Provenance provenance;
        String specHash;
        try {
            directory = RunDirectory.create(options.output().toAbsolutePath(), options.name() != null ? options.name()
                    : RunDirectory.defaultName(start, resolved.optimizer().name(), resolved.data().name()));
            log.accept("run directory " + directory);
            RunSpecIo.write(resolved, directory.resolve(RunDirectory.SPEC));
            specHash = Model.sha256(directory.resolve(RunDirectory.SPEC));
            provenance = Provenance.capture(resolved.dtype(), resolved.seed(), options.command(), start);
            writeJson(directory.resolve(RunDirectory.PROVENANCE), provenance);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the run directory under " + options.output(), e);
        }

        Curves curves = new Curves();
        Monitors monitors = options.monitor() ? new Monitors(resolved.optimizer(), options.monitorStride()) : null;
        Last last = new Last();
        TrainingResult result;
        long t0 = System.nanoTime();
        try (MetricsCsv metrics = new MetricsCsv(directory.resolve(RunDirectory.METRICS));
             Progress progress = options.progress() == null ? null
                     : Progress.create(resolved.iterations(), options.progress(), options.progressBar())) {
            List<IterationListener> listeners = new ArrayList<>();
            listeners.add(last);
            listeners.add(metrics);
            listeners.add(curves);
            if (monitors != null) {
                listeners.addAll(monitors.listeners());
            }
            if (progress != null) {
                listeners.add(progress);
            }
            listeners.addAll(options.listeners());
            result = optimizer.fit(problem, resolved.iterations(), IterationListener.all(listeners));
        } catch (InvalidParameterException e) {
            if (last.report == null) {
                // Bad input that only the optimizer's fit detected: the run never started, so it leaves no directory.
                delete(directory);
                throw e;
            }
            throw failed(directory, provenance, unit, last, t0, e);
        } catch (IOException e) {
            throw failed(directory, provenance, unit, last, t0, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw failed(directory, provenance, unit, last, t0, e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        Summary summary = Summary.of(result, unit, seconds, directory.toString(),
                monitors == null ? null : monitors.results());
        try {
            Model.save(directory, modelInfo(assembly, specHash, result), result.weights(), result.biases());
            writeJson(directory.resolve(RunDirectory.SUMMARY), summary);
            if (monitors != null) {
                writeJson(directory.resolve(Monitors.FILE), monitors.reports());
                monitors.writeFigures(directory);
                for (Monitors.Result verdict : monitors.results()) {
                    log.accept(verdict.describe());
                }
            }
            writeJson(directory.resolve(RunDirectory.PROVENANCE), provenance.ended(Instant.now()));
            curves.write(directory, resolved.optimizer().name() + " on " + resolved.data().name() + " "
                    + problem.network().widths());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results into " + directory, e);
        }
        log.accept(String.format(Locale.ROOT, "%s after %d %ss in %s: train acc %s, test acc %s", result.status(),
                result.iterations(), unit.label(),
                Duration.ofMillis(Math.round(seconds * 1000)).toString().substring(2).toLowerCase(Locale.ROOT),
                format(summary.trainAccuracy()), format(summary.testAccuracy())));
        if (result.status() != TrainingResult.Status.MAX_ITERATIONS) {
            log.accept(result.status().name().toLowerCase(Locale.ROOT) + ": " + result.diagnosis());
        }
        log.accept("results in " + directory);
        return new RunOutcome(directory, resolved, result, summary, ExitStatus.of(result.status()));
    }

    /** What {@code model.json} says about the trained network of this run. */
    private static ModelInfo modelInfo(Assembly assembly, String specHash, TrainingResult result) {
        RunSpec resolved = assembly.resolved();
        List<Integer> widths = assembly.problem().network().widths();
        List<String> classes = assembly.data() != null
                && assembly.data().classNames().size() == assembly.problem().network().outputs()
                ? assembly.data().classNames() : List.of();
        return new ModelInfo(Model.FORMAT, Model.FORMAT_VERSION, widths, resolved.dtype(), resolved.activation(),
                resolved.loss(), resolved.regularizer(), classes, resolved.modules(), specHash,
                resolved.optimizer().name(), result.iterations(), result.status().name());
    }

    /** Records the failure in the run directory and wraps it. */
    private RunFailedException failed(Path directory, Provenance provenance, IterationUnit unit, Last last, long t0,
            RuntimeException e) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        int iterations = last.report == null ? 0 : last.report.iteration();
        try {
            writeJson(directory.resolve(RunDirectory.SUMMARY),
                    Summary.error(e, unit, iterations, seconds, directory.toString()));
            writeJson(directory.resolve(RunDirectory.PROVENANCE), provenance.ended(Instant.now()));
        } catch (IOException io) {
            e.addSuppressed(io);
        }
        return new RunFailedException(directory, e);
    }

    /** Remembers the last report, to tell a failure before the run started from one during it. */
    private static final class Last implements IterationListener {
        private IterationReport report;

        @Override
        public void onIteration(IterationReport r, State state) {
            report = r;
        }
    }

    private static String format(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Files.writeString(file, RunSpecIo.json().writeValueAsString(value) + "\n");
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Leaving a stub directory behind is not worth masking the input error.
        }
    }
}
