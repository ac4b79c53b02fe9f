package org.altmin.experiments.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.altmin.api.IterationListener;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.solvers.admm.AdmmConfig;
import org.altmin.solvers.admm.AdmmOptimizer;
import org.altmin.solvers.core.IterativeOptimizer;
import org.altmin.solvers.core.Session;
import org.altmin.solvers.dlam.DlamOptimizer;
import org.altmin.solvers.dlam.MdlamOptimizer;
import org.altmin.solvers.sgd.Momentum;
import org.altmin.solvers.sgd.SgdOptimizer;
import org.altmin.solvers.sgd.SgdSettings;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The memory each optimizer holds, as Markdown tables.
 * <ul>
 *   <li><b>Bytes per training sample</b>: the ND4J bytes a run's session holds after 3 iterations (its variables,
 *       product caches, workspaces and step memory: every array reachable from it, {@link HeldArrays}, less the
 *       problem's data), on random problems of MNIST's shape with N1 and N2 samples:
 *       {@code (held(N2) - held(N1)) / (N2 - N1)}, with the part that does not grow with N. The lifecycle's
 *       evaluation buffers (the forward pass over the data) are not the session's and are not counted.</li>
 *   <li><b>Growth</b>: over {@code iterations} iterations of a small problem, the process's resident set (VmRSS of
 *       /proc/self/status) after a garbage collection at 10%, 50% and 100% of them: no N-sized allocation survives
 *       an iteration if it stays flat.</li>
 * </ul>
 * Usage: {@code MemoryCheck [n1=2000] [n2=6000] [growthIterations=1000] [growthSamples=1000]}; {@code bin/bench
 * memory ...}. The peak RSS of a full-MNIST training job is measured outside the JVM ({@code bin/bench rss}).
 */
public final class MemoryCheck {
    private MemoryCheck() {}

    private static final int[] NETWORK = BenchProblems.MNIST_NETWORK;

    static List<String> names() {
        return List.of("dlam", "mdlam", "admm", "sgd");
    }

    static Optimizer optimizer(String name) {
        return switch (name) {
            case "dlam" -> new DlamOptimizer(BenchProblems.dlamConfig(BenchProblems.SCHEDULE, true));
            case "mdlam" -> new MdlamOptimizer(BenchProblems.dlamConfig(BenchProblems.SCHEDULE, true));
            case "admm" -> new AdmmOptimizer(AdmmConfig.defaults());
            case "sgd" -> new SgdOptimizer(new SgdSettings(Momentum.NAME, 0.05, 128, SgdSettings.DEFAULT_DECAY,
                    SgdSettings.DEFAULT_INIT_SCHEME, SgdSettings.DEFAULT_INIT_SCALE), new Momentum(0.9, false));
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static void main(String[] args) {
        int n1 = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int n2 = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
        int growthIterations = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int growthSamples = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        System.out.printf("%nND4J bytes held by the session after 3 iterations, random data of MNIST's shape %s, FLOAT, N1=%d, N2=%d%n%n",
                java.util.Arrays.toString(NETWORK), n1, n2);
        System.out.println("| optimizer | bytes per training sample | fixed bytes | floats per sample |");
        System.out.println("| --- | --- | --- | --- |");
        for (String name : names()) {
            long h1 = sessionBytes(name, n1);
            long h2 = sessionBytes(name, n2);
            double perSample = (double) (h2 - h1) / (n2 - n1);
            System.out.printf("| %s | %.0f | %.0f | %.1f |%n", name, perSample, h1 - perSample * n1, perSample / 4);
        }
        System.out.printf("%nGrowth over %d iterations (epochs for sgd), N=%d, VmRSS after a GC (MB)%n%n",
                growthIterations, growthSamples);
        System.out.println("| optimizer | at 10% | at 50% | at 100% | growth 10% -> 100% |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (String name : names()) {
            Problem p = BenchProblems.random(growthSamples, DataType.FLOAT, "cross-entropy", "relu", NETWORK);
            List<Long> marks = new ArrayList<>();
            List<Integer> at = List.of(Math.max(1, growthIterations / 10), Math.max(1, growthIterations / 2), growthIterations);
            IterationListener listener = (r, s) -> {
                if (at.contains(r.iteration())) {
                    collect();
                    marks.add(rssKb() * 1024);
                }
            };
            optimizer(name).fit(p, growthIterations, listener);
            StringBuilder row = new StringBuilder("| " + name);
            for (long m : marks) {
                row.append(String.format(" | %.1f", m / 1e6));
            }
            row.append(String.format(" | %+d bytes |", marks.get(marks.size() - 1) - marks.get(0)));
            System.out.println(row);
        }
    }

    /** The ND4J bytes of {@code name}'s session on N samples after 3 iterations, less the problem's own arrays. */
    static long sessionBytes(String name, int samples) {
        Problem p = BenchProblems.random(samples, DataType.FLOAT, "cross-entropy", "relu", NETWORK);
        Optimizer optimizer = optimizer(name);
        optimizer.prepare(p);
        try {
            // open is the lifecycle's (protected): the benchmark opens the session itself to see what it holds.
            java.lang.reflect.Method open = IterativeOptimizer.class.getDeclaredMethod("open", Problem.class);
            open.setAccessible(true);
            Session session = (Session) open.invoke(optimizer, p);
            for (int k = 1; k <= 3; k++) {
                session.iterate(k);
                session.measure(k);
            }
            return HeldArrays.ndBytes(session, p);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot open the session of " + name, e);
        }
    }

    /** A few garbage collections, with time for JavaCPP's deallocator to free what they found. */
    static void collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** VmRSS of this process in kB, or -1. */
    static long rssKb() {
        return status("VmRSS:");
    }

    /** A kB field of /proc/self/status ({@code VmRSS:}, {@code VmHWM:}), or -1. */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (Exception unavailable) {
            // not Linux
        }
        return -1;
    }

}
