package org.altmin.experiments.bench;

import java.util.concurrent.TimeUnit;
import org.altmin.api.Problem;
import org.altmin.solvers.dlam.DlamConfig;
import org.altmin.solvers.dlam.DlamSession;
import org.altmin.solvers.core.Sweep;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full-batch DLAM iteration (Algorithm 1, all blocks, no evaluation) on MNIST's training set (or random data
 * of its shape), {@code 784 x 60000}, network 784-100-100-10, FP32.
 *
 * <p><b>GEMM flop count of one iteration</b> ({@code 2 m n k} per product; n_0..n_3 = 784, 100, 100, 10, N = 60000;
 * one backtracking trial per block):
 * <ul>
 *   <li>W_l (Algorithm 2): the gradient {@code r a_{l-1}^T} and one {@code D a_{l-1}} per trial:
 *       {@code 2 * 2 n_l n_{l-1} N}: layer 1 18.82 G, layer 2 2.40 G, layer 3 0.24 G;</li>
 *   <li>a_l (Algorithm 3): the gradient {@code W_{l+1}^T r_{l+1}} and one {@code W_{l+1} (beta - a)} per trial:
 *       {@code 2 * 2 n_{l+1} n_l N}: a_1 2.40 G, a_2 0.24 G;</li>
 *   <li>b and z: no GEMM (they read the cached {@code W_l a_{l-1}}, see {@code DlamContext}).</li>
 * </ul>
 * Total 24.10 GFLOP per iteration with one trial each; every further W_l trial adds {@code 2 n_l n_{l-1} N}, every
 * further a_l trial {@code 2 n_{l+1} n_l N}. The blocks skip a product whose result they know: a trial's when its
 * step is exactly 0, a gradient's when the residual it multiplies is exactly 0 ({@code DlamSession#gemmFlops()}
 * counts what ran). Without the product cache the b/z steps and the next W step would recompute
 * {@code W_l a_{l-1}} (another 10.7 GFLOP). The forward-pass evaluation each iteration reports (not part of this
 * benchmark) adds 10.7 GFLOP on the training set. Compare with {@link SgemmBenchmark}, the SGEMM floor at these
 * shapes.
 *
 * <p><b>Measured</b> (2026-11-29, 2-core AMD EPYC, load average 1.7-2.7, real MNIST, ReLU, cross-entropy, warm
 * start, after the 40-iteration burn-in; JMH, 3 measurements):
 * <ul>
 *   <li>{@code schedule} (the preset {@code dlam-mnist.yaml}; every block moves): 396 +- 81 ms per iteration.
 *       {@link DlamQuickCheck} in the same state: 386-474 ms with 25.5-25.9 GFLOP executed, i.e. 55-66 GFLOP/s
 *       (layer 1's backtracking trials use the Gram matrix of x, so extra trials cost 0.12 GFLOP each; before that
 *       change an iteration took 480 +- 130 ms, with 25.4-53.6 GFLOP). The SGEMM times of the same products
 *       ({@link SgemmBenchmark}: 100x784x60000 NT 72.8 ms, 100x60000x784 NN 66.6 ms, 100x60000x100 NN/TN 9.2-9.3
 *       ms, 100x100x60000 NT 15.6 ms, i.e. 127-141 GFLOP/s) add up to about 198 ms: the iteration is about 2.0x its
 *       GEMM floor, short of the 1.5x target. W_1 takes 143-178 ms against 139 ms of GEMM; the rest is the z blocks
 *       (about 25 ms each: preimage bounds and the fused clip; the cross-entropy prox), the a blocks' elementwise
 *       work (about 40 ms for a_1), W_2's and W_3's small-matrix overheads (about 20 ms each).</li>
 *   <li>{@code fixed} (defaults): 147 +- 10 ms per iteration, of which only 0.6 GFLOP is GEMM: the hidden
 *       residuals are exactly 0 (see the package documentation), so their products are skipped.</li>
 * </ul>
 * Before this session's work (iterative FISTA prox, one ND4J pass per elementwise step, ND4J preimage bounds) a
 * fixed-eps iteration took 521 +- 134 ms.
 *
 * <p>Run: {@code bin/bench} (both schedules and {@link SgemmBenchmark}), or {@code bin/bench DlamIteration -p
 * schedule=fixed}; MNIST must have been fetched ({@code bin/altmin fetch --dataset mnist}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class DlamIterationBenchmark {
    @Param({"60000"})
    public int samples;

    /** 1: theta and t start from the last accepted value (fewer trials); 0: from nu and mu (Algorithms 2-3). */
    @Param({"1"})
    public int warmStart;

    /** {@code fixed}: DLAM's defaults; {@code schedule}: the MNIST preset's shrinking eps (every block moves). */
    @Param({BenchProblems.FIXED, BenchProblems.SCHEDULE})
    public String schedule;

    /** {@code mnist}: the real training set (fetch it first: {@code bin/altmin fetch --dataset mnist}); {@code random}. */
    @Param({BenchProblems.MNIST})
    public String data;

    /**
     * Iterations run in the setup, before any measurement: on MNIST under the schedule the band binds layer 1
     * only after about 25 iterations (until then its residual is exactly 0 and its products are skipped), so the
     * measured iterations are those of the steady state, where every block moves.
     */
    @Param({"40"})
    public int burnIn;

    private DlamSession ctx;
    private int k;

    @Setup(Level.Trial)
    public void setUp() {
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        DlamConfig config = BenchProblems.dlamConfig(schedule, warmStart == 1);
        ctx = new DlamSession(problem, config);
        ctx.start();
        k = 0;
        for (int i = 0; i < burnIn; i++) {
            iteration();
        }
    }

    @Benchmark
    public Sweep iteration() {
        return ctx.iterate(++k);
    }
}
