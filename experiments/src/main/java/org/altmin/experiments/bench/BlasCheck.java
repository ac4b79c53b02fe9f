package org.altmin.experiments.bench;

import java.util.Locale;
import org.altmin.api.Workload;
import org.altmin.api.kernels.ThreadPolicy;
import org.altmin.solvers.core.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Nd4j.gemm} against {@link Blas#gemm} (OpenBLAS called directly) at the products of a minibatch of 128 on
 * the 784-100-100-10 network, FLOAT, in the layouts SGD uses (c-order W, column-major batches, c-order gradients):
 * microseconds per call (the best of 5 runs of {@code reps} calls each, after a warm-up) and GFLOP/s, one line each,
 * as a Markdown table with the BLAS library ({@link Blas#library()}) and the load average.
 * Usage: {@code BlasCheck [reps=400] [threads=1]}; {@code bin/bench blas}.
 */
public final class BlasCheck {
    private BlasCheck() {}

    private interface Product {
        void run();
    }

    private static double microseconds(Product product, int reps) {
        for (int i = 0; i < reps / 4 + 1; i++) {
            product.run();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                product.run();
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e3 / reps;
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ThreadPolicy.machine().withThreads(threads).resolve(Workload.MINIBATCH).apply();
        DataType f = DataType.FLOAT;
        int batch = 128;
        INDArray w1 = Nd4j.rand(f, 100, 784);
        INDArray w2 = Nd4j.rand(f, 100, 100);
        INDArray w3 = Nd4j.rand(f, 10, 100);
        INDArray x = Nd4j.rand(f, 'f', 784, batch);
        INDArray a1 = Nd4j.rand(f, 'f', 100, batch);
        INDArray d2 = Nd4j.rand(f, 'f', 100, batch);
        INDArray d3 = Nd4j.rand(f, 'f', 10, batch);
        INDArray z = Nd4j.create(f, new long[] {100, batch}, 'f');
        INDArray z3 = Nd4j.create(f, new long[] {10, batch}, 'f');
        INDArray g1 = Nd4j.create(f, 100, 784);
        INDArray g3 = Nd4j.create(f, 10, 100);
        Object[][] cases = {
            {"z_1 = W_1 x (100 x 128 x 784)", w1, x, z, false, false},
            {"grad W_1 = delta_1 x^T (100 x 784 x 128)", d2, x, g1, false, true},
            {"z_2 = W_2 a_1 (100 x 128 x 100)", w2, a1, z, false, false},
            {"delta_1 = W_2^T delta_2 (100 x 128 x 100)", w2, d2, z, true, false},
            {"z_3 = W_3 a_2 (10 x 128 x 100)", w3, a1, z3, false, false},
            {"grad W_3 = delta_3 a_2^T (10 x 100 x 128)", d3, a1, g3, false, true},
        };
        System.out.printf(Locale.ROOT, "%nGEMM per call, FLOAT, %d thread(s), %s; load average %s%n%n", threads,
                Blas.library(), SessionTiming.loadAverage());
        System.out.println("| product | Nd4j.gemm us | Blas.gemm us | ratio | Blas.gemm GFLOP/s |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Object[] c : cases) {
            INDArray a = (INDArray) c[1];
            INDArray b = (INDArray) c[2];
            INDArray out = (INDArray) c[3];
            boolean ta = (Boolean) c[4];
            boolean tb = (Boolean) c[5];
            double flops = 2.0 * out.rows() * out.columns() * (ta ? a.rows() : a.columns());
            double nd4j = microseconds(() -> Nd4j.gemm(a, b, out, ta, tb, 1.0, 0.0), reps);
            double direct = microseconds(() -> Blas.gemm(a, b, out, ta, tb, 1.0, 0.0), reps);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f |%n", c[0], nd4j, direct, nd4j / direct,
                    flops / direct / 1e3);
        }
    }
}
