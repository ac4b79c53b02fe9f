package org.altmin.solvers.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Blas#gemm} ({@code Nd4j.gemm}'s product, OpenBLAS called directly) into a preallocated output, with the
 * flops counted ({@code 2 m n k} each) and every product's {@link GemmShape} tallied, so that a benchmark can report
 * what an iteration executed and time those very shapes for its GEMM floor: blocks skip products whose result they
 * know (a zero step, a zero residual), so the count is what ran. It also sums the wall time spent in the products
 * ({@link #nanos()}), so that a benchmark can split an iteration into GEMM as it ran there and everything else. Not
 * thread-safe.
 */
public final class Gemm {
    private final Map<GemmShape, Long> shapes = new LinkedHashMap<>();
    private long nanos;

    /** {@code out <- alpha op(a) op(b) + beta out}. */
    public INDArray gemm(INDArray a, INDArray b, INDArray out, boolean transA, boolean transB, double alpha, double beta) {
        long start = System.nanoTime();
        Blas.gemm(a, b, out, transA, transB, alpha, beta);
        nanos += System.nanoTime() - start;
        long m = transA ? a.columns() : a.rows();
        long n = transB ? b.rows() : b.columns();
        long k = transA ? a.rows() : a.columns();
        shapes.merge(new GemmShape(m, n, k, transA, transB, a.ordering(), b.ordering(), out.ordering(),
                out.dataType()), 1L, Long::sum);
        return out;
    }

    /**
     * How many products of each shape ran so far, in the order the shapes first appeared (a copy: the difference of
     * two snapshots is what ran in between).
     */
    public Map<GemmShape, Long> shapes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    }

    /** The wall-clock nanoseconds spent in the products so far ({@link System#nanoTime()} around each call). */
    public long nanos() {
        return nanos;
    }

    /** The flops counted so far: {@code 2 m n k} summed over the products of {@link #shapes()} (exact integers). */
    public double flops() {
        double total = 0;
        for (Map.Entry<GemmShape, Long> e : shapes.entrySet()) {
            total += e.getValue() * e.getKey().flops();
        }
        return total;
    }
}
