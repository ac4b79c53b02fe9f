package org.altmin.experiments.bench;

import org.altmin.api.BlockUpdate;
import org.altmin.api.Problem;
import org.altmin.solvers.dlam.ABacktrack;
import org.altmin.solvers.dlam.BExact;
import org.altmin.solvers.dlam.DlamBlocks;
import org.altmin.solvers.dlam.DlamConfig;
import org.altmin.solvers.dlam.DlamContext;
import org.altmin.solvers.dlam.DlamSession;
import org.altmin.solvers.dlam.WBacktrack;
import org.altmin.solvers.dlam.WExact;
import org.altmin.solvers.dlam.ZClip;
import org.altmin.solvers.dlam.ZLProx;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DLAM with the exact least-squares W block ({@code --part W=w-exact}, {@link WExact}) against the default
 * ({@link WBacktrack}), one right after the other on the same problem, as a Markdown table: the run's total, the
 * median milliseconds per iteration, the W blocks' median and slowest milliseconds per iteration (the slowest is
 * where w-exact inverts layer 1's {@code n_0 x n_0} system, once per run), GEMM GFLOP per iteration (median), and
 * the ratios to the default. Every iteration counts, the first included.
 * Usage: {@code WExactQuickCheck [iterations=20] [samples=5000] [fixed|schedule] [mnist|random]}; {@code bin/bench
 * wexact ...}.
 */
public final class WExactQuickCheck {
    private WExactQuickCheck() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String schedule = args.length > 2 ? args[2] : BenchProblems.SCHEDULE;
        String data = args.length > 3 ? args[3] : BenchProblems.MNIST;
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        DlamConfig config = BenchProblems.dlamConfig(schedule, true);
        System.out.printf("%n%s, N=%d, %s eps, %d iterations, FLOAT; load %s; %s%n%n", problem.network().widths(),
                samples, schedule, iterations, SessionTiming.loadAverage(), SessionTiming.threads());
        System.out.println("| W block | total s | ms per iteration (median) | W blocks ms per iteration (median) | W blocks"
                + " ms, slowest iteration | GEMM GFLOP per iteration (median) | ratio to w-backtrack: total, per"
                + " iteration, W blocks |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        double[] base = null;
        StringBuilder blocksByW = new StringBuilder();
        for (BlockUpdate<DlamContext> w : java.util.List.<BlockUpdate<DlamContext>>of(new WBacktrack(), new WExact())) {
            DlamBlocks blocks = new DlamBlocks(w, new BExact(), new ZClip(), new ZLProx(), new ABacktrack());
            blocks.prepare(problem);
            DlamSession session = new DlamSession(problem, config, blocks.sweep(problem.layers()));
            session.start();
            long t0 = System.nanoTime();
            SessionTiming t = SessionTiming.run(session, iterations, 0, session::gemmFlops);
            double total = (System.nanoTime() - t0) * 1e-9;
            double[] row = {total, t.medianMillis(), t.medianMillis("W")};
            if (base == null) {
                base = row;
            }
            String name = w instanceof WExact ? WExact.NAME : WBacktrack.NAME;
            System.out.printf("| %s | %.1f | %.0f | %.1f | %.0f | %.2f | %.2f, %.2f, %.2f |%n", name, total,
                    t.medianMillis(), t.medianMillis("W"), t.maxMillis("W"), t.medianGflop(), total / base[0],
                    row[1] / base[1], row[2] / base[2]);
            blocksByW.append(String.format("%n%s, ms per block (mean): %s", name, t.blocks()));
        }
        System.out.println(blocksByW);
    }
}
