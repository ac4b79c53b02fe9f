package org.altmin.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.model.AtomicWrite;
import org.altmin.experiments.run.Provenance;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.Runner;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;

/**
 * Runs a study (the engine behind {@code altmin study}): expands the {@link StudySpec} to its runs
 * ({@link StudyPlan}, which checks every name and parameter), finds the engine and checks that it can start, chooses
 * the thread policy ({@link StudyThreads}), stages each data set once (downloading what is missing), and only then
 * writes: the study directory's {@code study.json} (the runs, their settings and hashes) and
 * {@code provenance.json}, then the runs ({@code runs/<name>}, normal run directories; a run whose
 * {@code summary.json} says it finished is skipped, so running the same study again resumes it, and an unfinished
 * or failed one runs again), then the report ({@link StudyReport}). A run that fails is a row of the report with its
 * diagnosis; the others go on.
 */
public final class Study {
    public static final String PLAN = "study.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String RUNS = "runs";
    /** The default parent of study directories. */
    public static final Path DEFAULT_PARENT = Path.of("studies");

    private Study() {}

    /**
     * How to run a study.
     *
     * @param spec          the study
     * @param scale         a scale of the spec ({@code quick}), or null
     * @param output        the study directory; null for {@code studies/<name>[-<scale>]}
     * @param dataDirectory the data directory; null for the default
     * @param fetch         whether missing data sets may be downloaded (when staging, before any run)
     * @param engine        the engine's name ({@code local}, {@code spark})
     * @param master        the engine's master URL (Spark), or null
     * @param parallel      runs at once, or null to choose
     * @param threads       ND4J threads per run, or null to choose
     * @param conf          engine settings
     * @param log           where progress and messages go (the CLI: standard error)
     * @param command       the command line, for the provenance
     */
    public record Options(StudySpec spec, String scale, Path output, Path dataDirectory, boolean fetch, String engine,
            String master, Integer parallel, Integer threads, Map<String, String> conf, Consumer<String> log,
            List<String> command) {
        public Options {
            engine = engine == null ? LocalEngine.NAME : engine;
            conf = Map.copyOf(conf == null ? Map.of() : conf);
            log = log == null ? m -> {} : log;
            command = List.copyOf(command == null ? List.of() : command);
        }

        /** The study directory. */
        public Path directory() {
            return (output != null ? output : DEFAULT_PARENT.resolve(spec.name() + (scale == null ? "" : "-" + scale)))
                    .toAbsolutePath();
        }
    }

    /**
     * What a study did.
     *
     * @param directory the study directory
     * @param plan      its runs
     * @param results   each run's result, in plan order ({@link RunResult#SKIPPED} for those finished before)
     * @param threads   the thread policy
     * @param seconds   the wall time
     */
    public record Outcome(Path directory, StudyPlan plan, List<RunResult> results, StudyThreads threads,
            double seconds) {
        /** The runs that failed. */
        public List<RunResult> failures() {
            return results.stream().filter(RunResult::failed).toList();
        }

        public long skipped() {
            return results.stream().filter(r -> RunResult.SKIPPED.equals(r.status())).count();
        }
    }

    /** The engines on the class path, by name. */
    public static Map<String, StudyEngine> engines() {
        Map<String, StudyEngine> engines = new LinkedHashMap<>();
        try {
            for (StudyEngine engine : ServiceLoader.load(StudyEngine.class, Study.class.getClassLoader())) {
                engines.putIfAbsent(engine.name(), engine);
            }
        } catch (ServiceConfigurationError e) {
            throw new InvalidParameterException("altmin study", "--engine", "could not load an engine listed in "
                    + "META-INF/services/" + StudyEngine.class.getName() + ": " + e.getMessage());
        }
        engines.putIfAbsent(LocalEngine.NAME, new LocalEngine());
        return engines;
    }

    /** The engine by name; an unknown one, or one whose module is not on the class path, is bad input. */
    public static StudyEngine engine(String name) {
        Map<String, StudyEngine> engines = engines();
        StudyEngine engine = engines.get(name);
        if (engine == null) {
            throw InvalidParameterException.of("altmin study", "--engine", "'" + name + "'", "one of "
                    + new TreeSet<>(engines.keySet()) + (name.equals("spark") ? " (the spark engine is the "
                    + "altmin-spark module: bin/altmin puts it on the class path for --engine spark; from Java, "
                    + "depend on org.altmin:altmin-spark)" : ""));
        }
        return engine;
    }

    /** Runs the study; bad input throws before anything is written. */
    public static Outcome run(Options options) {
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        Consumer<String> log = options.log();
        Injector injector = Wiring.injector(List.of());
        StudyPlan plan = StudyPlan.expand(options.spec(), options.scale(), injector);
        for (StudyPlan.StudyRun run : plan.runs()) {
            if (!run.spec().modules().isEmpty()) {
                Wiring.components(run.spec(), Wiring.injector(run.spec().modules()));
            }
        }
        StudyEngine engine = engine(options.engine());
        Path directory = options.directory();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw InvalidParameterException.of("altmin study", "--output", directory, "a directory");
        }
        Path runs = directory.resolve(RUNS);
        List<StudyPlan.StudyRun> toRun = new ArrayList<>();
        Map<String, RunResult> results = new LinkedHashMap<>();
        for (StudyPlan.StudyRun run : plan.runs()) {
            String status = finishedStatus(runs.resolve(run.name()));
            if (status != null) {
                results.put(run.name(), new RunResult(run.name(), RunResult.SKIPPED, "finished before (" + status
                        + ")", 0, 0, null));
            } else {
                toRun.add(run);
            }
        }
        StudyEngine engineStarted = engine;
        int slots = engine.start(options.master(), options.conf(), options.threads());
        try {
            return runStarted(options, plan, engineStarted, slots, directory, runs, toRun, results, start, t0);
        } finally {
            engine.close();
        }
    }

    private static Outcome runStarted(Options options, StudyPlan plan, StudyEngine engine, int slots, Path directory,
            Path runs, List<StudyPlan.StudyRun> toRun, Map<String, RunResult> results, Instant start, long t0) {
        Consumer<String> log = options.log();
        StudyThreads threads = StudyThreads.choose(slots > 0 ? slots : cores(), toRun.size(), options.parallel(),
                options.threads());
        log.accept("study " + plan.spec().name() + (plan.scale() == null ? "" : " (scale " + plan.scale() + ")") + ": "
                + plan.runs().size() + " runs, " + (plan.runs().size() - toRun.size()) + " finished before; engine "
                + engine.name() + (options.master() == null ? "" : " " + options.master()) + ", "
                + threads.describe() + "; directory " + directory);
        stage(toRun, options, log);

        try {
            Files.createDirectories(runs);
            AtomicWrite.write(directory.resolve(PLAN), (RunSpecIo.json().writeValueAsString(planJson(plan)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            writeProvenance(directory, options, engine, threads, plan, toRun.size(), start, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the study directory " + directory, e);
        }

        List<RunTask> tasks = new ArrayList<>();
        for (StudyPlan.StudyRun run : toRun) {
            tasks.add(new RunTask(run.name(), RunSpecIo.toYaml(run.spec()), runs.toString(),
                    options.dataDirectory() == null ? null : options.dataDirectory().toAbsolutePath().toString(),
                    threads.threadsPerRun(), options.command()));
        }
        StudyProgress progress = new StudyProgress(tasks.size(), log);
        if (!tasks.isEmpty()) {
            StudyThreads.apply(threads.threadsPerRun());
            List<RunResult> done = engine.execute(tasks, threads, progress);
            for (RunResult r : done) {
                results.put(r.name(), r);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<RunResult> ordered = plan.runs().stream().map(r -> results.getOrDefault(r.name(),
                new RunResult(r.name(), RunResult.FAILED, "the engine returned no result", 0, 0, null))).toList();
        try {
            writeProvenance(directory, options, engine, threads, plan, toRun.size(), start, Instant.now());
            long failed = ordered.stream().filter(RunResult::failed).count();
            String header = String.format(Locale.ROOT, "%d runs (%d settings x %d seeds%s), %d run now, %d finished "
                            + "before, %d failed; engine %s%s, %s; wall time of this invocation %s.",
                    plan.runs().size(), plan.runs().size() / plan.spec().seeds().size(), plan.spec().seeds().size(),
                    ", seeds " + plan.spec().seeds(), toRun.size(), plan.runs().size() - toRun.size(), failed,
                    engine.name(), options.master() == null ? "" : " " + options.master(), threads.describe(),
                    StudyProgress.duration(seconds));
            new StudyReport(plan, runs, results).write(directory, header);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the study's report into " + directory, e);
        }
        log.accept("study " + plan.spec().name() + ": report in " + directory.resolve(StudyReport.REPORT) + " ("
                + StudyProgress.duration(seconds) + ")");
        return new Outcome(directory, plan, ordered, threads, seconds);
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A run directory's status if it finished (a summary whose status is not ERROR), else null. */
    public static String finishedStatus(Path runDirectory) {
        Path summary = runDirectory.resolve(RunDirectory.SUMMARY);
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(runDirectory.resolve(RunDirectory.METRICS))) {
            return null;
        }
        try {
            JsonNode node = RunSpecIo.json().readTree(summary.toFile());
            JsonNode status = node == null ? null : node.get("status");
            return status == null || !status.isTextual()
                    || org.altmin.experiments.run.Summary.ERROR.equals(status.asText()) ? null : status.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Loads each distinct data set of the runs once, downloading it if it is missing and {@code fetch} allows, so
     * that no run downloads (and a cluster's runs find the data in place); a run's bad input shows here too.
     */
    private static void stage(List<StudyPlan.StudyRun> runs, Options options, Consumer<String> log) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (StudyPlan.StudyRun run : runs) {
            DataSpec d = run.spec().data();
            if (seen.add(List.of(d.name(), String.valueOf(d.path()), d.options()))) {
                log.accept("study: staging data set " + d.name() + " (checked with run " + run.name() + ")");
                try {
                    new Runner(RunOptions.builder(run.spec()).dataDirectory(options.dataDirectory())
                            .fetch(options.fetch()).build()).prepare();
                } catch (InvalidParameterException e) {
                    throw new InvalidParameterException(StudySpecIo.COMPONENT, "run " + run.name(), e.getMessage());
                }
            }
        }
    }

    private static Map<String, Object> planJson(StudyPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", plan.spec().name());
        out.put("scale", plan.scale());
        out.put("axes", plan.spec().axes().stream().map(a -> Map.of("name", a.name(), "values", a.labels())).toList());
        out.put("seeds", plan.spec().seeds());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (StudyPlan.StudyRun run : plan.runs()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", run.name());
            r.put("labels", run.labels());
            r.put("seed", run.seed());
            r.put("hash", run.hash());
            runs.add(r);
        }
        out.put("runs", runs);
        return out;
    }

    private static void writeProvenance(Path directory, Options options, StudyEngine engine, StudyThreads threads,
            StudyPlan plan, int toRun, Instant start, Instant end) throws IOException {
        Provenance p = Provenance.capture("-", plan.spec().seeds().get(0), options.command(), start);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("study", plan.spec().name());
        out.put("scale", plan.scale());
        out.put("engine", engine.name());
        out.put("master", options.master());
        out.put("engineConf", options.conf());
        out.put("cores", threads.cores());
        out.put("parallelRuns", threads.parallel());
        out.put("threadsPerRun", threads.threadsPerRun());
        out.put("threadPolicy", threads.describe() + " (ND4J's OpenMP and BLAS threads are process-wide: set once)");
        out.put("runs", plan.runs().size());
        out.put("runsStarted", toRun);
        out.put("seeds", plan.spec().seeds());
        out.put("altminVersion", p.altminVersion());
        out.put("gitCommit", p.gitCommit());
        out.put("gitDirty", p.gitDirty());
        out.put("java", p.javaVersion() + " " + p.javaVendor() + " " + p.javaVm());
        out.put("os", p.os() + " " + p.osVersion() + " " + p.arch());
        out.put("maxHeapBytes", p.maxHeapBytes());
        out.put("nd4jBackend", p.nd4jBackend());
        out.put("command", options.command());
        out.put("start", start.toString());
        out.put("end", end == null ? null : end.toString());
        AtomicWrite.write(directory.resolve(PROVENANCE), (RunSpecIo.json().writeValueAsString(out) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
