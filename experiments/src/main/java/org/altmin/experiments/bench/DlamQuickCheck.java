package org.altmin.experiments.bench;

import java.util.List;
import org.altmin.api.BlockReport;
import org.altmin.api.Problem;
import org.altmin.solvers.dlam.DlamConfig;
import org.altmin.solvers.dlam.DlamSession;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A quick check without JMH: runs DLAM iterations on a random problem of MNIST's shape and prints ms per
 * iteration, per block and layer, the backtracking trials, and the GFLOP and GFLOP/s of the GEMMs the iteration
 * ran ({@link DlamSession#gemmFlops()}: products a block skips, for a zero step or a zero residual, do not count).
 * Usage: {@code DlamQuickCheck [iterations=5] [samples=60000] [warmStart=1] [fixed|schedule] [mnist|random]}.
 */
public final class DlamQuickCheck {
    private DlamQuickCheck() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 60000;
        boolean warm = args.length <= 2 || Integer.parseInt(args[2]) == 1;
        String schedule = args.length > 3 ? args[3] : BenchProblems.FIXED;
        String data = args.length > 4 ? args[4] : BenchProblems.MNIST;
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        DlamConfig config = BenchProblems.dlamConfig(schedule, warm);
        System.out.printf("problem: %s, loss %s, activation %s, N=%d, warmStart=%s, %s: %s, data %s%n",
                problem.network().widths(), problem.loss(), problem.activation(1), samples, warm, schedule, config, data);
        DlamSession ctx = new DlamSession(problem, config);
        ctx.start();
        for (int k = 1; k <= iterations; k++) {
            double flops0 = ctx.gemmFlops();
            long t0 = System.nanoTime();
            List<BlockReport> blocks = ctx.iterate(k).blocks();
            double seconds = (System.nanoTime() - t0) * 1e-9;
            double flops = ctx.gemmFlops() - flops0;
            StringBuilder line = new StringBuilder(String.format("iter %d: %.0f ms, GEMM %.1f GFLOP -> %.1f GFLOP/s |", k,
                    seconds * 1e3, flops * 1e-9, flops * 1e-9 / seconds));
            int layer = 0;
            for (BlockReport b : blocks) {
                if (b.layer() != layer) {
                    layer = b.layer();
                    line.append(" L").append(layer);
                }
                line.append(String.format(" %s %.0f", b.variable(), ms(b)));
                if (b.trials() > 0) {
                    line.append("(").append(b.trials()).append(")");
                }
            }
            System.out.println(line);
        }
    }

    private static double ms(BlockReport s) {
        return s.nanos() * 1e-6;
    }
}
