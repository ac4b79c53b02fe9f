package org.altmin.solvers.core;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code c <- alpha op(a) op(b) + beta c}, the same product as {@code Nd4j.gemm}, with OpenBLAS's {@code cblas_sgemm}
 * or {@code cblas_dgemm} called directly on the CPU backend. ND4J's call goes through its {@code Mmul} custom op
 * (an op context, shape and type validation, native shape descriptors), a fixed cost of tens of microseconds per call
 * that is a large part of a minibatch product (a 100 x 128 x 100 product takes about as long again); {@code bin/bench
 * blas} ({@code BlasCheck}) times both at minibatch shapes.
 *
 * <p>Same bits as {@code Nd4j.gemm}: this class makes ND4J's OpenBLAS call, column-major, a row-major operand
 * entering as its transpose with the transpose flag flipped, and a row-major (c-order) output computed as its
 * transpose {@code c^T = op(b)^T op(a)^T} (the operands swapped). {@code BlasTest} checks the bits against
 * {@code Nd4j.gemm} in both types, for every combination of transposes, orderings and views. (A c- and an f-order
 * output of the same product can differ in the last bits, in ND4J as here.)
 *
 * <p>Falls back to {@code Nd4j.gemm} (which also gives its messages for mismatched shapes) when the backend is not the
 * CPU one, the OpenBLAS classes are absent, the types are not all FLOAT or all DOUBLE, a matrix is neither column- nor
 * row-major with unit stride, a dimension is 1 (ND4J may take a matrix-vector route there), or {@code c} shares its
 * buffer with {@code a} or {@code b}. The system property {@value #PROPERTY}{@code =false} turns the direct call off
 * (for side-by-side benchmarks).
 */
public final class Blas {
    /** The system property that turns the direct call off when {@code false}. */
    public static final String PROPERTY = "altmin.blas.direct";

    private static final boolean DIRECT = detect();

    private Blas() {}

    /** Whether products take the direct OpenBLAS call where it applies (CPU backend, OpenBLAS present, not off). */
    public static boolean direct() {
        return DIRECT;
    }

    /**
     * The BLAS that products run on, for provenance: {@code system:<library file>} when {@code bin/blas-env} loaded
     * the system's OpenBLAS (the system property {@code altmin.blas}), else the OpenBLAS bundled with nd4j-native and
     * its presets' version; {@code "Nd4j.gemm"} when the direct call is off.
     */
    public static String library() {
        if (!DIRECT) {
            return "Nd4j.gemm";
        }
        String version = openblas_nolapack.class.getPackage().getImplementationVersion();
        return System.getProperty("altmin.blas", "OpenBLAS bundled with nd4j-native (org.bytedeco:openblas "
                + (version == null ? "?" : version) + ")");
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return false;
        }
        try {
            Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return Nd4j.getBackend().getClass().getName().equals("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
    }

    /** {@code c <- alpha op(a) op(b) + beta c}; returns {@code c}. */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
            double beta) {
        if (!DIRECT || !applicable(a, b, c, transA, transB)) {
            return Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transA ? a.rows() : a.columns());
        if (isColumnMajor(c)) {
            call(a, b, c, transA, transB, m, n, k, alpha, beta, (int) c.stride(1));
            return c;
        }
        // A row-major c is its transpose, column-major: c^T = op(b)^T op(a)^T.
        call(b, a, c, !transB, !transA, n, m, k, alpha, beta, (int) c.stride(0));
        return c;
    }

    private static boolean applicable(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        DataType type = c.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || a.dataType() != type || b.dataType() != type
                || a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            return false;
        }
        long m = transA ? a.columns() : a.rows();
        long k = transA ? a.rows() : a.columns();
        long kb = transB ? b.columns() : b.rows();
        long n = transB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n || m < 2 || n < 2 || k < 2
                || Math.max(Math.max(m, n), k) > Integer.MAX_VALUE) {
            return false;
        }
        if (!unitStride(a) || !unitStride(b) || !unitStride(c)) {
            return false;
        }
        return !overlap(c, a) && !overlap(c, b);
    }

    /** Whether the memory spans of x's and y's entries intersect (the output must not alias an operand). */
    private static boolean overlap(INDArray x, INDArray y) {
        long xs = start(x);
        long ys = start(y);
        return xs < ys + span(y) && ys < xs + span(x);
    }

    /** The address of entry (0, 0). */
    private static long start(INDArray x) {
        Pointer p = x.data().addressPointer();
        return p.address() + (p.position() + offsetInBuffer(x)) * x.data().getElementSize();
    }

    /**
     * Entry (0, 0)'s index in the pointer of {@code x.data()}: a view's data buffer already starts at the buffer's
     * own offset, so only the rest of the array's offset remains.
     */
    private static long offsetInBuffer(INDArray x) {
        return x.offset() - x.data().offset();
    }

    private static long span(INDArray x) {
        return ((x.rows() - 1) * x.stride(0) + (x.columns() - 1) * x.stride(1) + 1) * x.data().getElementSize();
    }

    /** Column-major ({@code stride(0) == 1}, leading dimension {@code >= rows}) or the row-major transpose of one. */
    private static boolean unitStride(INDArray x) {
        return (isColumnMajor(x) || (x.stride(1) == 1 && x.stride(0) >= x.columns()))
                && Math.max(x.stride(0), x.stride(1)) <= Integer.MAX_VALUE && x.offset() <= Integer.MAX_VALUE;
    }

    private static boolean isColumnMajor(INDArray x) {
        return x.stride(0) == 1 && x.stride(1) >= x.rows();
    }

    /**
     * ND4J's call: {@code c}, m x n column-major with leading dimension ldc (or a row-major c's transpose, with the
     * operands swapped by the caller); a row-major operand enters as its column-major transpose.
     */
    private static void call(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, int m, int n, int k,
            double alpha, double beta, int ldc) {
        boolean aColumns = isColumnMajor(a);
        boolean bColumns = isColumnMajor(b);
        int opA = transA == aColumns ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int opB = transB == bColumns ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int lda = (int) (aColumns ? a.stride(1) : a.stride(0));
        int ldb = (int) (bColumns ? b.stride(1) : b.stride(0));
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor, opA, opB, m, n, k, (float) alpha,
                    floats(a), lda, floats(b), ldb, (float) beta, floats(c), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasColMajor, opA, opB, m, n, k, alpha,
                    doubles(a), lda, doubles(b), ldb, beta, doubles(c), ldc);
        }
    }

    private static FloatPointer floats(INDArray x) {
        FloatPointer p = new FloatPointer(x.data().addressPointer());
        return p.position(p.position() + offsetInBuffer(x));
    }

    private static DoublePointer doubles(INDArray x) {
        DoublePointer p = new DoublePointer(x.data().addressPointer());
        return p.position(p.position() + offsetInBuffer(x));
    }
}
