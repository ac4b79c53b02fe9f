package org.altmin.solvers.core;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The shape of one product {@code op(a) op(b)} as {@link Gemm} ran it: {@code op(a)} is {@code m x k}, {@code op(b)}
 * {@code k x n}, with the transposes, the operands' and output's orderings (which decide how {@link Blas} maps the
 * product onto column-major BLAS) and the type. A benchmark times each shape an iteration ran to get the
 * iteration's GEMM floor at its own shapes: a skinny product (10 rows against 60000 columns) is memory-bound and
 * runs far below the rate of the large ones.
 */
public record GemmShape(long m, long n, long k, boolean transA, boolean transB, char orderA, char orderB,
        char orderOut, DataType type) {

    /** {@code 2 m n k}. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** Like {@code 100x784x60000 NT f/c->c FLOAT}: m x k x n, the transposes, the orderings, the type. */
    @Override
    public String toString() {
        return m + "x" + k + "x" + n + " " + (transA ? 'T' : 'N') + (transB ? 'T' : 'N') + " " + orderA + "/"
                + orderB + "->" + orderOut + " " + type;
    }
}
