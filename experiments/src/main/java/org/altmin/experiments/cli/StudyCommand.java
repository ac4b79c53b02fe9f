package org.altmin.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.altmin.experiments.study.RunResult;
import org.altmin.experiments.study.Study;
import org.altmin.experiments.study.StudyPlan;
import org.altmin.experiments.study.StudySpec;
import org.altmin.experiments.study.StudySpecIo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code altmin study SPEC.yaml|json|paper}: runs a study ({@link Study}): every combination of its axes and seeds as
 * a run directory under {@code <output>/runs}, then {@code results.csv}, {@code report.md} and the figures. Running
 * it again resumes (finished runs are skipped). Progress goes to standard error. Exit codes: 0 when every run
 * trained (a diverged run is a result), {@value AltminCli#EXIT_BAD_INPUT} for bad input (before any run starts),
 * {@value AltminCli#EXIT_DATA_UNAVAILABLE} for a data set that cannot be had, {@value AltminCli#EXIT_ERROR} when some
 * run failed (the report names it and its diagnosis).
 */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a study: a grid of run settings x seeds (SPEC.yaml or .json, or 'paper' for the DLAM paper's "
                + "section 5), each a run directory; then results.csv, report.md and figures. Rerunning resumes.")
public final class StudyCommand implements Callable<Integer> {
    /** The name of the built-in study. */
    public static final String PAPER = "paper";

    @Parameters(index = "0", paramLabel = "SPEC", description = "A study file (YAML or JSON), or 'paper'.")
    String study;

    @Option(names = "--output", paramLabel = "DIR", description = "The study directory (default studies/<name>[-<scale>]).")
    Path output;

    @Option(names = "--scale", paramLabel = "NAME", description = "A scale of the study, e.g. quick (paper: quick or full; "
            + "full is the study as written).")
    String scale;

    @Option(names = "--seeds", paramLabel = "N", description = "Run N seeds (the study's first seed and the next N-1) "
            + "instead of the study's.")
    Integer seeds;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
            description = "local (default: the runs in this process) or spark.")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] or spark://host:7077 "
            + "(default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting (repeatable).")
    List<String> conf = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "P", description = "Runs at once (default: as many as the cores allow).")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "T", description = "ND4J threads per run (default: the cores shared "
            + "among the parallel runs); runs at once x threads <= cores.")
    Integer threads;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default $ALTMIN_DATA or ~/.altmin/data).")
    Path dataDir;

    @Option(names = "--no-fetch", description = "Fail instead of downloading a missing data set.")
    boolean noFetch;

    @Option(names = "--list", description = "List the runs (and which finished before) without running anything.")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    /** The study the arguments name, with --seeds applied. */
    StudySpec studySpec() {
        StudySpec spec = PAPER.equals(study) ? StudySpecIo.paper() : StudySpecIo.read(Path.of(study));
        if (PAPER.equals(study) && "full".equals(scale)) {
            scale = null;
        }
        if (seeds != null) {
            spec = new StudySpec(spec.name(), spec.description(), spec.base(), spec.axes(), spec.overrides(),
                    spec.exclude(), StudySpecIo.seeds(seeds, spec.seeds().get(0)), spec.scales(), spec.report());
        }
        return spec;
    }

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        StudySpec spec = studySpec();
        Map<String, String> engineConf = SpecOverrides.pairs("--conf", conf);
        Study.Options options = new Study.Options(spec, scale, output, dataDir, !noFetch, engine, master, parallel,
                threads, engineConf, message -> {
                    err.println("altmin " + message);
                    err.flush();
                }, commandSpec.commandLine().getParseResult() != null
                        ? commandSpec.commandLine().getParseResult().originalArgs() : List.of());
        if (list) {
            StudyPlan plan = StudyPlan.expand(spec, scale, org.altmin.experiments.wiring.Wiring.injector(List.of()));
            Path runs = options.directory().resolve(Study.RUNS);
            for (StudyPlan.StudyRun run : plan.runs()) {
                String status = Study.finishedStatus(runs.resolve(run.name()));
                out.println(run.name() + "\t" + (status == null ? "to run" : "finished (" + status + ")"));
            }
            out.println(plan.runs().size() + " runs in " + options.directory());
            out.flush();
            return AltminCli.EXIT_OK;
        }
        Study.Outcome outcome = Study.run(options);
        out.println("study " + spec.name() + ": " + outcome.results().size() + " runs (" + outcome.skipped()
                + " finished before, " + outcome.failures().size() + " failed); report "
                + outcome.directory().resolve("report.md"));
        for (RunResult failure : outcome.failures()) {
            out.println("failed: " + failure.name() + ": " + failure.diagnosis());
        }
        out.flush();
        return outcome.failures().isEmpty() ? AltminCli.EXIT_OK : AltminCli.EXIT_ERROR;
    }
}
