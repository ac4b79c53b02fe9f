package org.altmin.solvers.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Blas#gemm} ({@code Nd4j.gemm}'s product, OpenBLAS called directly) into a preallocated output, with the
 * flops counted ({@code 2 m n k} each), so that a benchmark can report what an iteration executed: blocks skip
 * products whose result they know (a zero step, a zero residual), so the count is what ran. Not thread-safe.
 */
public final class Gemm {
    private double flops;
    private double doubleFlops;

    /** {@code out <- alpha op(a) op(b) + beta out}. */
    public INDArray gemm(INDArray a, INDArray b, INDArray out, boolean transA, boolean transB, double alpha, double beta) {
        Blas.gemm(a, b, out, transA, transB, alpha, beta);
        long m = transA ? a.columns() : a.rows();
        long n = transB ? b.rows() : b.columns();
        long k = transA ? a.rows() : a.columns();
        count(m, n, k);
        if (out.dataType() == DataType.DOUBLE) {
            doubleFlops += 2.0 * m * n * k;
        }
        return out;
    }

    /** Adds {@code 2 m n k}, an {@code m x k} by {@code k x n} product made without {@link #gemm}, to the count. */
    public void count(long m, long n, long k) {
        flops += 2.0 * m * n * k;
    }

    /**
     * The part of {@link #flops()} that {@link #gemm} ran in double precision (DGEMM runs at about half SGEMM's
     * rate, so a floor for a FLOAT run that forms some products in double counts them apart).
     */
    public double doubleFlops() {
        return doubleFlops;
    }

    /** The flops counted so far. */
    public double flops() {
        return flops;
    }
}
