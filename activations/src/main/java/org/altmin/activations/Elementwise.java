package org.altmin.activations;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.kernels.Segments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The single-pass fast path of the activations' array methods: one read of the input and one write of each output,
 * in place of the several ND4J passes (and reductions) of the fallback.
 *
 * <p>Why: DLAM calls {@code preimageBounds} and {@code apply} every iteration on {@code n_l x N} arrays (24 MB in
 * FLOAT at MNIST's shape), far beyond cache; every ND4J op streams the whole array through memory, and the bounds
 * took five to sixteen of them plus three reductions of {@code a}. Here the arrays are read and written in chunks of
 * {@value #CHUNK} entries by the shared chunk driver {@link Segments}: bulk-copied between the ND4J buffer
 * ({@code data().asNioFloat()} / {@code asNioDouble()}) and per-thread Java arrays, on which an activation's kernel
 * runs plain loops; chunks run in parallel on the common fork-join pool (arrays under {@value #PARALLEL_MIN}
 * entries on the calling thread). The DLAM kernels ({@code org.altmin.solvers.kernels.Fused}) run on the same
 * driver.
 *
 * <p><b>Where it pays.</b> The chunk copies cost: a do-nothing map over a 100 x 60000 FLOAT array takes about
 * 1.7 ms, one ND4J elementwise op about 1 ms (on a quiet machine, where such an array largely stays in this CPU's
 * last-level cache). So it replaces the multi-pass forms (every activation's bounds: one read of a, one write of
 * each bound, in place of five to sixteen passes and three reductions; leaky ReLU's apply, two passes and a
 * scratch), not the apply and derivative forms that are one to three ND4J ops, which stay ND4J (measured slower
 * here: see {@code ActivationsBench}).
 *
 * <p><b>Kernels.</b> Each activation passes one kernel per data type; a kernel gets a whole chunk and loops over it
 * itself, so every inner loop is a monomorphic loop of its own (a lambda per element would be a megamorphic call in
 * the innermost loop). Kernels compute exactly what the ND4J ops they replace computed, elementwise in the array's
 * own precision with the constants rounded to that type, in the same order of operations (see each activation), so
 * the results are the same bits. They are branch-free ({@link #positive} builds the 0/1 masks the ND4J forms build
 * with ND4J's Step op) so that C2 vectorizes them: a float ternary compiles to a branch, mispredicted half the time
 * on data such as ReLU outputs, which made a first version slower than ND4J.
 *
 * <p><b>Checks.</b> A bounds pass also returns the extremes of {@code a} that the caller's emptiness check reads
 * ({@link Extremes}; NaN when {@code a} holds a NaN or an infinity) and whether every chunk's kernel accepted its
 * entries. Where {@code a} is not finite, or its band is empty somewhere, the caller runs the ND4J fallback instead,
 * which throws the very exception (same value, same message) it always threw; the outputs' contents are
 * unspecified after an exception either way.
 *
 * <p><b>When.</b> Only when the arrays pass {@link Segments#flat} (every array FLOAT, or every array DOUBLE, all of
 * one shape and one ordering, c or f: an elementwise op does not care which, as long as the flat buffer index
 * means the same entry in each; none a view, at offset 0 with element-wise stride 1, each owning exactly its buffer
 * ({@code data().length() == length()}), of at most {@code Integer.MAX_VALUE} entries) and are non-empty; for the
 * bounds also three distinct buffers. Otherwise the callers use their ND4J code.
 */
final class Elementwise {
    /** Entries per chunk: the driver's segment, {@link Segments#CHUNK}. */
    static final int CHUNK = Segments.CHUNK;
    /** Arrays with fewer entries run on the calling thread: {@link Segments#PARALLEL_MIN}. */
    static final int PARALLEL_MIN = Segments.PARALLEL_MIN;

    /** Tests switch the fast path off on their own thread, to compare it with the ND4J fallback. */
    private static final ThreadLocal<Boolean> FALLBACK_ONLY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Elementwise() {}

    /**
     * A bounds kernel on one FLOAT chunk: reads {@code a[0, n)}, writes {@code lower[0, n)} and
     * {@code upper[0, n)}, and may overwrite {@code a} (the pass is done with it); returns false if it found an
     * entry whose preimage is empty (kernels that leave emptiness to the extremes of a return true).
     */
    @FunctionalInterface
    interface FloatBounds {
        boolean run(float[] a, float[] lower, float[] upper, int n);
    }

    /** {@link FloatBounds} for DOUBLE chunks. */
    @FunctionalInterface
    interface DoubleBounds {
        boolean run(double[] a, double[] lower, double[] upper, int n);
    }

    /** A map kernel on one FLOAT chunk: {@code x[k] <- f(x[k])} for {@code k < n}, in place. */
    @FunctionalInterface
    interface FloatMap {
        void run(float[] x, int n);
    }

    /** {@link FloatMap} for DOUBLE chunks. */
    @FunctionalInterface
    interface DoubleMap {
        void run(double[] x, int n);
    }

    /** A two-array kernel on one FLOAT chunk: {@code y[k] <- f(x[k], y[k])} for {@code k < n}, in place in y. */
    @FunctionalInterface
    interface FloatZip {
        void run(float[] x, float[] y, int n);
    }

    /** {@link FloatZip} for DOUBLE chunks. */
    @FunctionalInterface
    interface DoubleZip {
        void run(double[] x, double[] y, int n);
    }

    /** Which extremes of {@code a} a bounds pass gathers: what the caller's emptiness check reads. */
    enum Extremes {
        /** Neither (finiteness only): {@link Pass#min()} and {@link Pass#max()} are 0 for a finite a. */
        NONE,
        /** The smallest entry ({@link Pass#max()} is 0 for a finite a). */
        MIN,
        /** Both. */
        BOTH
    }

    /**
     * What a bounds pass saw of {@code a}: its smallest and largest entry (NaN if it holds a NaN or an infinity) and
     * whether every kernel call accepted its chunk.
     */
    record Pass(double min, double max, boolean accepted) {
        /** Every entry finite (no NaN, no infinity) and every chunk accepted. */
        boolean clean() {
            return accepted && Double.isFinite(min) && Double.isFinite(max);
        }
    }

    /*
     * Branch-free building blocks. C2 compiles a float or double ternary to a branch (mispredicted half the time on
     * data such as ReLU outputs) and does not vectorize it; Math.min, Math.max, Math.abs and arithmetic it does.
     */

    /**
     * {@code t > 0 ? 1 : 0} exactly, for any t but NaN (which gives NaN), with no branch: {@code t} times
     * {@code 2^149} is at least 1 for every positive float (the smallest is {@code 2^-149}), then clamped to
     * [0, 1]; {@code -0.0} and negatives give {@code +0.0}. With {@code t = x - c} it is {@code [x > c]}: the
     * rounded difference of two floats has the sign of the exact one and is 0 only when they are equal.
     */
    static float positive(float t) {
        return Math.min(Math.max(t * 0x1p127f * 0x1p22f, 0f), 1f);
    }

    /** {@link #positive(float)} in double ({@code 2^1074}). */
    static double positive(double t) {
        return Math.min(Math.max(t * 0x1p1023 * 0x1p51, 0.0), 1.0);
    }

    /**
     * {@code sum_k x[k] * scale} over {@code k < n}, with eight accumulators (one chain of dependent adds would cost
     * an add's latency per entry). With {@code scale = 0} it is 0 for finite entries and NaN if one is NaN or
     * infinite; with {@code scale = 1} of 0/1 entries it counts the ones (exactly, for {@code n <= 2^24}).
     * Arithmetic only: a reduction with Math.min or Math.max, or a conditional, may compile to a mispredicted
     * branch per entry.
     */
    static float sum(float[] x, float scale, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int k = 0;
        for (; k + 7 < n; k += 8) {
            s0 += x[k] * scale;
            s1 += x[k + 1] * scale;
            s2 += x[k + 2] * scale;
            s3 += x[k + 3] * scale;
            s4 += x[k + 4] * scale;
            s5 += x[k + 5] * scale;
            s6 += x[k + 6] * scale;
            s7 += x[k + 7] * scale;
        }
        for (; k < n; k++) {
            s0 += x[k] * scale;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@link #sum(float[], float, int)} in double. */
    static double sum(double[] x, double scale, int n) {
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
        int k = 0;
        for (; k + 7 < n; k += 8) {
            s0 += x[k] * scale;
            s1 += x[k + 1] * scale;
            s2 += x[k + 2] * scale;
            s3 += x[k + 3] * scale;
            s4 += x[k + 4] * scale;
            s5 += x[k + 5] * scale;
            s6 += x[k + 6] * scale;
            s7 += x[k + 7] * scale;
        }
        for (; k < n; k++) {
            s0 += x[k] * scale;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Whether {@code check} passes without an {@link InvalidParameterException}. */
    static boolean passes(Runnable check) {
        try {
            check.run();
            return true;
        } catch (InvalidParameterException e) {
            return false;
        }
    }

    /** Runs {@code body} with the fast path switched off on this thread (for tests and the benchmark). */
    static void fallbackOnly(Runnable body) {
        boolean before = FALLBACK_ONLY.get();
        FALLBACK_ONLY.set(Boolean.TRUE);
        try {
            body.run();
        } finally {
            FALLBACK_ONLY.set(before);
        }
    }

    /**
     * Whether the arrays qualify for the fast path (see the class doc): not switched off on this thread, non-empty,
     * and {@link Segments#flat}.
     */
    static boolean applicable(INDArray... arrays) {
        if (FALLBACK_ONLY.get()) {
            return false;
        }
        INDArray first = arrays[0];
        return first.length() != 0 && !first.isEmpty() && Segments.flat(arrays);
    }

    /** Whether no two of the arrays share a buffer. */
    private static boolean distinctBuffers(INDArray a, INDArray b, INDArray c) {
        long x = a.data().address();
        long y = b.data().address();
        long z = c.data().address();
        return x != y && x != z && y != z;
    }

    /**
     * One pass: {@code (lower, upper) <- kernel(a)} chunk by chunk; null (nothing written) if the arrays do not
     * qualify, else what the pass saw of a.
     */
    static Pass bounds(INDArray a, INDArray lower, INDArray upper, Extremes extremes, FloatBounds floatKernel,
            DoubleBounds doubleKernel) {
        if (!applicable(a, lower, upper) || !distinctBuffers(a, lower, upper)) {
            return null;
        }
        int length = (int) a.length();
        int chunks = Segments.count(1, length);
        double[] min = new double[chunks];
        double[] max = new double[chunks];
        double[] accepted;   // 1 where the chunk's kernel accepted its entries, else 0
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer as = a.data().asNioFloat();
            FloatBuffer ls = lower.data().asNioFloat();
            FloatBuffer us = upper.data().asNioFloat();
            accepted = Segments.pass(length, (w, row, at, n) -> {
                int c = at / CHUNK;
                float[] x = w.floats(0);
                float[] l = w.floats(1);
                float[] u = w.floats(2);
                as.get(at, x, 0, n);
                // Comparisons (predictable branches; Math.min in a reduction is not) skip NaN: a NaN or an infinity
                // shows in sum(x * 0) instead. Only the extremes the caller needs: about 0.3 ns an entry each.
                float lo = 0f;
                float hi = 0f;
                if (extremes != Extremes.NONE) {
                    lo = x[0];
                    for (int k = 1; k < n; k++) {
                        float v = x[k];
                        lo = v < lo ? v : lo;
                    }
                }
                if (extremes == Extremes.BOTH) {
                    hi = x[0];
                    for (int k = 1; k < n; k++) {
                        float v = x[k];
                        hi = v > hi ? v : hi;
                    }
                }
                boolean finite = sum(x, 0f, n) == 0f;
                min[c] = finite ? lo : Double.NaN;
                max[c] = finite ? hi : Double.NaN;
                boolean ok = floatKernel.run(x, l, u, n);
                ls.put(at, l, 0, n);
                us.put(at, u, 0, n);
                return ok ? 1 : 0;
            });
        } else {
            DoubleBuffer as = a.data().asNioDouble();
            DoubleBuffer ls = lower.data().asNioDouble();
            DoubleBuffer us = upper.data().asNioDouble();
            accepted = Segments.pass(length, (w, row, at, n) -> {
                int c = at / CHUNK;
                double[] x = w.doubles(0);
                double[] l = w.doubles(1);
                double[] u = w.doubles(2);
                as.get(at, x, 0, n);
                double lo = 0.0;
                double hi = 0.0;
                if (extremes != Extremes.NONE) {
                    lo = x[0];
                    for (int k = 1; k < n; k++) {
                        double v = x[k];
                        lo = v < lo ? v : lo;
                    }
                }
                if (extremes == Extremes.BOTH) {
                    hi = x[0];
                    for (int k = 1; k < n; k++) {
                        double v = x[k];
                        hi = v > hi ? v : hi;
                    }
                }
                boolean finite = sum(x, 0.0, n) == 0.0;
                min[c] = finite ? lo : Double.NaN;
                max[c] = finite ? hi : Double.NaN;
                boolean ok = doubleKernel.run(x, l, u, n);
                ls.put(at, l, 0, n);
                us.put(at, u, 0, n);
                return ok ? 1 : 0;
            });
        }
        // Math.min and Math.max propagate NaN: a chunk with a NaN or an infinity makes both NaN.
        double lo = min[0];
        double hi = max[0];
        boolean all = true;
        for (int c = 0; c < chunks; c++) {
            lo = Math.min(lo, min[c]);
            hi = Math.max(hi, max[c]);
            all &= accepted[c] != 0;
        }
        return new Pass(lo, hi, all);
    }

    /** One pass: {@code out <- kernel(in)} chunk by chunk ({@code out} may be {@code in}); false if not applicable. */
    static boolean map(INDArray in, INDArray out, FloatMap floatKernel, DoubleMap doubleKernel) {
        if (!applicable(in, out)) {
            return false;
        }
        // Two arrays over one buffer have the same layout here (one shape and ordering, offset 0, stride 1, the whole
        // buffer): in place, chunk by chunk, which is safe.
        int length = (int) in.length();
        if (in.dataType() == DataType.FLOAT) {
            FloatBuffer is = in.data().asNioFloat();
            FloatBuffer os = out.data().asNioFloat();
            Segments.pass(length, (w, row, at, n) -> {
                float[] x = w.floats(0);
                is.get(at, x, 0, n);
                floatKernel.run(x, n);
                os.put(at, x, 0, n);
                return 0;
            });
        } else {
            DoubleBuffer is = in.data().asNioDouble();
            DoubleBuffer os = out.data().asNioDouble();
            Segments.pass(length, (w, row, at, n) -> {
                double[] x = w.doubles(0);
                is.get(at, x, 0, n);
                doubleKernel.run(x, n);
                os.put(at, x, 0, n);
                return 0;
            });
        }
        return true;
    }

    /**
     * One pass: {@code y <- kernel(x, y)} chunk by chunk, in place in y; false (nothing written) if the arrays do not
     * qualify or share a buffer.
     */
    static boolean zip(INDArray x, INDArray y, FloatZip floatKernel, DoubleZip doubleKernel) {
        return zip(x, y, null, null, floatKernel, doubleKernel);
    }

    /** A {@link FloatZip} that may decline a chunk: false sends the chunk to the exact kernel. */
    @FunctionalInterface
    interface FloatTry {
        boolean run(float[] x, float[] y, int n);
    }

    /** {@link FloatTry} for DOUBLE chunks. */
    @FunctionalInterface
    interface DoubleTry {
        boolean run(double[] x, double[] y, int n);
    }

    /**
     * {@link #zip(INDArray, INDArray, FloatZip, DoubleZip)} with a fast kernel per chunk and an exact one for the
     * chunks it declines: those are reread (y as it was) and run through the exact kernel. Null fast kernels: every
     * chunk takes the exact one.
     */
    static boolean zip(INDArray x, INDArray y, FloatTry fastFloat, DoubleTry fastDouble, FloatZip floatKernel,
            DoubleZip doubleKernel) {
        if (!applicable(x, y) || x.data().address() == y.data().address()) {
            return false;
        }
        int length = (int) x.length();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            FloatBuffer ys = y.data().asNioFloat();
            Segments.pass(length, (w, row, at, n) -> {
                float[] xv = w.floats(0);
                float[] yv = w.floats(1);
                xs.get(at, xv, 0, n);
                ys.get(at, yv, 0, n);
                if (fastFloat == null) {
                    floatKernel.run(xv, yv, n);
                } else if (!fastFloat.run(xv, yv, n)) {
                    ys.get(at, yv, 0, n);
                    floatKernel.run(xv, yv, n);
                }
                ys.put(at, yv, 0, n);
                return 0;
            });
        } else {
            DoubleBuffer xs = x.data().asNioDouble();
            DoubleBuffer ys = y.data().asNioDouble();
            Segments.pass(length, (w, row, at, n) -> {
                double[] xv = w.doubles(0);
                double[] yv = w.doubles(1);
                xs.get(at, xv, 0, n);
                ys.get(at, yv, 0, n);
                if (fastDouble == null) {
                    doubleKernel.run(xv, yv, n);
                } else if (!fastDouble.run(xv, yv, n)) {
                    ys.get(at, yv, 0, n);
                    doubleKernel.run(xv, yv, n);
                }
                ys.put(at, yv, 0, n);
                return 0;
            });
        }
        return true;
    }
}
