package org.altmin.experiments.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.altmin.api.LayerStats;
import org.altmin.api.Problem;
import org.altmin.solvers.dlam.DlamConfig;
import org.altmin.solvers.dlam.DlamContext;
import org.altmin.solvers.dlam.DlamOptimizer;
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
 * One full-batch DLAM iteration (Algorithm 1, all blocks, no evaluation) on random data of MNIST's shape,
 * {@code 784 x 60000}, network 784-100-100-10, FP32.
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
 * step is exactly 0, a gradient's when the residual it multiplies is exactly 0 ({@code DlamContext#gemmFlops()}
 * counts what ran). Without the product cache the b/z steps and the next W step would recompute
 * {@code W_l a_{l-1}} (another 10.7 GFLOP). The forward-pass evaluation each iteration reports (not part of this
 * benchmark) adds 10.7 GFLOP on the training set. Compare with {@link SgemmBenchmark}, the SGEMM floor at these
 * shapes.
 *
 * <p><b>Measured</b> (2026-11-29, 2-core AMD EPYC shared with other jobs, load average 0.4-2, real ReLU and
 * cross-entropy, defaults with warm start): 521 +- 134 ms per iteration (JMH, 3 measurements); the quick check
 * {@link DlamQuickCheck} shows 370-470 ms in steady state, of which 110-200 ms are the iterative cross-entropy
 * prox of equation 5. With a fixed eps only the output layer moves (see the {@code org.altmin.solvers.dlam}
 * package), so the hidden W blocks take zero steps and skip their product: 12.3 GFLOP of GEMM are executed. ND4J
 * SGEMM at these shapes ({@link SgemmBenchmark}) ran at 127 GFLOP/s ({@code 100x784x60000 NT}, 74 ms) and
 * 141 GFLOP/s ({@code 100x60000x784 NN}, 67 ms): a GEMM floor of about 100 ms for the executed products (190 ms
 * for the full 24.1 GFLOP); the rest is elementwise work (preimages, clips, residuals) and the prox.
 *
 * <p>Since the elementwise passes of the blocks are fused ({@code org.altmin.solvers.dlam.Fused}) and the
 * gradient products of exactly zero residuals are skipped, a fixed-eps iteration runs about 0.5 GFLOP of GEMM in
 * steady state (W_3 and a_2; the hidden residuals are exactly 0 because b starts at 0). Quick check, alternating
 * old and new builds on the same machine under load average 4-8 (2 cores), iterations 3-8 of 4 runs each: median
 * 1282 ms before, 576 ms after (best 682 and 391 ms). What remains is mostly the hidden z blocks, i.e. the
 * activation's {@code preimageBounds} (ReLU: about 70-100 ms per layer there, against 10-20 ms for the fused clip),
 * and the cross-entropy prox.
 *
 * <p>Run: {@code java -cp "experiments/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main DlamIteration -f 1 -wi 2 -i 3}.
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

    private DlamOptimizer dlam;
    private DlamContext ctx;
    private int k;

    @Setup(Level.Trial)
    public void setUp() {
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        DlamConfig config = BenchProblems.dlamConfig(schedule, warmStart == 1);
        dlam = new DlamOptimizer(config);
        ctx = new DlamContext(problem, config);
        ctx.start();
        k = 0;
        for (int i = 0; i < burnIn; i++) {
            iteration();
        }
    }

    @Benchmark
    public List<LayerStats> iteration() {
        ctx.beginIteration(++k);
        return dlam.sweep(ctx);
    }
}
