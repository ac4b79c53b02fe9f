package org.altmin.experiments.bench;

import org.altmin.api.Problem;
import org.altmin.solvers.admm.AdmmConfig;
import org.altmin.solvers.admm.AdmmSession;
import org.altmin.solvers.core.Gemm;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Iterations of ADMM (Taylor et al., ICML 2016; {@link AdmmSession}) on MNIST's shape, without the evaluation: ms
 * per iteration (median after the first {@code skip}), per block, the GEMM GFLOP the iteration ran (counted by the
 * session's {@link Gemm}, the double-precision share apart: the W updates form {@code z a^T} and {@code a a^T} in
 * double) and the GEMM floor from the rates {@link GemmFloor} measures in the same process, as a Markdown table.
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
        double d0 = gemm.doubleFlops();
        double f0 = gemm.flops();
        SessionTiming t = SessionTiming.run(session, iterations, skip, gemm::flops);
        double doubleShare = (gemm.doubleFlops() - d0) / (gemm.flops() - f0);
        GemmFloor floor = GemmFloor.measure(samples);
        double gflop = t.medianGflop();
        double floorMs = floor.floorMillis(gflop * 1e9, doubleShare * gflop * 1e9);
        System.out.printf("%nADMM %s, N=%d, FLOAT, iterations %d-%d; load %s; %s; SGEMM %.0f, DGEMM %.0f GFLOP/s at these shapes%n%n",
                problem.network().widths(), samples, skip + 1, iterations, SessionTiming.loadAverage(),
                SessionTiming.threads(), floor.singleRate() * 1e-9, floor.doubleRate() * 1e-9);
        System.out.println("| ms per iteration (median) | GEMM GFLOP (of which double) | achieved GFLOP/s | GEMM floor ms | ratio to floor | ms per block |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        System.out.printf("| %.0f | %.2f (%.2f) | %.0f | %.0f | %.2f | %s |%n", t.medianMillis(), gflop, doubleShare * gflop,
                t.gflopPerSecond(), floorMs, t.medianMillis() / floorMs, t.blocks());
    }
}
