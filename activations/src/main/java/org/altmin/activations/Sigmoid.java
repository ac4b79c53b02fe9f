package org.altmin.activations;

import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The logistic sigmoid {@code h(z) = 1 / (1 + exp(-z))}, registered as {@value #NAME}; no parameters. Smooth
 * and strictly increasing onto the open range (0, 1), hence quasilinear (Assumption 3 of DLAM: J. Wang, F. Yu,
 * X. Chen, L. Zhao, deep learning alternating minimization, arXiv:1811.04187);
 * {@code h'(z) = h(z) (1 - h(z))}.
 *
 * <p><b>Preimage (equation 4), exact, not linearized.</b> With {@code lo = a - eps}, {@code hi = a + eps}: the
 * band clipped to the range, mapped through {@code logit(y) = log(y / (1 - y))}. Empty iff {@code hi <= 0} or
 * {@code lo >= 1}: the sigmoid never attains 0 or 1, so a band that touches the range only at an asymptote has
 * an empty preimage (the resolution of the boundary case {@code a + eps = 0}; note that the sigmoid rounds to 0
 * or 1 in floating point far out, e.g. {@code h(z) = 1} in float for z beyond about 17, so eps = 0 with a
 * saturated a is rejected). Otherwise {@code B1 = -inf} if {@code lo <= 0} (saturating end), else
 * {@code logit(lo)}; {@code B2 = +inf} if {@code hi >= 1}, else {@code logit(hi)}.
 *
 * <p>Array form of the bounds: one pass ({@link Elementwise}) for the band edges, their clamps and the rational
 * part {@code y / (1 - y)} of the logit of {@link Logit}, then ND4J's Log on each bound: bit for bit the results
 * of the ND4J form (per bound, one subtraction, two clamps and the in-place logit of {@link Logit}; three
 * reductions of a; one per-thread scratch buffer, {@link Scratch}), which remains the fallback for views, mixed
 * layouts and bad a (for which it throws). Apply and derivative: ND4J ops.
 */
public record Sigmoid() implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "sigmoid";

    /** Builds it from (empty) parameters. */
    public static Sigmoid fromParams(Params params) {
        return new Sigmoid();
    }

    @Override
    public double apply(double z) {
        // Two branches so that exp never overflows into a 0 * inf.
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    @Override
    public double derivative(double z) {
        double e = Math.exp(-Math.abs(z));
        double onePlusE = 1.0 + e;
        return e / (onePlusE * onePlusE);
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        check(a, a, epsilon);
        double lo = a - epsilon;
        return lo <= 0 ? Double.NEGATIVE_INFINITY : Logit.logit(lo);
    }

    @Override
    public double upperBound(double a, double epsilon) {
        check(a, a, epsilon);
        double hi = a + epsilon;
        return hi >= 1 ? Double.POSITIVE_INFINITY : Logit.logit(hi);
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        Args.elementwise("Sigmoid", z, out);
        Ops.sigmoid(z, out);
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        Args.elementwise("Sigmoid", z, out);
        Ops.sigmoidDerivative(z, out);
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.bounds("Sigmoid", a, epsilon, lower, upper);
        // One pass for everything but the logarithm, the ND4J form below entry by entry in the array's type: the
        // clamped band edge y, then y / (1 - y); then ND4J's own Log on each bound (so that the results stay those
        // of the ND4J form bit for bit; a Java log differs in the last bit now and then). Non-finite a or an empty
        // band: the ND4J form, which throws.
        float e = (float) epsilon;
        float nd1f = Math.nextDown(1f);
        double nd1 = Math.nextDown(1.0);
        Elementwise.Pass pass = Elementwise.bounds(a, lower, upper, Elementwise.Extremes.BOTH, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                float lo = Math.min(Math.max(x[k] - e, 0f), nd1f);
                float hi = Math.min(Math.max(x[k] + e, Float.MIN_VALUE), 1f);
                l[k] = lo / (1f - lo);
                u[k] = hi / (1f - hi);
            }
            return true;
        }, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                double lo = Math.min(Math.max(x[k] - epsilon, 0.0), nd1);
                double hi = Math.min(Math.max(x[k] + epsilon, Double.MIN_VALUE), 1.0);
                l[k] = lo / (1.0 - lo);
                u[k] = hi / (1.0 - hi);
            }
            return true;
        });
        if (pass == null || !pass.clean() || !Elementwise.passes(() -> check(pass.min(), pass.max(), epsilon))) {
            preimageBoundsNd4j(a, epsilon, lower, upper);
            return;
        }
        Ops.log(lower, lower);
        Ops.log(upper, upper);
    }

    /** The ND4J form of the bounds (after the argument checks): also the one that throws for bad a. */
    private static void preimageBoundsNd4j(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.Extremes extremes = Args.extremes("Sigmoid", a);
        check(extremes.min(), extremes.max(), epsilon);
        DataType type = a.dataType();
        // Clip the band edges to [0, 1], the open end pulled in to the nearest representable value: after the
        // check in double, an edge on the open end can only come from rounding (see FloatingPoint).
        Ops.sub(a, epsilon, lower);
        Ops.max(lower, 0.0, lower);
        Ops.min(lower, FloatingPoint.nextDown(type, 1.0), lower);
        Logit.logitInPlace(lower);
        Ops.add(a, epsilon, upper);
        Ops.max(upper, FloatingPoint.smallestPositive(type), upper);
        Ops.min(upper, 1.0, upper);
        Logit.logitInPlace(upper);
    }

    /** The band of the smallest a must reach above 0, that of the largest a below 1. */
    private static void check(double min, double max, double epsilon) {
        Args.band("Sigmoid", min, epsilon);
        Args.band("Sigmoid", max, epsilon);
        if (min + epsilon <= 0) {
            throw Args.emptyBand("Sigmoid", min, epsilon, validA(epsilon), "(0, 1)");
        }
        if (max - epsilon >= 1) {
            throw Args.emptyBand("Sigmoid", max, epsilon, validA(epsilon), "(0, 1)");
        }
    }

    /** The valid range of a, in words and numbers (built only for the message). */
    private static String validA(double epsilon) {
        return "in (-epsilon, 1 + epsilon) = (" + (-epsilon) + ", " + (1 + epsilon) + ")";
    }
}
