package org.altmin.experiments.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.altmin.api.Problem;
import org.altmin.solvers.admm.AdmmConfig;
import org.altmin.solvers.admm.AdmmSession;
import org.altmin.solvers.core.Blas;
import org.altmin.solvers.core.Gemm;
import org.altmin.solvers.core.GemmShape;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Iterations of ADMM (Taylor et al., ICML 2016; {@link AdmmSession}) on MNIST's shape, without the evaluation: ms
 * per iteration (median after the first {@code skip}), per block, the GEMM GFLOP the iteration ran (counted by the
 * session's {@link Gemm}, the double-precision share apart: the W updates form {@code z a^T} and {@code a a^T} in
 * double) and the GEMM floor at the iteration's own shapes ({@link GemmFloor}, measured in the same process right
 * after each iteration), with the iteration split into its time in GEMM ({@link Gemm#nanos()}) and the rest, as
 * Markdown tables.
 * Usage: {@code AdmmQuickCheck [iterations=10] [samples=60000] [mnist|random] [skip=2]}; {@code bin/bench admm ...}.
 */
public final class AdmmQuickCheck {
    private AdmmQuickCheck() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 60000;
        String data = args.length > 2 ? args[2] : BenchProblems.MNIST;
        int skip = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        AdmmSession session = new AdmmSession(problem, AdmmConfig.defaults());
        Gemm gemm = session.context().gemm();
        GemmFloor floor = new GemmFloor();
        SessionTiming t = SessionTiming.run(session, iterations, skip, gemm, floor);
        // The products of the counted iterations: the session's ledger less what ran up to the skipped ones (start
        // and the first iterations differ: one-time products); per iteration, their mean.
        Map<GemmShape, Long> counted = GemmFloor.ran(t.shapesBeforeCounting(), gemm.shapes());
        int n = iterations - skip;
        Map<GemmShape, Double> perIteration = new LinkedHashMap<>();
        counted.forEach((shape, c) -> perIteration.put(shape, (double) c / n));
        double gflop = t.medianGflop();
        double doubleGflop = perIteration.entrySet().stream().filter(e -> e.getKey().type() == DataType.DOUBLE)
                .mapToDouble(e -> e.getValue() * e.getKey().flops()).sum() * 1e-9;
        double doubleShare = doubleGflop / gflop;
        System.out.printf("%nADMM %s, N=%d, FLOAT, iterations %d-%d; load %s; %s; BLAS %s%n%n",
                problem.network().widths(), samples, skip + 1, iterations, SessionTiming.loadAverage(),
                SessionTiming.threads(), Blas.library());
        double[] ratios = t.ratios();
        System.out.println("| ms per iteration (median) | GEMM GFLOP (of which double) | achieved GFLOP/s | GEMM floor ms (median) | ratio to floor (median, min-max) | in GEMM / other ms (median) | ms per block |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        System.out.printf("| %.0f | %.2f (%.2f) | %.0f | %.0f | %.2f (%.2f-%.2f) | %.0f / %.0f | %s |%n", t.medianMillis(), gflop,
                doubleShare * gflop, t.gflopPerSecond(), t.medianFloorMillis(), SessionTiming.median(ratios),
                Arrays.stream(ratios).min().orElse(Double.NaN), Arrays.stream(ratios).max().orElse(Double.NaN),
                t.medianGemmMillis(), t.medianOtherMillis(), t.blocks());
        System.out.println();
        System.out.print(floor.table(perIteration));
        floor.close();
    }
}
