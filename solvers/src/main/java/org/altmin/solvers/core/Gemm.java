package org.altmin.solvers.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Nd4j.gemm} into a preallocated output, with the flops counted ({@code 2 m n k} each), so that a benchmark
 * can report what an iteration executed: blocks skip products whose result they know (a zero step, a zero residual),
 * so the count is what ran. Not thread-safe.
 */
public final class Gemm {
    private double flops;

    /** {@code out <- alpha op(a) op(b) + beta out}. */
    public INDArray gemm(INDArray a, INDArray b, INDArray out, boolean transA, boolean transB, double alpha, double beta) {
        Nd4j.gemm(a, b, out, transA, transB, alpha, beta);
        count(transA ? a.columns() : a.rows(), transB ? b.rows() : b.columns(), transA ? a.rows() : a.columns());
        return out;
    }

    /** Adds {@code 2 m n k}, an {@code m x k} by {@code k x n} product made without {@link #gemm}, to the count. */
    public void count(long m, long n, long k) {
        flops += 2.0 * m * n * k;
    }

    /** The flops counted so far. */
    public double flops() {
        return flops;
    }
}
