package org.altmin.solvers.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.kernels.BoundsKernel;
import org.altmin.api.kernels.Segments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The elementwise parts of the DLAM blocks, each fused into one pass over the arrays: a public utility that any
 * block (DLAM's own in {@code org.altmin.solvers.dlam}, or a researcher's {@code BlockUpdate}) may call on its
 * {@code n_l x N} arrays.
 *
 * <p>Why: at MNIST's shape an {@code n_l x N} FLOAT array is 24 MB, far beyond cache, and every ND4J elementwise
 * op or reduction streams the whole of it through memory (2-4 ms a pass). Written op by op, the residual
 * {@code z - W a - b} and its norm are four passes, a trial of the a block's band projection (equation 6) ten, the
 * z clip (equation 4) six; their cost was comparable to the iteration's GEMMs. Here each is one pass, driven by
 * {@link Segments}: the arrays are read and written in row segments of {@value Segments#CHUNK} entries,
 * bulk-copied between the ND4J buffer and per-thread Java arrays (the plain loops over those vectorize), in
 * parallel on the common fork-join pool (arrays under {@value Segments#PARALLEL_MIN} entries, such as the W
 * block's {@code n_l x n_{l-1}} ones, on the calling thread). Squared norms are summed in double with partial
 * sums per segment, combined in a fixed order, so results do not depend on the thread schedule. No call allocates
 * anything of the arrays' size.
 *
 * <p><b>Exactness.</b> Each kernel computes exactly what the ND4J ops it replaces computed (named in its
 * comment), elementwise in the arrays' own precision and in the same order of operations, so its elementwise
 * outputs are the same bits; only the sums differ, by rounding (double accumulation, where ND4J accumulates FLOAT
 * arrays in float).
 *
 * <p><b>Fast path and fallback.</b> A kernel takes the fast path when its {@code n_l x N} operands pass
 * {@link #flat}: all FLOAT or all DOUBLE, rank 2, one shape, c-order, not views, offset 0, element-wise stride 1,
 * each owning its whole buffer (as {@code State.zeros} and the solvers' {@code Workspace} create them). Otherwise
 * it falls back to the ND4J ops it replaces, which accept any layout (and the other floating-point types) and give
 * the same elementwise results. Bias vectors are read by index and may be any vector of length {@code n_l} (row or column);
 * another length is an {@link InvalidParameterException} on the fast path. Outputs may alias an input only where a
 * method says so.
 */
public final class Fused {
    private Fused() {}

    /**
     * Whether the fused loops may treat every array as one flat row-major buffer: {@link Segments#rowMajor}, that is
     * all FLOAT or all DOUBLE, rank 2, one shape, c-order, not a view, offset 0, element-wise stride 1, and the
     * buffer exactly the array. Every kernel below takes its fast path exactly when this holds for the operands it
     * names.
     */
    public static boolean flat(INDArray... arrays) {
        return Segments.rowMajor(arrays);
    }

    /** {@code ||x||_F^2} the ND4J way (the fallbacks' norm): {@code norm2Number} squared. */
    private static double sq(INDArray x) {
        double n = x.norm2Number().doubleValue();
        return n * n;
    }

    /** A bias vector's entries in double (exact for FLOAT), checked against the number of rows. */
    private static double[] column(INDArray b, long rows, String name) {
        if (b.length() != rows || !b.isVector() && b.length() != 1) {
            throw InvalidParameterException.of("dlam", name, java.util.Arrays.toString(b.shape()),
                    "a vector of length " + rows);
        }
        double[] out = new double[(int) rows];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble(i);
        }
        return out;
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    /*
     * Sums in double with eight accumulators: one chain of dependent adds would cost an add's latency per entry;
     * eight independent chains keep the adder busy (in a micro-benchmark on a 100 x 60000 FLOAT array the sum cost
     * about 1.7 ms on one thread, against 2.7 ms with four chains).
     */

    /** {@code sum x_k^2} over the first {@code count} entries, in double. */
    private static double sumSq(float[] x, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = 0;
        for (; k + 7 < count; k += 8) {
            double x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
            double x4 = x[k + 4], x5 = x[k + 5], x6 = x[k + 6], x7 = x[k + 7];
            s0 += x0 * x0;
            s1 += x1 * x1;
            s2 += x2 * x2;
            s3 += x3 * x3;
            s4 += x4 * x4;
            s5 += x5 * x5;
            s6 += x6 * x6;
            s7 += x7 * x7;
        }
        for (; k < count; k++) {
            double x0 = x[k];
            s0 += x0 * x0;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code sum x_k^2} over the first {@code count} entries. */
    private static double sumSq(double[] x, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = 0;
        for (; k + 7 < count; k += 8) {
            s0 += x[k] * x[k];
            s1 += x[k + 1] * x[k + 1];
            s2 += x[k + 2] * x[k + 2];
            s3 += x[k + 3] * x[k + 3];
            s4 += x[k + 4] * x[k + 4];
            s5 += x[k + 5] * x[k + 5];
            s6 += x[k + 6] * x[k + 6];
            s7 += x[k + 7] * x[k + 7];
        }
        for (; k < count; k++) {
            s0 += x[k] * x[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code sum x_k} over the first {@code count} entries, in double. */
    private static double sum(float[] x, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = 0;
        for (; k + 7 < count; k += 8) {
            s0 += x[k];
            s1 += x[k + 1];
            s2 += x[k + 2];
            s3 += x[k + 3];
            s4 += x[k + 4];
            s5 += x[k + 5];
            s6 += x[k + 6];
            s7 += x[k + 7];
        }
        for (; k < count; k++) {
            s0 += x[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code sum x_k} over the first {@code count} entries. */
    private static double sum(double[] x, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = 0;
        for (; k + 7 < count; k += 8) {
            s0 += x[k];
            s1 += x[k + 1];
            s2 += x[k + 2];
            s3 += x[k + 3];
            s4 += x[k + 4];
            s5 += x[k + 5];
            s6 += x[k + 6];
            s7 += x[k + 7];
        }
        for (; k < count; k++) {
            s0 += x[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * {@code out <- x * scale + y}, rounded as ND4J's {@code out.assign(x).muli(scale).addi(y)} (the scale rounded to
     * the arrays' type first); a null {@code x} stands for zero (then {@code out <- y} exactly). Used for the W
     * block's {@code W^k - grad / theta}. {@code out} may be {@code x} (not {@code y}: the fallback assigns x first).
     *
     * <p>Fast path when {@code flat(x, y, out)} ({@code flat(y, out)} for a null x); otherwise that ND4J expression.
     */
    public static void scaledAdd(INDArray x, double scale, INDArray y, INDArray out) {
        boolean fast = x == null ? flat(y, out) : flat(x, y, out);
        if (!fast) {
            if (x == null) {
                out.assign(y);
            } else {
                out.assign(x).muli(scale).addi(y);
            }
            return;
        }
        int rows = (int) y.rows();
        int cols = (int) y.columns();
        if (y.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x == null ? null : x.data().asNioFloat();
            FloatBuffer ys = y.data().asNioFloat();
            FloatBuffer os = out.data().asNioFloat();
            float s = (float) scale;
            Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] xv = w.floats(0);
                float[] yv = w.floats(1);
                ys.get(at, yv, 0, count);
                if (xs != null) {
                    xs.get(at, xv, 0, count);
                    for (int k = 0; k < count; k++) {
                        yv[k] = xv[k] * s + yv[k];
                    }
                }
                os.put(at, yv, 0, count);
                return 0;
            });
            return;
        }
        DoubleBuffer xs = x == null ? null : x.data().asNioDouble();
        DoubleBuffer ys = y.data().asNioDouble();
        DoubleBuffer os = out.data().asNioDouble();
        Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] xv = w.doubles(0);
            double[] yv = w.doubles(1);
            ys.get(at, yv, 0, count);
            if (xs != null) {
                xs.get(at, xv, 0, count);
                for (int k = 0; k < count; k++) {
                    yv[k] = xv[k] * scale + yv[k];
                }
            }
            os.put(at, yv, 0, count);
            return 0;
        });
    }

    /**
     * {@code ||x||_F^2 = sum x_ij^2}, accumulated in double (NaN if x holds a NaN). ND4J's {@code norm2Number} on a
     * 10 x 60000 FLOAT array measured 5-18 ms here (a reduction that pays thread wake-ups); this read-only pass
     * costs about what streaming x costs.
     *
     * <p>Fast path when {@code flat(x)}; otherwise {@code norm2Number()} squared.
     */
    public static double sumOfSquares(INDArray x) {
        if (!flat(x)) {
            return sq(x);
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] xv = w.floats(0);
                xs.get(at, xv, 0, count);
                return sumSq(xv, count);
            }));
        }
        DoubleBuffer xs = x.data().asNioDouble();
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] xv = w.doubles(0);
            xs.get(at, xv, 0, count);
            return sumSq(xv, count);
        }));
    }

    /**
     * {@code <x, y> = sum x_ij y_ij}, each product and the sum in double; x and y of one shape. Read-only.
     *
     * <p>Fast path when {@code flat(x, y)}; otherwise the same sum by ND4J on DOUBLE copies
     * ({@code x.castTo(DOUBLE).mul(y.castTo(DOUBLE)).sumNumber()}).
     */
    public static double dot(INDArray x, INDArray y) {
        if (!flat(x, y)) {
            INDArray xd = x.castTo(DataType.DOUBLE);
            return xd.mul(y.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            FloatBuffer ys = y.data().asNioFloat();
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] xv = w.floats(0);
                float[] yv = w.floats(1);
                xs.get(at, xv, 0, count);
                ys.get(at, yv, 0, count);
                double s = 0;
                for (int k = 0; k < count; k++) {
                    s += (double) xv[k] * yv[k];
                }
                return s;
            }));
        }
        DoubleBuffer xs = x.data().asNioDouble();
        DoubleBuffer ys = y.data().asNioDouble();
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] xv = w.doubles(0);
            double[] yv = w.doubles(1);
            xs.get(at, xv, 0, count);
            ys.get(at, yv, 0, count);
            double s = 0;
            for (int k = 0; k < count; k++) {
                s += xv[k] * yv[k];
            }
            return s;
        }));
    }

    /**
     * {@code max |x_ij|} (NaN if any entry is NaN), the read-only counterpart of ND4J's {@code amaxNumber}.
     *
     * <p>Fast path when {@code flat(x)}; otherwise {@code x.amaxNumber()}.
     */
    public static double maxAbs(INDArray x) {
        if (!flat(x)) {
            return x.amaxNumber().doubleValue();
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        double[] partial;
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            partial = Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] xv = w.floats(0);
                xs.get(at, xv, 0, count);
                float m = 0;
                for (int k = 0; k < count; k++) {
                    m = Math.max(m, Math.abs(xv[k]));   // Math.max propagates NaN
                }
                return m;
            });
        } else {
            DoubleBuffer xs = x.data().asNioDouble();
            partial = Segments.pass(rows, cols, (w, row, at, count) -> {
                double[] xv = w.doubles(0);
                xs.get(at, xv, 0, count);
                double m = 0;
                for (int k = 0; k < count; k++) {
                    m = Math.max(m, Math.abs(xv[k]));
                }
                return m;
            });
        }
        double m = 0;
        for (double p : partial) {
            m = Math.max(m, p);
        }
        return m;
    }

    /**
     * {@code out <- min(max(x, lo), hi)} entrywise, as ND4J's {@code out.assign(x)}, then {@code Transforms.max(out,
     * lo, false)} where lo is finite, then {@code Transforms.min(out, hi, false)} where hi is finite (the bounds
     * rounded to the arrays' type; ND4J's scalar max and min keep the scalar for a NaN entry: {@code x > lo ? x : lo}).
     * A non-finite bound is not applied. Used for the z block's clamp of a to within reach of h's range. {@code out}
     * may be {@code x}.
     *
     * <p>Fast path when {@code flat(x, out)}; otherwise those ND4J ops.
     */
    public static void clamp(INDArray x, double lo, double hi, INDArray out) {
        boolean low = Double.isFinite(lo);
        boolean high = Double.isFinite(hi);
        if (!flat(x, out)) {
            if (out != x) {
                out.assign(x);
            }
            if (low) {
                Transforms.max(out, lo, false);
            }
            if (high) {
                Transforms.min(out, hi, false);
            }
            return;
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            FloatBuffer os = out.data().asNioFloat();
            FloatClamp c = new FloatClamp(lo, hi);
            Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] xv = w.floats(0);
                xs.get(at, xv, 0, count);
                c.apply(xs, at, xv, count);
                os.put(at, xv, 0, count);
                return 0;
            });
            return;
        }
        DoubleBuffer xs = x.data().asNioDouble();
        DoubleBuffer os = out.data().asNioDouble();
        DoubleClamp c = new DoubleClamp(lo, hi);
        Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] xv = w.doubles(0);
            xs.get(at, xv, 0, count);
            c.apply(xs, at, xv, count);
            os.put(at, xv, 0, count);
            return 0;
        });
    }

    /*
     * The clamp of one chunk, in place. The loop is Math.max/min, which C2 vectorizes; the ternaries of ND4J's scalar
     * ops compile to branches, mispredicted wherever entries fall on both sides of a bound. Both agree except for
     * NaN (the ternaries give the bound) and for a signed-zero bound facing the other zero: a chunk holding a NaN
     * (found by the max over its results, which Math.max propagates) is reread and redone with the ternaries, and so
     * is every chunk when a bound is zero. An unapplied (non-finite) bound is the infinity Math.max/min leave alone.
     */
    private record FloatClamp(boolean low, boolean high, float l, float h, boolean zeroBound) {
        FloatClamp(double lo, double hi) {
            this(Double.isFinite(lo), Double.isFinite(hi), Double.isFinite(lo) ? (float) lo : Float.NEGATIVE_INFINITY,
                    Double.isFinite(hi) ? (float) hi : Float.POSITIVE_INFINITY,
                    Double.isFinite(lo) && (float) lo == 0 || Double.isFinite(hi) && (float) hi == 0);
        }

        /**
         * The clamp without the NaN check, for a chunk that a bounds kernel then checks: Math.max/min keep a NaN
         * NaN, which the kernel rejects (and the three-pass fallback then gives the ternaries' result). The
         * ternaries only for a zero bound.
         */
        void applyFinite(float[] xv, int count) {
            if (zeroBound) {
                ternaries(xv, count);
                return;
            }
            for (int k = 0; k < count; k++) {
                xv[k] = Math.min(Math.max(xv[k], l), h);
            }
        }

        /** ND4J's scalar max then min, as ternaries. */
        private void ternaries(float[] xv, int count) {
            for (int k = 0; k < count; k++) {
                float v = low ? (xv[k] > l ? xv[k] : l) : xv[k];
                xv[k] = high ? (v < h ? v : h) : v;
            }
        }

        /** {@code xv[0, count)}, read from {@code xs} at {@code at}, clamped in place. */
        void apply(FloatBuffer xs, int at, float[] xv, int count) {
            float m = 0;
            if (!zeroBound) {
                for (int k = 0; k < count; k++) {
                    float v = Math.min(Math.max(xv[k], l), h);
                    xv[k] = v;
                    m = Math.max(m, v);
                }
            }
            if (zeroBound || m != m) {
                xs.get(at, xv, 0, count);
                ternaries(xv, count);
            }
        }
    }

    private record DoubleClamp(boolean low, boolean high, double l, double h, boolean zeroBound) {
        DoubleClamp(double lo, double hi) {
            this(Double.isFinite(lo), Double.isFinite(hi), Double.isFinite(lo) ? lo : Double.NEGATIVE_INFINITY,
                    Double.isFinite(hi) ? hi : Double.POSITIVE_INFINITY,
                    Double.isFinite(lo) && lo == 0 || Double.isFinite(hi) && hi == 0);
        }

        void applyFinite(double[] xv, int count) {
            if (zeroBound) {
                ternaries(xv, count);
                return;
            }
            for (int k = 0; k < count; k++) {
                xv[k] = Math.min(Math.max(xv[k], l), h);
            }
        }

        /** ND4J's scalar max then min, as ternaries. */
        private void ternaries(double[] xv, int count) {
            for (int k = 0; k < count; k++) {
                double v = low ? (xv[k] > l ? xv[k] : l) : xv[k];
                xv[k] = high ? (v < h ? v : h) : v;
            }
        }

        void apply(DoubleBuffer xs, int at, double[] xv, int count) {
            double m = 0;
            if (!zeroBound) {
                for (int k = 0; k < count; k++) {
                    double v = Math.min(Math.max(xv[k], l), h);
                    xv[k] = v;
                    m = Math.max(m, v);
                }
            }
            if (zeroBound || m != m) {
                xs.get(at, xv, 0, count);
                ternaries(xv, count);
            }
        }
    }

    /**
     * One chunk of the clip (equation 4): {@code u = min(max(wa + b, lower), upper)}, {@code lower <- u - z} (the
     * step, for its norm) and {@code z <- u}.
     */
    private static void clipChunk(float[] wv, float bi, float[] lv, float[] uv, float[] zv, int count) {
        for (int k = 0; k < count; k++) {
            float u = Math.min(Math.max(wv[k] + bi, lv[k]), uv[k]);
            lv[k] = u - zv[k];
            zv[k] = u;
        }
    }

    private static void clipChunk(double[] wv, double bi, double[] lv, double[] uv, double[] zv, int count) {
        for (int k = 0; k < count; k++) {
            double u = Math.min(Math.max(wv[k] + bi, lv[k]), uv[k]);
            lv[k] = u - zv[k];
            zv[k] = u;
        }
    }

    /**
     * Whether {@code kernel} accepts every chunk of {@code clamp(a, lo, hi)} (the clamp as {@link #clamp}; NaN bounds
     * not applied): the check that lets {@link #clampedClip} run. Reads a only. False when a is not {@link #flat}.
     */
    public static boolean boundsAccepted(INDArray a, double lo, double hi, BoundsKernel kernel) {
        if (!flat(a)) {
            return false;
        }
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        double[] accepted;
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer as = a.data().asNioFloat();
            FloatClamp c = new FloatClamp(lo, hi);
            accepted = Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] av = w.floats(0);
                as.get(at, av, 0, count);
                c.applyFinite(av, count);   // a NaN stays NaN: the kernel rejects the chunk
                return kernel.accepts(av, count) ? 1 : 0;
            });
        } else {
            DoubleBuffer as = a.data().asNioDouble();
            DoubleClamp c = new DoubleClamp(lo, hi);
            accepted = Segments.pass(rows, cols, (w, row, at, count) -> {
                double[] av = w.doubles(0);
                as.get(at, av, 0, count);
                c.applyFinite(av, count);   // a NaN stays NaN: the kernel rejects the chunk
                return kernel.accepts(av, count) ? 1 : 0;
            });
        }
        for (double ok : accepted) {
            if (ok == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The z block (equation 4) in one pass: per chunk, {@code r = clamp(a, lo, hi)} (as {@link #clamp}; NaN bounds
     * not applied), {@code (B1, B2) = kernel(r)} in scratch, then {@link #clip}'s {@code u = min(max(wa + b, B1),
     * B2)} and {@code z <- u}; returns {@code ||u - z_old||_F^2} (in double). The same bits as {@code clamp}, the
     * activation's array bounds and {@code clip} one after the other, without the three arrays between them. Call
     * it only after {@link #boundsAccepted} returned true for the same a, bounds and kernel.
     *
     * @throws InvalidParameterException if the arrays are not {@code flat(a, wa, z)}, or b is not a vector of
     *                                   length {@code z.rows()}
     */
    public static double clampedClip(INDArray a, double lo, double hi, BoundsKernel kernel, INDArray wa, INDArray b,
            INDArray z) {
        if (!flat(a, wa, z)) {
            throw new InvalidParameterException("Fused.clampedClip", "a, wa, z",
                    "must be flat arrays of one shape and type (Fused.flat), found another layout");
        }
        int rows = (int) z.rows();
        int cols = (int) z.columns();
        double[] bias = column(b, rows, "b");
        if (z.dataType() == DataType.FLOAT) {
            FloatBuffer as = a.data().asNioFloat();
            FloatBuffer ws = wa.data().asNioFloat();
            FloatBuffer zs = z.data().asNioFloat();
            FloatClamp c = new FloatClamp(lo, hi);
            float[] bf = toFloat(bias);
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] av = w.floats(0);
                float[] lv = w.floats(1);
                float[] uv = w.floats(2);
                float[] wv = w.floats(3);
                float[] zv = w.floats(4);
                as.get(at, av, 0, count);
                c.applyFinite(av, count);
                kernel.bounds(av, lv, uv, count);
                ws.get(at, wv, 0, count);
                zs.get(at, zv, 0, count);
                clipChunk(wv, bf[row], lv, uv, zv, count);
                zs.put(at, zv, 0, count);
                return sumSq(lv, count);
            }));
        }
        DoubleBuffer as = a.data().asNioDouble();
        DoubleBuffer ws = wa.data().asNioDouble();
        DoubleBuffer zs = z.data().asNioDouble();
        DoubleClamp c = new DoubleClamp(lo, hi);
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] av = w.doubles(0);
            double[] lv = w.doubles(1);
            double[] uv = w.doubles(2);
            double[] wv = w.doubles(3);
            double[] zv = w.doubles(4);
            as.get(at, av, 0, count);
            c.applyFinite(av, count);
            kernel.bounds(av, lv, uv, count);
            ws.get(at, wv, 0, count);
            zs.get(at, zv, 0, count);
            clipChunk(wv, bias[row], lv, uv, zv, count);
            zs.put(at, zv, 0, count);
            return sumSq(lv, count);
        }));
    }

    /**
     * {@code out <- x - y}, rounded as ND4J's {@code out.assign(x).subi(y)}; returns {@code ||out||_F^2} (in double
     * on the fast path). Used for the W block's step {@code D = zeta - W^k} and the z_L block's step. {@code out}
     * may be x (not y: the fallback assigns x first).
     *
     * <p>Fast path when {@code flat(x, y, out)}; otherwise that ND4J expression and {@code norm2Number()} squared.
     */
    public static double difference(INDArray x, INDArray y, INDArray out) {
        if (!flat(x, y, out)) {
            out.assign(x).subi(y);
            return sq(out);
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            FloatBuffer ys = y.data().asNioFloat();
            FloatBuffer os = out.data().asNioFloat();
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] xv = w.floats(0);
                float[] yv = w.floats(1);
                xs.get(at, xv, 0, count);
                ys.get(at, yv, 0, count);
                for (int k = 0; k < count; k++) {
                    xv[k] -= yv[k];
                }
                os.put(at, xv, 0, count);
                return sumSq(xv, count);
            }));
        }
        DoubleBuffer xs = x.data().asNioDouble();
        DoubleBuffer ys = y.data().asNioDouble();
        DoubleBuffer os = out.data().asNioDouble();
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] xv = w.doubles(0);
            double[] yv = w.doubles(1);
            xs.get(at, xv, 0, count);
            ys.get(at, yv, 0, count);
            for (int k = 0; k < count; k++) {
                xv[k] -= yv[k];
            }
            os.put(at, xv, 0, count);
            return sumSq(xv, count);
        }));
    }

    /**
     * {@code out <- x}, returning {@code ||x - out_old||_F^2}: a block's new value written over the old one with its
     * squared step, in one pass (read both, write out) instead of a copy of the old value, the update, and ND4J's
     * {@code squaredDistance}. The differences are rounded to the arrays' type and summed in double (ND4J's
     * {@code squaredDistance} gives the same up to rounding). x and out must be distinct.
     *
     * <p>Fast path when {@code flat(x, out)}; otherwise {@code out.squaredDistance(x)} and {@code out.assign(x)}.
     */
    public static double replace(INDArray x, INDArray out) {
        if (!flat(x, out)) {
            double step = out.squaredDistance(x);
            out.assign(x);
            return step;
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            FloatBuffer os = out.data().asNioFloat();
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] xv = w.floats(0);
                float[] ov = w.floats(1);
                xs.get(at, xv, 0, count);
                os.get(at, ov, 0, count);
                for (int k = 0; k < count; k++) {
                    ov[k] = xv[k] - ov[k];
                }
                os.put(at, xv, 0, count);
                return sumSq(ov, count);
            }));
        }
        DoubleBuffer xs = x.data().asNioDouble();
        DoubleBuffer os = out.data().asNioDouble();
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] xv = w.doubles(0);
            double[] ov = w.doubles(1);
            xs.get(at, xv, 0, count);
            os.get(at, ov, 0, count);
            for (int k = 0; k < count; k++) {
                ov[k] = xv[k] - ov[k];
            }
            os.put(at, xv, 0, count);
            return sumSq(ov, count);
        }));
    }

    /**
     * The coupling residual {@code out <- z - wa - b} (b broadcast over columns), computed as {@code (z - wa) - b},
     * rounded as ND4J's {@code out.assign(z).subi(wa).subiColumnVector(b)}; returns {@code ||out||_F^2} (in double on
     * the fast path). {@code out} may be z. {@code wa} is the cached product {@code W a} of the layer.
     *
     * <p>Fast path when {@code flat(z, wa, out)} (b, any vector of length {@code rows}, read by index); otherwise
     * that ND4J expression and {@code norm2Number()} squared.
     *
     * @throws InvalidParameterException on the fast path, if b is not a vector of length {@code z.rows()}
     */
    public static double residual(INDArray z, INDArray wa, INDArray b, INDArray out) {
        if (!flat(z, wa, out)) {
            out.assign(z).subi(wa).subiColumnVector(b);
            return sq(out);
        }
        int rows = (int) z.rows();
        int cols = (int) z.columns();
        double[] bias = column(b, rows, "b");
        if (z.dataType() == DataType.FLOAT) {
            FloatBuffer zs = z.data().asNioFloat();
            FloatBuffer ws = wa.data().asNioFloat();
            FloatBuffer os = out.data().asNioFloat();
            float[] bf = toFloat(bias);
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] x = w.floats(0);
                float[] y = w.floats(1);
                zs.get(at, x, 0, count);
                ws.get(at, y, 0, count);
                float bi = bf[row];
                for (int k = 0; k < count; k++) {
                    x[k] = x[k] - y[k] - bi;
                }
                os.put(at, x, 0, count);
                return sumSq(x, count);
            }));
        }
        DoubleBuffer zs = z.data().asNioDouble();
        DoubleBuffer ws = wa.data().asNioDouble();
        DoubleBuffer os = out.data().asNioDouble();
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] x = w.doubles(0);
            double[] y = w.doubles(1);
            zs.get(at, x, 0, count);
            ws.get(at, y, 0, count);
            double bi = bias[row];
            for (int k = 0; k < count; k++) {
                x[k] = x[k] - y[k] - bi;
            }
            os.put(at, x, 0, count);
            return sumSq(x, count);
        }));
    }

    /**
     * One trial of the a block (equation 6): {@code beta <- hz + clip((grad * scale + a) - hz, -band, band)} and
     * {@code delta <- beta - a}; returns {@code ||delta||_F^2} (in double on the fast path). {@code hz} is
     * {@code h(z)}, the band's centre. A null {@code grad} stands for a zero gradient (then
     * {@code (0 * scale + a) - hz = a - hz} exactly). The scalars are rounded to the arrays' type first, as ND4J's
     * scalar ops do. beta and delta must be distinct from each other and from the inputs.
     *
     * <p>Fast path when {@code flat(a, grad, hz, beta, delta)} ({@code flat(a, hz, beta, delta)} for a null grad);
     * otherwise the ND4J ops {@code beta.assign(grad).muli(scale).addi(a).subi(hz)}, {@code Transforms.max} and
     * {@code min} with the band, {@code beta.addi(hz)}, {@code delta.assign(beta).subi(a)}.
     */
    public static double bandTrial(INDArray a, INDArray grad, INDArray hz, double scale, double band, INDArray beta,
            INDArray delta) {
        boolean fast = grad == null ? flat(a, hz, beta, delta) : flat(a, grad, hz, beta, delta);
        if (!fast) {
            if (grad == null) {
                beta.assign(a).subi(hz);
            } else {
                beta.assign(grad).muli(scale).addi(a).subi(hz);
            }
            Transforms.max(beta, -band, false);
            Transforms.min(beta, band, false);
            beta.addi(hz);
            delta.assign(beta).subi(a);
            return sq(delta);
        }
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer as = a.data().asNioFloat();
            FloatBuffer gs = grad == null ? null : grad.data().asNioFloat();
            FloatBuffer hs = hz.data().asNioFloat();
            FloatBuffer bs = beta.data().asNioFloat();
            FloatBuffer ds = delta.data().asNioFloat();
            float s = (float) scale;
            float lo = (float) -band;
            float hi = (float) band;
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] av = w.floats(0);
                float[] gv = w.floats(1);
                float[] hv = w.floats(2);
                float[] bv = w.floats(3);
                float[] dv = w.floats(4);
                as.get(at, av, 0, count);
                hs.get(at, hv, 0, count);
                if (gs == null) {
                    for (int k = 0; k < count; k++) {
                        bv[k] = av[k] - hv[k];
                    }
                } else {
                    gs.get(at, gv, 0, count);
                    for (int k = 0; k < count; k++) {
                        bv[k] = gv[k] * s + av[k] - hv[k];
                    }
                }
                for (int k = 0; k < count; k++) {
                    float v = Math.min(Math.max(bv[k], lo), hi) + hv[k];
                    bv[k] = v;
                    dv[k] = v - av[k];
                }
                bs.put(at, bv, 0, count);
                ds.put(at, dv, 0, count);
                return sumSq(dv, count);
            }));
        }
        DoubleBuffer as = a.data().asNioDouble();
        DoubleBuffer gs = grad == null ? null : grad.data().asNioDouble();
        DoubleBuffer hs = hz.data().asNioDouble();
        DoubleBuffer bs = beta.data().asNioDouble();
        DoubleBuffer ds = delta.data().asNioDouble();
        double lo = -band;
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] av = w.doubles(0);
            double[] gv = w.doubles(1);
            double[] hv = w.doubles(2);
            double[] bv = w.doubles(3);
            double[] dv = w.doubles(4);
            as.get(at, av, 0, count);
            hs.get(at, hv, 0, count);
            if (gs == null) {
                for (int k = 0; k < count; k++) {
                    bv[k] = av[k] - hv[k];
                }
            } else {
                gs.get(at, gv, 0, count);
                for (int k = 0; k < count; k++) {
                    bv[k] = gv[k] * scale + av[k] - hv[k];
                }
            }
            for (int k = 0; k < count; k++) {
                double v = Math.min(Math.max(bv[k], lo), band) + hv[k];
                bv[k] = v;
                dv[k] = v - av[k];
            }
            bs.put(at, bv, 0, count);
            ds.put(at, dv, 0, count);
            return sumSq(dv, count);
        }));
    }

    /**
     * The z clip (equation 4): {@code u = min(max(wa + b, lower), upper)} (b broadcast over columns; lower and
     * upper the preimage bounds of the a band, possibly infinite), then {@code z <- u}; returns
     * {@code ||u - z_old||_F^2} (in double on the fast path).
     *
     * <p>Fast path when {@code flat(wa, lower, upper, z)} (b, any vector of length {@code rows}, read by index);
     * otherwise ND4J ops ({@code scratch.assign(wa).addiColumnVector(b)}, {@code Transforms.max} and {@code min},
     * {@code squaredDistance}, {@code z.assign(u)}), which use {@code scratch}, of z's shape, for u. scratch is not
     * touched on the fast path.
     *
     * @throws InvalidParameterException on the fast path, if b is not a vector of length {@code z.rows()}
     */
    public static double clip(INDArray wa, INDArray b, INDArray lower, INDArray upper, INDArray z, INDArray scratch) {
        if (!flat(wa, lower, upper, z)) {
            INDArray u = scratch.assign(wa).addiColumnVector(b);
            Transforms.max(u, lower, false);
            Transforms.min(u, upper, false);
            double stepSq = u.squaredDistance(z);
            z.assign(u);
            return stepSq;
        }
        int rows = (int) z.rows();
        int cols = (int) z.columns();
        double[] bias = column(b, rows, "b");
        if (z.dataType() == DataType.FLOAT) {
            FloatBuffer ws = wa.data().asNioFloat();
            FloatBuffer ls = lower.data().asNioFloat();
            FloatBuffer us = upper.data().asNioFloat();
            FloatBuffer zs = z.data().asNioFloat();
            float[] bf = toFloat(bias);
            return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] wv = w.floats(0);
                float[] lv = w.floats(1);
                float[] uv = w.floats(2);
                float[] zv = w.floats(3);
                ws.get(at, wv, 0, count);
                ls.get(at, lv, 0, count);
                us.get(at, uv, 0, count);
                zs.get(at, zv, 0, count);
                clipChunk(wv, bf[row], lv, uv, zv, count);
                zs.put(at, zv, 0, count);
                return sumSq(lv, count);
            }));
        }
        DoubleBuffer ws = wa.data().asNioDouble();
        DoubleBuffer ls = lower.data().asNioDouble();
        DoubleBuffer us = upper.data().asNioDouble();
        DoubleBuffer zs = z.data().asNioDouble();
        return Segments.sum(Segments.pass(rows, cols, (w, row, at, count) -> {
            double[] wv = w.doubles(0);
            double[] lv = w.doubles(1);
            double[] uv = w.doubles(2);
            double[] zv = w.doubles(3);
            ws.get(at, wv, 0, count);
            ls.get(at, lv, 0, count);
            us.get(at, uv, 0, count);
            zs.get(at, zv, 0, count);
            clipChunk(wv, bias[row], lv, uv, zv, count);
            zs.put(at, zv, 0, count);
            return sumSq(lv, count);
        }));
    }

    /**
     * The row sums of {@code z - wa}, each difference rounded to the arrays' type as ND4J's {@code z.sub(wa)} would
     * be, summed in double; into {@code out[0..rows)}. Used for the b block's exact minimizer. Read-only in z and wa.
     *
     * <p>Fast path when {@code flat(z, wa)}; otherwise {@code scratch.assign(z).subi(wa)} (scratch of z's shape) and
     * ND4J's row {@code Sum}, whose float accumulation may differ from the fast path's by rounding.
     */
    public static void rowSumsOfDifference(INDArray z, INDArray wa, double[] out, INDArray scratch) {
        int rows = (int) z.rows();
        if (!flat(z, wa)) {
            INDArray diff = scratch.assign(z).subi(wa);
            INDArray sums = Nd4j.getExecutioner().exec(new Sum(diff, 1));
            for (int i = 0; i < rows; i++) {
                out[i] = sums.getDouble(i);
            }
            return;
        }
        int cols = (int) z.columns();
        double[] partial;
        if (z.dataType() == DataType.FLOAT) {
            FloatBuffer zs = z.data().asNioFloat();
            FloatBuffer ws = wa.data().asNioFloat();
            partial = Segments.pass(rows, cols, (w, row, at, count) -> {
                float[] x = w.floats(0);
                float[] y = w.floats(1);
                zs.get(at, x, 0, count);
                ws.get(at, y, 0, count);
                for (int k = 0; k < count; k++) {
                    x[k] -= y[k];
                }
                return sum(x, count);
            });
        } else {
            DoubleBuffer zs = z.data().asNioDouble();
            DoubleBuffer ws = wa.data().asNioDouble();
            partial = Segments.pass(rows, cols, (w, row, at, count) -> {
                double[] x = w.doubles(0);
                double[] y = w.doubles(1);
                zs.get(at, x, 0, count);
                ws.get(at, y, 0, count);
                for (int k = 0; k < count; k++) {
                    x[k] -= y[k];
                }
                return sum(x, count);
            });
        }
        Segments.rowSums(partial, rows, cols, out);
    }
}
