package org.altmin.experiments.bench;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's GEMM rate at the shapes of a full-batch iteration on MNIST (784-100-100-10, N samples), measured in the
 * same process just before or after the iteration it is compared with, so that both see the same machine load:
 * the products {@code 100x784 . 784xN} (NN), {@code 100xN . (784xN)^T} (NT), {@code 100x100 . 100xN} (NN) and
 * {@code 100xN . (100xN)^T} (NT), each timed 5 times after a warm-up; the rate is their total flops over the sum of
 * their median times. {@link #floorMillis} turns an iteration's counted flops into the time GEMM alone would take.
 */
public record GemmFloor(double singleRate, double doubleRate) {

    /** Measures the FLOAT and DOUBLE rates for N = {@code samples}. */
    public static GemmFloor measure(long samples) {
        return new GemmFloor(rate(DataType.FLOAT, samples), rate(DataType.DOUBLE, samples));
    }

    /** Milliseconds GEMM alone needs for {@code flops}, of which {@code doubleFlops} ran in double. */
    public double floorMillis(double flops, double doubleFlops) {
        return 1e3 * ((flops - doubleFlops) / singleRate + doubleFlops / doubleRate);
    }

    /** GFLOP/s of {@code dtype} GEMM at the iteration's shapes. */
    static double rate(DataType dtype, long samples) {
        long[][] shapes = {{100, 784, samples, 0}, {100, samples, 784, 1}, {100, 100, samples, 0}, {100, samples, 100, 1}};
        double flops = 0;
        double seconds = 0;
        for (long[] s : shapes) {
            // s = {m, k, n, transB}: op(a) m x k, op(b) k x n.
            INDArray a = Nd4j.rand(dtype, s[0], s[1]);
            INDArray b = s[3] == 1 ? Nd4j.rand(dtype, s[2], s[1]) : Nd4j.rand(dtype, s[1], s[2]);
            INDArray out = Nd4j.create(dtype, s[0], s[2]);
            double[] t = new double[5];
            Nd4j.gemm(a, b, out, false, s[3] == 1, 1.0, 0.0);
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                Nd4j.gemm(a, b, out, false, s[3] == 1, 1.0, 0.0);
                t[i] = (System.nanoTime() - t0) * 1e-9;
            }
            Arrays.sort(t);
            seconds += t[t.length / 2];
            flops += 2.0 * s[0] * s[1] * s[2];
        }
        return flops / seconds;
    }
}
