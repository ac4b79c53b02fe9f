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
 * benchmark) adds 10.7 GFLOP on the training set. Compare with {@link SgemmBenchmark}, the SGEMM rate at the large
 * shapes, or run {@link DlamQuickCheck}, which times every shape the iteration ran.
 *
 * <p>Measured figures, with the machine, the load and the GEMM floor at the iteration's own shapes
 * ({@link DlamQuickCheck}, {@link GemmFloor}), are in the README's performance section.
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
