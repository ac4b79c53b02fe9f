package org.altmin.experiments.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * ND4J SGEMM at the shapes of one DLAM iteration on MNIST (784-100-100-10, N = 60000; see
 * {@link DlamIterationBenchmark}): the floor to compare the iteration against. GFLOP/s = {@code 2 m n k / time}.
 * Shapes are {@code m x n x k, transA transB}:
 * <ul>
 *   <li>{@code 100x784x60000 NT}: W_1's gradient {@code r x^T};</li>
 *   <li>{@code 100x60000x784 NN}: W_1's backtracking product {@code D x};</li>
 *   <li>{@code 100x60000x100 TN}: a_1's gradient {@code W_2^T r_2};</li>
 *   <li>{@code 100x60000x100 NN}: {@code W_2 (beta - a_1)} and {@code D a_1};</li>
 *   <li>{@code 100x100x60000 NT}: W_2's gradient.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class SgemmBenchmark {
    @Param({"100x784x60000:NT", "100x60000x784:NN", "100x60000x100:TN", "100x60000x100:NN", "100x100x60000:NT"})
    public String shape;

    private INDArray a;
    private INDArray b;
    private INDArray c;
    private boolean transA;
    private boolean transB;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split(":");
        String[] dims = parts[0].split("x");
        int m = Integer.parseInt(dims[0]);
        int n = Integer.parseInt(dims[1]);
        int k = Integer.parseInt(dims[2]);
        transA = parts[1].charAt(0) == 'T';
        transB = parts[1].charAt(1) == 'T';
        a = transA ? Nd4j.rand(DataType.FLOAT, k, m) : Nd4j.rand(DataType.FLOAT, m, k);
        b = transB ? Nd4j.rand(DataType.FLOAT, n, k) : Nd4j.rand(DataType.FLOAT, k, n);
        c = Nd4j.create(DataType.FLOAT, m, n);
    }

    @Benchmark
    public INDArray gemm() {
        return Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
    }

    /** Quick GFLOP/s table without JMH: {@code SgemmBenchmark [repeats=5]}. */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (String s : new String[] {"100x784x60000:NT", "100x60000x784:NN", "100x60000x100:TN", "100x60000x100:NN",
                "100x100x60000:NT"}) {
            SgemmBenchmark bench = new SgemmBenchmark();
            bench.shape = s;
            bench.setUp();
            bench.gemm();
            long best = Long.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                bench.gemm();
                best = Math.min(best, System.nanoTime() - t0);
            }
            String[] d = s.split(":")[0].split("x");
            double flops = 2.0 * Long.parseLong(d[0]) * Long.parseLong(d[1]) * Long.parseLong(d[2]);
            System.out.printf("%-18s best %7.1f ms  %6.1f GFLOP/s%n", s, best * 1e-6, flops / best);
        }
    }
}
