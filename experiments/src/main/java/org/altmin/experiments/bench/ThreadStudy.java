package org.altmin.experiments.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.altmin.api.IterationReport;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.Workload;
import org.altmin.api.kernels.ThreadPolicy;
import org.altmin.solvers.admm.AdmmConfig;
import org.altmin.solvers.admm.AdmmOptimizer;
import org.altmin.solvers.dlam.DlamOptimizer;
import org.altmin.solvers.sgd.Momentum;
import org.altmin.solvers.sgd.SgdOptimizer;
import org.altmin.solvers.sgd.SgdSettings;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The thread study behind {@link ThreadPolicy}'s default: each workload (DLAM with the MNIST preset's schedule,
 * ADMM with its defaults, SGD with momentum at batch 128) under every combination of native threads (BLAS, OpenMP
 * and ND4J's pool: 1 or all cores) and Java parallelism (1 or all cores), and under the policy's default, in one
 * JVM, the settings one right after the other and the whole round repeated, so that every setting sees the same
 * machine load. All the knobs take effect at run time ({@link ThreadPolicy.Choice#apply()}), so one JVM can compare
 * them; it must start without {@code OMP_NUM_THREADS} below the core count. Every run of a workload starts from
 * the same point with the same seed, so the settings do the same work; the figure is the median over rounds of a
 * run's median time per iteration (epoch for SGD; the optimizer's own work, without the evaluation).
 *
 * <p>Prints a Markdown table: a row per workload, a column per setting, the default's setting and its ratio to the
 * best. Usage: {@code ThreadStudy [samples=60000] [iterations=3] [rounds=2] [workloads=dlam,admm,sgd] [mnist|random]}.
 */
public final class ThreadStudy {
    private ThreadStudy() {}

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 60000;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<String> workloads = List.of((args.length > 3 ? args[3] : "dlam,admm,sgd").split(","));
        String data = args.length > 4 ? args[4] : BenchProblems.MNIST;
        int cores = Runtime.getRuntime().availableProcessors();
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        int[] counts = cores == 1 ? new int[] {1} : new int[] {1, cores};
        List<String> header = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (String name : workloads) {
            Optimizer optimizer = optimizer(name);
            Workload workload = optimizer.workload();
            ThreadPolicy.Choice chosen = ThreadPolicy.machine().resolve(workload);
            Map<String, ThreadPolicy.Choice> settings = new LinkedHashMap<>();
            for (int nativeThreads : counts) {
                for (int java : counts) {
                    settings.put(label(nativeThreads, java), new ThreadPolicy.Choice(workload, cores, 1, nativeThreads,
                            nativeThreads, nativeThreads, java, "thread study", ThreadPolicy.idleWait()));
                }
            }
            String defaultLabel = label(chosen.blasThreads(), chosen.javaParallelism());
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, ThreadPolicy.Choice> setting : settings.entrySet()) {
                    setting.getValue().apply();
                    double s = run(optimizer, problem, iterations);
                    seconds.computeIfAbsent(setting.getKey(), k -> new ArrayList<>()).add(s);
                    System.out.printf(Locale.ROOT, "%s round %d, native %s: %.3f s per %s (load %.2f)%n", name,
                            round, setting.getKey(), s, optimizer.unit().label(), load());
                }
            }
            if (header.isEmpty()) {
                header.addAll(settings.keySet());
                table.append("| workload | ");
                header.forEach(h -> table.append("native ").append(h.replace(", ", ", Java ")).append(" | "));
                table.append("default (policy) | default / best |\n|");
                table.append(" --- |".repeat(header.size() + 3)).append('\n');
            }
            double best = Double.POSITIVE_INFINITY;
            table.append("| ").append(name).append(" (").append(samples).append(" samples, s per ")
                    .append(optimizer.unit().label()).append(") | ");
            for (String h : header) {
                double m = SgdEpochCheck.median(seconds.get(h));
                best = Math.min(best, m);
                table.append(String.format(Locale.ROOT, "%.3f", m)).append(" | ");
            }
            double def = SgdEpochCheck.median(seconds.get(defaultLabel));
            table.append("native ").append(defaultLabel.replace(", ", ", Java ")).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", def / best)).append(" |\n");
        }
        ThreadPolicy.machine().resolve(Workload.FULL_BATCH).apply();
        System.out.println();
        System.out.print(table);
    }

    private static String label(int nativeThreads, int java) {
        return nativeThreads + ", " + java;
    }

    private static Optimizer optimizer(String name) {
        return switch (name) {
            case "dlam" -> new DlamOptimizer(BenchProblems.dlamConfig(BenchProblems.SCHEDULE, true));
            case "admm" -> new AdmmOptimizer(AdmmConfig.defaults());
            case "sgd" -> new SgdOptimizer(SgdSettings.defaults(Momentum.NAME, SgdEpochCheck.LEARNING_RATE)
                    .with(SgdEpochCheck.LEARNING_RATE, SgdEpochCheck.BATCH_SIZE),
                    new Momentum(SgdEpochCheck.MOMENTUM, false));
            default -> throw new IllegalArgumentException("workload must be dlam, admm or sgd, found " + name);
        };
    }

    /** The median of the iterations' own times (without the evaluation) of one run of {@code iterations}. */
    private static double run(Optimizer optimizer, Problem problem, int iterations) {
        List<Double> seconds = new ArrayList<>();
        optimizer.fit(problem, iterations, (IterationReport report, org.altmin.api.State state) -> {
            if (report.iteration() > 0) {
                seconds.add(report.nanos() * 1e-9);
            }
        });
        return SgdEpochCheck.median(seconds);
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
