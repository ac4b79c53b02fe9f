package org.altmin.solvers.admm;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.kernels.Segments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hidden-layer z update of Taylor et al. (ICML 2016, section 4): entrywise
 * <pre>
 *   z = argmin_z f(z),   f(z) = gamma (a - h(z))^2 + beta (z - m)^2,   m = (W_l a_{l-1})_ij,  a = (a_l)_ij,
 * </pre>
 * in closed form for a piecewise-linear h. On each piece where {@code h(z) = s z + c} the objective is a convex
 * quadratic, minimized at {@code (gamma s (a - c) + beta m) / (gamma s^2 + beta)} clipped to the piece; the update
 * compares the pieces' minima and keeps the smallest f (on a tie the piece listed first below). Supported:
 * <ul>
 *   <li>{@code identity} ({@code h = z}): one piece, {@code z = (gamma a + beta m) / (gamma + beta)};</li>
 *   <li>{@code relu} ({@code max(z, 0)}): {@code z >= 0} with slope 1, then {@code z <= 0} with {@code h = 0}, whose
 *       minimizer is {@code min(0, m)} (the comparison of the paper);</li>
 *   <li>{@code leaky-relu} ({@code z} for {@code z >= 0}, {@code alpha z} below, {@code 0 < alpha < 1}): slope 1 on
 *       {@code z >= 0}, slope alpha on {@code z <= 0};</li>
 *   <li>{@code hard-tanh} ({@code clip(z, -1, 1)}): slope 1 on {@code [-1, 1]}, constant -1 on {@code z <= -1},
 *       constant 1 on {@code z >= 1}.</li>
 * </ul>
 *
 * <p><b>Recognized by its values, not its class:</b> {@link #of} evaluates {@code h.apply(double)} at fixed probe
 * points (the kinks 0 and +-1, points beside them, a grid over [-5, 5] and large magnitudes up to 1e6) and
 * matches it against the four functions (leaky-relu's alpha is read off {@code -h(-1)}), so a researcher's own
 * ReLU works too; any other activation is rejected with an {@link InvalidParameterException} that lists the
 * supported ones. (The solvers module does not depend on the activations module, whose classes these are.)
 *
 * <p>The array form runs one pass over the contiguous buffers of a, m and z (no N-sized temporary; ND4J's
 * elementwise ops would need a dozen passes and four temporaries) and returns the squared step.
 *
 * @param kind  which function
 * @param alpha the negative slope of leaky-relu (0 for relu, 1 for identity, NaN for hard-tanh)
 */
public record ZClosedForm(Kind kind, double alpha) {
    /** The functions with a closed-form z update. */
    public enum Kind {
        IDENTITY("identity"), RELU("relu"), LEAKY_RELU("leaky-relu (0 < alpha < 1)"), HARD_TANH("hard-tanh");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The registered name of the shipped activation (with leaky-relu's condition on alpha). */
        public String label() {
            return label;
        }
    }

    /** The supported activations, for messages. */
    public static final String SUPPORTED = "one of relu, leaky-relu (0 < alpha < 1), hard-tanh, identity (the "
            + "activations whose ADMM z update has a closed form)";

    public static final ZClosedForm IDENTITY = new ZClosedForm(Kind.IDENTITY, 1.0);
    public static final ZClosedForm RELU = new ZClosedForm(Kind.RELU, 0.0);
    public static final ZClosedForm HARD_TANH = new ZClosedForm(Kind.HARD_TANH, Double.NaN);

    public ZClosedForm {
        if (kind == null) {
            throw InvalidParameterException.of(AdmmConfig.COMPONENT, "activation", "null", SUPPORTED);
        }
        if (kind == Kind.LEAKY_RELU && !(alpha > 0 && alpha < 1)) {
            throw InvalidParameterException.of(AdmmConfig.COMPONENT, "leaky-relu.alpha", alpha, "in (0, 1)");
        }
    }

    /** Leaky ReLU with negative slope alpha in (0, 1). */
    public static ZClosedForm leakyRelu(double alpha) {
        return new ZClosedForm(Kind.LEAKY_RELU, alpha);
    }

    private static final double[] PROBES = probes();

    private static double[] probes() {
        double[] special = {0.0, 1e-9, 1e-3, 0.25, 0.5, 0.999, 1.0, 1.001, 1.5, 2.0, 3.0, 10.0, 123.456, 1e3, 1e6};
        int grid = 201;
        double[] out = new double[2 * special.length + grid];
        int i = 0;
        for (double s : special) {
            out[i++] = s;
            out[i++] = -s;
        }
        for (int g = 0; g < grid; g++) {
            out[i++] = -5.0 + 10.0 * g / (grid - 1);
        }
        return out;
    }

    /**
     * The closed form for hidden layer {@code layer}'s activation h, recognized by its values at the probe points.
     *
     * @throws InvalidParameterException naming the layer and the activation, and listing the supported ones, when
     *                                   h is none of them
     */
    public static ZClosedForm of(QuasilinearActivation h, int layer) {
        if (h == null) {
            throw InvalidParameterException.of(AdmmConfig.COMPONENT, "activations[" + layer + "]", "null", SUPPORTED);
        }
        if (matches(h, IDENTITY)) {
            return IDENTITY;
        }
        if (matches(h, RELU)) {
            return RELU;
        }
        if (matches(h, HARD_TANH)) {
            return HARD_TANH;
        }
        double alpha = -h.apply(-1.0);
        if (alpha > 0 && alpha < 1 && matches(h, leakyRelu(alpha))) {
            return leakyRelu(alpha);
        }
        throw InvalidParameterException.of(AdmmConfig.COMPONENT, "activations[" + layer + "]", describe(h), SUPPORTED);
    }

    private static boolean matches(QuasilinearActivation h, ZClosedForm form) {
        for (double t : PROBES) {
            double value = h.apply(t);
            double expected = form.h(t);
            if (!(Math.abs(value - expected) <= 1e-12 * Math.max(1.0, Math.abs(t)))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(QuasilinearActivation h) {
        String text = String.valueOf(h);
        return text.contains("@") ? h.getClass().getName() : text;
    }

    /** The activation itself, {@code h(z)}. */
    public double h(double z) {
        return switch (kind) {
            case IDENTITY -> z;
            case RELU -> Math.max(z, 0.0);
            case LEAKY_RELU -> z >= 0 ? z : alpha * z;
            case HARD_TANH -> Math.max(-1.0, Math.min(1.0, z));
        };
    }

    /** {@code f(z) = gamma (a - h(z))^2 + beta (z - m)^2}, the objective of the entrywise update. */
    public double objective(double z, double a, double m, double gamma, double beta) {
        double r = a - h(z);
        double d = z - m;
        return gamma * r * r + beta * d * d;
    }

    /** {@code argmin_z gamma (a - h(z))^2 + beta (z - m)^2}, for {@code gamma, beta > 0}. */
    public double argmin(double a, double m, double gamma, double beta) {
        double linear = (gamma * a + beta * m) / (gamma + beta);
        switch (kind) {
            case IDENTITY:
                return linear;
            case RELU:
            case LEAKY_RELU: {
                double zPos = Math.max(0.0, linear);
                double zNeg = Math.min(0.0, (gamma * alpha * a + beta * m) / (gamma * alpha * alpha + beta));
                double rPos = a - zPos;
                double dPos = zPos - m;
                double rNeg = a - alpha * zNeg;
                double dNeg = zNeg - m;
                double fPos = gamma * rPos * rPos + beta * dPos * dPos;
                double fNeg = gamma * rNeg * rNeg + beta * dNeg * dNeg;
                return fNeg < fPos ? zNeg : zPos;
            }
            case HARD_TANH: {
                double zMid = Math.max(-1.0, Math.min(1.0, linear));
                double zLow = Math.min(-1.0, m);
                double zHigh = Math.max(1.0, m);
                double rMid = a - zMid;
                double dMid = zMid - m;
                double rLow = a + 1.0;
                double dLow = zLow - m;
                double rHigh = a - 1.0;
                double dHigh = zHigh - m;
                double fMid = gamma * rMid * rMid + beta * dMid * dMid;
                double fLow = gamma * rLow * rLow + beta * dLow * dLow;
                double fHigh = gamma * rHigh * rHigh + beta * dHigh * dHigh;
                double best = zMid;
                double fBest = fMid;
                if (fLow < fBest) {
                    best = zLow;
                    fBest = fLow;
                }
                return fHigh < fBest ? zHigh : best;
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    /**
     * {@code z <- argmin} entrywise, for arrays of one shape and dtype (FLOAT or DOUBLE), each contiguous in one
     * ordering with its own buffer (as {@link org.altmin.api.State} and the ADMM context allocate them). One pass
     * over the buffers in segments of {@value Segments#CHUNK} entries, bulk-copied to per-thread Java arrays and run in
     * parallel for large arrays ({@link Segments#pass}); each entry is {@link #argmin}'s value (for ReLU and leaky
     * ReLU computed without a branch, the same bits), so the iterates do not depend on the schedule, and the step's
     * partial sums are combined in a fixed order.
     *
     * @return {@code ||z_new - z_old||^2}
     */
    public double apply(INDArray a, INDArray m, INDArray z, double gamma, double beta) {
        checkLayout(a, z);
        checkLayout(m, z);
        checkLayout(z, z);
        int n = (int) z.length();
        boolean piecewise = kind == Kind.RELU || kind == Kind.LEAKY_RELU;
        if (z.dataType() == DataType.DOUBLE) {
            DoubleBuffer ab = a.data().asNioDouble();
            DoubleBuffer mb = m.data().asNioDouble();
            DoubleBuffer zb = z.data().asNioDouble();
            return Segments.sum(Segments.pass(n, (w, row, at, count) -> {
                double[] av = w.doubles(0);
                double[] mv = w.doubles(1);
                double[] zv = w.doubles(2);
                ab.get(at, av, 0, count);
                mb.get(at, mv, 0, count);
                zb.get(at, zv, 0, count);
                double step = Double.NaN;
                if (piecewise) {
                    double[] next = w.doubles(3);
                    reluPieces(av, mv, next, w.doubles(4), w.doubles(5), count, gamma, beta, alpha);
                    step = squaredStep(next, zv, count);
                    if (Double.isFinite(step)) {
                        System.arraycopy(next, 0, zv, 0, count);
                    }
                }
                if (!Double.isFinite(step)) {
                    step = 0;
                    for (int i = 0; i < count; i++) {
                        double next = argmin(av[i], mv[i], gamma, beta);
                        double d = next - zv[i];
                        step += d * d;
                        zv[i] = next;
                    }
                }
                zb.put(at, zv, 0, count);
                return step;
            }));
        }
        if (z.dataType() == DataType.FLOAT) {
            FloatBuffer ab = a.data().asNioFloat();
            FloatBuffer mb = m.data().asNioFloat();
            FloatBuffer zb = z.data().asNioFloat();
            return Segments.sum(Segments.pass(n, (w, row, at, count) -> {
                float[] av = w.floats(0);
                float[] mv = w.floats(1);
                float[] zv = w.floats(2);
                ab.get(at, av, 0, count);
                mb.get(at, mv, 0, count);
                zb.get(at, zv, 0, count);
                double step = Double.NaN;
                if (piecewise) {
                    // Widened first, in loops of their own: C2 does not vectorize a loop that mixes float and
                    // double lanes, and the pieces' loop on doubles runs about three times as fast.
                    double[] ad = w.doubles(1);
                    double[] md = w.doubles(2);
                    for (int i = 0; i < count; i++) {
                        ad[i] = av[i];
                    }
                    for (int i = 0; i < count; i++) {
                        md[i] = mv[i];
                    }
                    double[] next = w.doubles(0);
                    reluPieces(ad, md, next, w.doubles(3), w.doubles(4), count, gamma, beta, alpha);
                    step = squaredStep(next, zv, count);
                    if (Double.isFinite(step)) {
                        for (int i = 0; i < count; i++) {
                            zv[i] = (float) next[i];
                        }
                    }
                }
                if (!Double.isFinite(step)) {
                    step = 0;
                    for (int i = 0; i < count; i++) {
                        float next = (float) argmin(av[i], mv[i], gamma, beta);
                        double d = (double) next - zv[i];
                        step += d * d;
                        zv[i] = next;
                    }
                }
                zb.put(at, zv, 0, count);
                return step;
            }));
        }
        throw InvalidParameterException.of(AdmmConfig.COMPONENT, "dtype", z.dataType(), "FLOAT or DOUBLE");
    }

    /*
     * ReLU's and leaky ReLU's argmin on a chunk without a branch: argmin's arithmetic, in the same order, and its
     * choice fNeg < fPos ? zNeg : zPos as c = [fPos - fNeg > 0] (0 or 1: the rounded difference of two finite doubles
     * has the sign of the exact one and is 0 only when they are equal) and z = -((c - 1) zPos) + c zNeg, which for
     * zNeg <= 0 <= zPos is exactly the chosen value, signed zeros included (c = 1: -0.0 + zNeg; c = 0: zPos plus a
     * zero). The data-dependent branch was mispredicted about half the time; without it, and in loops small enough
     * for C2 to unroll, the computation vectorizes. For non-finite values (c or z NaN) the chunk's step is not
     * finite and the caller redoes the chunk with argmin.
     */
    private static void reluPieces(double[] av, double[] mv, double[] out, double[] pos, double[] neg, int count,
            double gamma, double beta, double alpha) {
        // Several small loops rather than one: C2 unrolls, and so vectorizes, only loops with small bodies
        // (LoopUnrollLimit); the whole computation in one loop ran scalar, several times slower.
        double gb = gamma + beta;
        double ga = gamma * alpha;
        double gaa = gamma * alpha * alpha + beta;
        for (int i = 0; i < count; i++) {
            pos[i] = (gamma * av[i] + beta * mv[i]) / gb;
        }
        for (int i = 0; i < count; i++) {
            neg[i] = (ga * av[i] + beta * mv[i]) / gaa;
        }
        // Math.max(0.0, x) as (x + |x|) / 2 and Math.min(0.0, y) as (y - |y|) / 2: the same value (signed zeros and
        // NaN included; both steps exact) except past half the largest double, where these give an infinity and the
        // chunk is redone.
        for (int i = 0; i < count; i++) {
            pos[i] = (pos[i] + Math.abs(pos[i])) * 0.5;
        }
        for (int i = 0; i < count; i++) {
            neg[i] = (neg[i] - Math.abs(neg[i])) * 0.5;
        }
        for (int i = 0; i < count; i++) {
            double rPos = av[i] - pos[i];
            double dPos = pos[i] - mv[i];
            double rNeg = av[i] - alpha * neg[i];
            double dNeg = neg[i] - mv[i];
            out[i] = (gamma * rPos * rPos + beta * dPos * dPos) - (gamma * rNeg * rNeg + beta * dNeg * dNeg);
        }
        for (int i = 0; i < count; i++) {
            double c = Math.min(Math.max(out[i] * 0x1p1023 * 0x1p51, 0.0), 1.0);
            out[i] = -((c - 1) * pos[i]) + c * neg[i];
        }
    }

    /*
     * sum_i (next_i - z_i)^2 with eight partial sums: one running sum is a chain of dependent additions (one every
     * four cycles or so), which C2 does not reorder; eight break the chain. The order is fixed, so the sum does not
     * depend on the thread schedule.
     */
    private static double squaredStep(double[] next, double[] z, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = 0;
        for (; k + 7 < count; k += 8) {
            double d0 = next[k] - z[k], d1 = next[k + 1] - z[k + 1];
            double d2 = next[k + 2] - z[k + 2], d3 = next[k + 3] - z[k + 3];
            double d4 = next[k + 4] - z[k + 4], d5 = next[k + 5] - z[k + 5];
            double d6 = next[k + 6] - z[k + 6], d7 = next[k + 7] - z[k + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; k < count; k++) {
            double d = next[k] - z[k];
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The same for FLOAT: {@code next} rounded to float first, as it is stored. */
    private static double squaredStep(double[] next, float[] z, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = 0;
        for (; k + 7 < count; k += 8) {
            double d0 = (double) (float) next[k] - z[k], d1 = (double) (float) next[k + 1] - z[k + 1];
            double d2 = (double) (float) next[k + 2] - z[k + 2], d3 = (double) (float) next[k + 3] - z[k + 3];
            double d4 = (double) (float) next[k + 4] - z[k + 4], d5 = (double) (float) next[k + 5] - z[k + 5];
            double d6 = (double) (float) next[k + 6] - z[k + 6], d7 = (double) (float) next[k + 7] - z[k + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; k < count; k++) {
            double d = (double) (float) next[k] - z[k];
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The buffer-level loop needs equal shapes, dtypes and orderings, offset 0 and no sharing of a larger buffer. */
    static void checkLayout(INDArray array, INDArray reference) {
        if (array.dataType() != reference.dataType() || array.ordering() != reference.ordering()
                || !java.util.Arrays.equals(array.shape(), reference.shape()) || array.offset() != 0
                || array.data().length() != array.length() || array.length() > Integer.MAX_VALUE) {
            throw new IllegalStateException("ADMM z update: arrays must be own-buffer, contiguous, same shape, dtype and "
                    + "ordering; found " + array.shapeInfoToString() + " against " + reference.shapeInfoToString());
        }
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "leaky-relu(alpha=" + alpha + ")" : kind.label();
    }
}
