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
import java.util.Optional;
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
import com.google.inject.Key;
import org.altmin.api.kernels.ThreadPolicy;
import org.altmin.experiments.data.DataFetcher;
import org.altmin.experiments.data.DataPreparation;
import org.altmin.experiments.data.DataSet;
import org.altmin.experiments.data.DataSets;
import org.altmin.experiments.data.LoadContext;
import org.altmin.experiments.model.AtomicWrite;
import org.altmin.experiments.model.Model;
import org.altmin.experiments.model.ModelInfo;
import org.altmin.experiments.wiring.Assembly;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;
import org.altmin.solvers.core.Checkpointing;
import org.altmin.solvers.core.IterativeOptimizer;
import org.altmin.solvers.core.Snapshot;

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
 *   <li>{@link #prepare()}: check that the output can hold run directories ({@link RunDirectory#checkOutput}),
 *       wire the Guice modules (those on the class path and the spec's), resolve every component by name, load
 *       the data in the spec's dtype (passed explicitly to every array; ND4J's global default dtype is never
 *       changed), hold out the validation split and scale ({@link org.altmin.experiments.data.DataPreparation}),
 *       build the {@link Problem}, refuse a run that will not fit in memory ({@link MemoryEstimate}: the data's
 *       load before it starts, the run's arrays before they are allocated), and let the optimizer check it
 *       ({@link Optimizer#prepare}). Every error of the input fails here with an {@link InvalidParameterException}
 *       (a missing data set with a {@link org.altmin.experiments.data.DataUnavailableException}), before
 *       anything is written;</li>
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
 *
 * <p>Checkpoints ({@link Checkpoint}): with {@link RunOptions#checkpointEvery()} the run saves its complete state
 * every K iterations, and an interrupted run ({@link RunInterrupt}, or SIGTERM and SIGINT with
 * {@link RunOptions#shutdownHook()}) saves a final one and ends with status {@value Summary#INTERRUPTED} and
 * {@link ExitStatus#INTERRUPTED}; {@link RunOptions#resuming} continues a run in its own directory from its latest
 * checkpoint, which {@link #prepare()} loads and checks (files, SHA-256 sums, the spec) before anything is written,
 * and replays the checkpoint's reports into {@code metrics.csv} and the plots, so that they end as those of an
 * uninterrupted run. Optimizers support it through {@link IterativeOptimizer#resumable()}; others are rejected when
 * checkpoints are asked for.
 */
public final class Runner {
    private final RunOptions options;
    private final Consumer<String> log;
    /** The assembly {@link #prepare()} returned last, and the data files it read. */
    private Assembly prepared;
    private List<Path> preparedFiles = List.of();
    /** The checkpoint a resumed run starts from, loaded and checked by {@link #prepare()}. */
    private Checkpoint resumeFrom;

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
        RunDirectory.checkOutput(options.output());
        Injector injector = Wiring.injector(spec.modules());
        Wiring.Components components = Wiring.components(spec, injector);
        LoadContext context = loadContext(spec);
        DataSet dataSet = injector.getInstance(Key.get(DataSets.MAP)).get(spec.data().name());
        if (dataSet != null) {
            dataSet.footprint(DataPreparation.strip(spec.data()), context)
                    .ifPresent(footprint -> MemoryEstimate.checkLoad(spec.data().name(), footprint));
        }
        log.accept("loading " + spec.data().name());
        long loadStart = System.nanoTime();
        Assembly assembly = Wiring.assemble(spec, components, injector, context);
        Problem problem = assembly.problem();
        MemoryEstimate.checkRun(problem, assembly.optimizer(), assembly.resolved(),
                assembly.data() != null && assembly.data().validation() != null
                        ? assembly.data().validation().samples() : 0);
        log.accept(String.format(Locale.ROOT, "loaded in %.2f s: network ", (System.nanoTime() - loadStart) / 1e9)
                + problem.network().widths() + ", " + problem.data().samples() + " training samples, "
                + (problem.data().hasTest() ? problem.data().xTest().columns() + " test samples" : "no test set")
                + ", " + assembly.resolved().dtype());
        assembly.optimizer().prepare(problem);
        preparedFiles = dataSet == null ? List.of() : dataSet.files(assembly.resolved().data(), context);
        prepared = assembly;
        checkCheckpoints(assembly);
        return assembly;
    }

    /**
     * Checks the checkpoint options against the optimizer and, on resume, loads and checks the checkpoint (its files,
     * its SHA-256 sums, that it belongs to this spec): writes nothing.
     */
    private void checkCheckpoints(Assembly assembly) {
        Optimizer optimizer = assembly.optimizer();
        boolean supported = optimizer instanceof IterativeOptimizer io && io.resumable();
        if ((options.checkpointEvery() > 0 || options.resume() != null) && !supported) {
            throw new InvalidParameterException("altmin train", options.resume() != null ? "--resume"
                    : "--checkpoint-every", "needs an optimizer whose runs save their state, and '" + optimizer.name()
                    + "' does not (an IterativeOptimizer whose session implements Resumable and whose resumable() "
                    + "is true)");
        }
        resumeFrom = null;
        if (options.resume() == null) {
            return;
        }
        Path directory = options.resume().toAbsolutePath();
        Path specFile = directory.resolve(RunDirectory.SPEC);
        String fileHash;
        try {
            fileHash = Model.sha256(specFile);
        } catch (IOException e) {
            throw InvalidParameterException.of("altmin train", "--resume", directory,
                    "a run directory with a readable " + RunDirectory.SPEC + " (" + e + ")");
        }
        String specHash = sha256(RunSpecIo.toYaml(assembly.resolved()));
        if (!specHash.equals(fileHash)) {
            throw new InvalidParameterException("altmin train", "--resume", "the spec to resume (SHA-256 " + specHash
                    + ") is not the run's own " + specFile + " (SHA-256 " + fileHash
                    + "): a run resumes with its own spec (RunOptions.resuming)");
        }
        Checkpoint checkpoint = Checkpoint.load(directory, fileHash);
        Checkpoint.Info info = checkpoint.info();
        if (!info.optimizer().equals(optimizer.name()) || !info.dtype().equals(assembly.resolved().dtype())
                || !info.unit().equals(optimizer.unit().label())) {
            throw new InvalidParameterException("checkpoint", "file", checkpoint.directory().resolve(Checkpoint.INFO)
                    + " is of optimizer " + info.optimizer() + ", " + info.dtype() + ", per " + info.unit()
                    + ", but the run is " + optimizer.name() + ", " + assembly.resolved().dtype() + ", per "
                    + optimizer.unit().label());
        }
        resumeFrom = checkpoint;
    }

    /** Creates the run directory for a {@link #prepare() prepared} run (or reuses it on resume), trains, writes the results. */
    public RunOutcome run(Assembly assembly) {
        RunSpec resolved = assembly.resolved();
        Problem problem = assembly.problem();
        Optimizer optimizer = assembly.optimizer();
        IterationUnit unit = optimizer.unit();
        boolean resuming = options.resume() != null;
        if (resumeFrom == null && resuming || resumeFrom != null && !resuming) {
            checkCheckpoints(assembly);
        }
        Checkpoint from = resumeFrom;
        Instant start = Instant.now();
        Path directory = null;
        Provenance provenance;
        String specHash;
        try {
            if (resuming) {
                directory = options.resume().toAbsolutePath();
                log.accept("resuming " + directory + " after " + unit.label() + " " + from.iteration());
                specHash = Model.sha256(directory.resolve(RunDirectory.SPEC));
            } else {
                directory = RunDirectory.create(options.output().toAbsolutePath(), options.name() != null
                        ? options.name() : RunDirectory.defaultName(start, resolved.optimizer().name(),
                        resolved.data().name()));
                log.accept("run directory " + directory);
                RunSpecIo.write(resolved, directory.resolve(RunDirectory.SPEC));
                specHash = Model.sha256(directory.resolve(RunDirectory.SPEC));
            }
            ThreadPolicy.Choice threads = options.threads().resolve(optimizer.workload()).apply();
            log.accept("threads: BLAS " + threads.blasThreads() + ", native " + threads.nativeThreads() + ", Java "
                    + threads.javaParallelism() + " (" + threads.reason() + ")");
            provenance = Provenance.capture(resolved.dtype(), resolved.seed(), options.command(), start)
                    .withInputs(dataFiles(assembly), plugins(resolved.modules())).withThreads(threads);
            if (!resuming) {
                writeJson(directory.resolve(RunDirectory.PROVENANCE), provenance);
            }
        } catch (IOException e) {
            // A run directory without its complete spec and provenance is no run: leave nothing behind (a resumed
            // run's directory is the user's earlier run and stays as it was).
            if (directory != null && !resuming) {
                delete(directory);
            }
            throw new UncheckedIOException("could not create the run directory under " + options.output() + ": "
                    + reason(e), e);
        }
        Path provenanceFile = directory.resolve(resuming
                ? String.format(Locale.ROOT, "provenance-resumed-%06d.json", from.iteration()) : RunDirectory.PROVENANCE);

        RunInterrupt interrupt = options.interrupt() != null ? options.interrupt() : new RunInterrupt();
        Thread hook = options.shutdownHook() ? new Thread(() -> {
            interrupt.request(SHUTDOWN);
            try {
                interrupt.awaitFinished(Long.MAX_VALUE, java.util.concurrent.TimeUnit.DAYS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "altmin-shutdown") : null;
        if (hook != null) {
            // ImageIO's default file cache registers a shutdown hook of its own per stream, which fails once the JVM
            // is shutting down: the plots of an interrupted run are encoded in memory instead (they are small).
            javax.imageio.ImageIO.setUseCache(false);
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            return train(assembly, directory, provenance, provenanceFile, specHash, from, interrupt);
        } finally {
            interrupt.finished();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // The JVM is shutting down: the hook is running (and has just been released).
                }
            }
        }
    }

    private RunOutcome train(Assembly assembly, Path directory, Provenance provenance, Path provenanceFile,
            String specHash, Checkpoint from, RunInterrupt interrupt) {
        RunSpec resolved = assembly.resolved();
        Problem problem = assembly.problem();
        Optimizer optimizer = assembly.optimizer();
        IterationUnit unit = optimizer.unit();
        boolean resuming = from != null;
        Curves curves = new Curves();
        Monitors monitors = options.monitor() ? new Monitors(resolved.optimizer(), options.monitorStride()) : null;
        if (resuming && monitors != null) {
            log.accept("the monitors check the resumed " + unit.label() + "s only, from " + (from.iteration() + 1));
        }
        Last last = new Last();
        ValidationEvaluation validation = assembly.data() != null && assembly.data().validation() != null
                ? new ValidationEvaluation(problem, assembly.data().validation()) : null;
        Recorder recorder = new Recorder(directory.resolve(RunDirectory.METRICS), curves, last,
                resuming ? from.reports() : List.of());
        int every = options.checkpointEvery() > 0 ? options.checkpointEvery()
                : resuming ? from.info().checkpointEvery() : 0;
        IterativeOptimizer resumable = optimizer instanceof IterativeOptimizer io && io.resumable() ? io : null;
        Sink sink = resumable == null ? null : new Sink(directory, resolved.dtype(), optimizer.name(), unit, specHash,
                every, interrupt, recorder, from);
        TrainingResult result;
        long t0 = System.nanoTime();
        try (recorder;
             Progress progress = options.progress() == null ? null
                     : Progress.create(resolved.iterations(), options.progress(), options.progressBar())) {
            List<IterationListener> listeners = new ArrayList<>();
            listeners.add(recorder);
            listeners.add(interrupt.listener());
            if (monitors != null) {
                listeners.addAll(monitors.listeners());
            }
            if (progress != null) {
                listeners.add(progress);
            }
            listeners.addAll(options.listeners());
            IterationListener all = IterationListener.all(listeners);
            IterationListener observed = validation == null ? all : validation.around(all);
            result = resumable != null
                    ? resumable.fit(problem, resolved.iterations(), observed, options.evalEvery(), sink)
                    : optimizer.fit(problem, resolved.iterations(), observed, options.evalEvery());
        } catch (InvalidParameterException e) {
            if (last.report == null) {
                // Bad input that only the optimizer's fit detected (or a checkpoint that does not fit the session):
                // the run never started, so a new run leaves no directory and a resumed one is untouched.
                if (!resuming) {
                    delete(directory);
                }
                throw e;
            }
            throw failed(directory, provenance, provenanceFile, unit, last, t0, e);
        } catch (IOException e) {
            throw failed(directory, provenance, provenanceFile, unit, last, t0, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw failed(directory, provenance, provenanceFile, unit, last, t0, e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean interrupted = result.status() == TrainingResult.Status.STOPPED
                && interrupt.reason().filter(result.diagnosis()::equals).isPresent();

        Summary summary = Summary.of(result, unit, seconds, directory.toString(),
                monitors == null ? null : monitors.results());
        if (validation != null) {
            summary = summary.withValidation(validation.last().validationLoss(), validation.last().validationAccuracy());
        }
        if (interrupted) {
            summary = summary.interrupted(result.diagnosis() + " after " + unit.label() + " " + result.iterations()
                    + (sink != null && sink.saved == result.iterations()
                    ? "; continue with: altmin train --resume " + directory
                    : "; no checkpoint (" + optimizer.name() + " does not save its state)"));
        }
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
            writeJson(provenanceFile, provenance.ended(Instant.now()));
            curves.write(directory, resolved.optimizer().name() + " on " + resolved.data().name() + " "
                    + problem.network().widths());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results into " + directory + ": " + reason(e), e);
        }
        log.accept(String.format(Locale.ROOT, "%s after %d %ss in %s: train acc %s, test acc %s",
                interrupted ? Summary.INTERRUPTED : result.status(), result.iterations(), unit.label(),
                Duration.ofMillis(Math.round(seconds * 1000)).toString().substring(2).toLowerCase(Locale.ROOT),
                format(summary.trainAccuracy()), format(summary.testAccuracy())));
        if (result.status() != TrainingResult.Status.MAX_ITERATIONS) {
            log.accept((interrupted ? "interrupted" : result.status().name().toLowerCase(Locale.ROOT)) + ": "
                    + summary.diagnosis());
        }
        log.accept("results in " + directory);
        return new RunOutcome(directory, resolved, result, summary,
                interrupted ? ExitStatus.INTERRUPTED : ExitStatus.of(result.status()));
    }

    /**
     * The runner's own recorders, {@code metrics.csv}, the curves and the last report, opened when the run starts
     * ({@link IterationListener#onStart}, after a resumed session was restored, so that a checkpoint that does not
     * fit changes nothing); a resumed run first replays the checkpoint's reports 0..k into them, so that
     * {@code metrics.csv} and the plots are those of an uninterrupted run. Keeps the reports for the checkpoints.
     */
    private static final class Recorder implements IterationListener, AutoCloseable {
        private final Path file;
        private final Curves curves;
        private final Last last;
        private final List<IterationReport> replay;
        private final List<IterationReport> reports = new ArrayList<>();
        private MetricsCsv metrics;

        Recorder(Path file, Curves curves, Last last, List<IterationReport> replay) {
            this.file = file;
            this.curves = curves;
            this.last = last;
            this.replay = replay;
        }

        @Override
        public void onStart(org.altmin.api.RunContext run) {
            try {
                metrics = new MetricsCsv(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + file, e);
            }
            for (IterationReport r : replay) {
                onIteration(r, null);
            }
        }

        @Override
        public void onIteration(IterationReport report, State state) {
            reports.add(report);
            last.onIteration(report, state);
            metrics.onIteration(report, state);
            curves.onIteration(report, state);
        }

        @Override
        public void close() throws IOException {
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    /** Where the lifecycle's checkpoints go ({@link Checkpoint}), and the one a resumed run starts from. */
    private final class Sink implements Checkpointing {
        private final Path directory;
        private final String dtype;
        private final String optimizer;
        private final IterationUnit unit;
        private final String specHash;
        private final int every;
        private final RunInterrupt interrupt;
        private final Recorder recorder;
        private final Checkpoint from;
        private int saved = -1;

        Sink(Path directory, String dtype, String optimizer, IterationUnit unit, String specHash, int every,
                RunInterrupt interrupt, Recorder recorder, Checkpoint from) {
            this.directory = directory;
            this.dtype = dtype;
            this.optimizer = optimizer;
            this.unit = unit;
            this.specHash = specHash;
            this.every = every;
            this.interrupt = interrupt;
            this.recorder = recorder;
            this.from = from;
            saved = from == null ? -1 : from.iteration();
        }

        @Override
        public Optional<Resume> resume() {
            return from == null ? Optional.empty() : Optional.of(new Resume(from.iteration(), from.snapshot(),
                    from.reports().get(from.iteration())));
        }

        @Override
        public boolean due(int k, boolean stopping) {
            return every > 0 && k % every == 0 || stopping && interrupt.requested();
        }

        @Override
        public void save(int k, Snapshot snapshot) {
            long t0 = System.nanoTime();
            try {
                Path written = Checkpoint.write(directory, k, unit.label(), optimizer, dtype, specHash, every, snapshot,
                        recorder.reports);
                saved = k;
                if (interrupt.requested()) {
                    log.accept(String.format(Locale.ROOT, "checkpoint after %s %d in %.2f s: %s", unit.label(), k,
                            (System.nanoTime() - t0) / 1e9, written));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the checkpoint of " + unit.label() + " " + k
                        + " into " + directory.resolve(Checkpoint.DIRECTORY), e);
            }
        }
    }

    /** The diagnosis of a run stopped by the JVM's shutdown (SIGTERM, SIGINT). */
    static final String SHUTDOWN = "stopped by SIGTERM or SIGINT (the JVM is shutting down)";

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The data set's files with their SHA-256, for the provenance. */
    private List<Provenance.DataFile> dataFiles(Assembly assembly) {
        List<Provenance.DataFile> files = new ArrayList<>();
        for (Path file : dataFilesOf(assembly)) {
            files.add(new Provenance.DataFile(file.toAbsolutePath().toString(),
                    Files.isRegularFile(file) ? DataFetcher.sha256(file) : null));
        }
        return files;
    }

    /** The files the assembly's data came from: known from {@link #prepare()}, else asked of its data set again. */
    private List<Path> dataFilesOf(Assembly assembly) {
        if (assembly == prepared) {
            return preparedFiles;
        }
        Injector injector = Wiring.injector(assembly.resolved().modules());
        DataSet dataSet = injector.getInstance(Key.get(DataSets.MAP)).get(assembly.resolved().data().name());
        return dataSet == null ? List.of() : dataSet.files(assembly.resolved().data(), loadContext(assembly.resolved()));
    }

    private LoadContext loadContext(RunSpec spec) {
        return new LoadContext(spec.dataType(), spec.seed(), options.resolvedDataDirectory(),
                options.fetch() ? new DataFetcher(log) : null, log);
    }

    /** The plug-in modules with the jar (or class directory) each came from and the jar's SHA-256. */
    private static List<Provenance.Plugin> plugins(List<String> modules) {
        List<Provenance.Plugin> plugins = new ArrayList<>();
        for (Class<?> type : Wiring.pluginModules(modules)) {
            String location = null;
            String sha = null;
            try {
                var source = type.getProtectionDomain().getCodeSource();
                if (source != null && source.getLocation() != null) {
                    Path path = Path.of(source.getLocation().toURI());
                    location = path.toString();
                    sha = Files.isRegularFile(path) ? DataFetcher.sha256(path) : null;
                }
            } catch (java.net.URISyntaxException | RuntimeException e) {
                // unknown location: recorded as null
            }
            plugins.add(new Provenance.Plugin(type.getName(), location, sha));
        }
        return plugins;
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
    private RunFailedException failed(Path directory, Provenance provenance, Path provenanceFile, IterationUnit unit,
            Last last, long t0, RuntimeException e) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        int iterations = last.report == null ? 0 : last.report.iteration();
        try {
            writeJson(directory.resolve(RunDirectory.SUMMARY),
                    Summary.error(e, unit, iterations, seconds, directory.toString()));
            writeJson(provenanceFile, provenance.ended(Instant.now()));
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

    /** Writes a result file atomically (temporary file, then rename): never half a JSON document. */
    private static void writeJson(Path file, Object value) throws IOException {
        AtomicWrite.write(file, (RunSpecIo.json().writeValueAsString(value) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The file system's reason (e.g. "No space left on device") with the file, else the exception's message. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return (fs.getFile() != null ? fs.getFile() + ": " : "") + fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
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
