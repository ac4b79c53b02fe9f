package org.altmin.activations;

import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hyperbolic tangent {@code h(z) = tanh(z)}, registered as {@value #NAME}; no parameters. Smooth and
 * strictly increasing onto the open range (-1, 1), hence quasilinear (Assumption 3 of DLAM: J. Wang, F. Yu,
 * X. Chen, L. Zhao, deep learning alternating minimization, arXiv:1811.04187); {@code h'(z) = 1 - tanh(z)^2}.
 *
 * <p><b>Preimage (equation 4), exact, not linearized.</b> With {@code lo = a - eps}, {@code hi = a + eps}: the
 * band clipped to the range, mapped through atanh. Empty iff {@code hi <= -1} or {@code lo >= 1}: tanh never
 * attains ±1, so a band that touches the range only at an asymptote has an empty preimage (the resolution of the
 * boundary case; note that tanh rounds to ±1 in floating point for {@code |z|} beyond about 9 in float and 19
 * in double, so eps = 0 with a saturated {@code a = ±1} is rejected). Otherwise {@code B1 = -inf} if
 * {@code lo <= -1} (saturating end), else {@code atanh(lo)}; {@code B2 = +inf} if {@code hi >= 1}, else
 * {@code atanh(hi)}.
 *
 * <p>Array form of the bounds: one pass ({@link Elementwise}) for the band edges, their clamps and the rational
 * part {@code 2 y / (1 - y)} of the atanh of {@link Logit}, then ND4J's Log1p and halving on each bound:
 * bit for bit the results of the ND4J form (per bound, one subtraction, two clamps and the in-place atanh of
 * {@link Logit}; three reductions of a; one per-thread scratch buffer, {@link Scratch}), which remains the
 * fallback for views, mixed layouts and bad a (for which it throws). Apply and derivative: ND4J ops.
 */
public record Tanh() implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "tanh";

    /** Builds it from (empty) parameters. */
    public static Tanh fromParams(Params params) {
        return new Tanh();
    }

    @Override
    public double apply(double z) {
        return Math.tanh(z);
    }

    @Override
    public double derivative(double z) {
        // 1 / cosh^2 keeps relative accuracy in the tails, where 1 - tanh^2 cancels to 0.
        double cosh = Math.cosh(z);
        return 1.0 / (cosh * cosh);
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        check(a, a, epsilon);
        double lo = a - epsilon;
        return lo <= -1 ? Double.NEGATIVE_INFINITY : Logit.atanh(lo);
    }

    @Override
    public double upperBound(double a, double epsilon) {
        check(a, a, epsilon);
        double hi = a + epsilon;
        return hi >= 1 ? Double.POSITIVE_INFINITY : Logit.atanh(hi);
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        Args.elementwise("Tanh", z, out);
        Ops.tanh(z, out);
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        Args.elementwise("Tanh", z, out);
        // 1 - tanh(z)^2 = 4 sigmoid'(2z): three cheap-ish passes, against ND4J's slow TanhDerivative.
        Ops.mul(z, 2.0, out);
        Ops.sigmoidDerivative(out, out);
        Ops.mul(out, 4.0, out);
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.bounds("Tanh", a, epsilon, lower, upper);
        // One pass for everything but the logarithm, the ND4J form below entry by entry in the array's type: the
        // clamped band edge y, then 2 (y / (1 - y)); then ND4J's own Log1p on each bound (so that the results stay
        // those of the ND4J form bit for bit; a Java log differs in the last bit now and then) and ND4J's halving.
        // Non-finite a or an empty band: the ND4J form, which throws.
        float e = (float) epsilon;
        float nd1f = Math.nextDown(1f);
        float openLowF = Math.nextUp(-1f);
        double nd1 = Math.nextDown(1.0);
        double openLow = Math.nextUp(-1.0);
        Elementwise.Pass pass = Elementwise.bounds(a, lower, upper, Elementwise.Extremes.BOTH, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                float lo = Math.min(Math.max(x[k] - e, -1f), nd1f);
                float hi = Math.min(Math.max(x[k] + e, openLowF), 1f);
                l[k] = lo / (1f - lo) * 2f;
                u[k] = hi / (1f - hi) * 2f;
            }
            return true;
        }, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                double lo = Math.min(Math.max(x[k] - epsilon, -1.0), nd1);
                double hi = Math.min(Math.max(x[k] + epsilon, openLow), 1.0);
                l[k] = lo / (1.0 - lo) * 2.0;
                u[k] = hi / (1.0 - hi) * 2.0;
            }
            return true;
        });
        if (pass == null || !pass.clean() || !Elementwise.passes(() -> check(pass.min(), pass.max(), epsilon))) {
            preimageBoundsNd4j(a, epsilon, lower, upper);
            return;
        }
        Ops.log1p(lower, lower);
        Ops.log1p(upper, upper);
        Ops.mul(lower, 0.5, lower);
        Ops.mul(upper, 0.5, upper);
    }

    /** The ND4J form of the bounds (after the argument checks): also the one that throws for bad a. */
    private static void preimageBoundsNd4j(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.Extremes extremes = Args.extremes("Tanh", a);
        check(extremes.min(), extremes.max(), epsilon);
        DataType type = a.dataType();
        // Clip the band edges to [-1, 1], the open end pulled in by one ulp: after the check in double, an edge
        // on the open end can only come from rounding a +/- eps to the array's type (see FloatingPoint).
        Ops.sub(a, epsilon, lower);
        Ops.max(lower, -1.0, lower);
        Ops.min(lower, FloatingPoint.nextDown(type, 1.0), lower);
        Logit.atanhInPlace(lower);
        Ops.add(a, epsilon, upper);
        Ops.max(upper, FloatingPoint.nextUp(type, -1.0), upper);
        Ops.min(upper, 1.0, upper);
        Logit.atanhInPlace(upper);
    }

    /** The band of the smallest a must reach above -1, that of the largest a below 1. */
    private static void check(double min, double max, double epsilon) {
        Args.band("Tanh", min, epsilon);
        Args.band("Tanh", max, epsilon);
        if (min + epsilon <= -1) {
            throw Args.emptyBand("Tanh", min, epsilon, validA(epsilon), "(-1, 1)");
        }
        if (max - epsilon >= 1) {
            throw Args.emptyBand("Tanh", max, epsilon, validA(epsilon), "(-1, 1)");
        }
    }

    /** The valid range of a, in words and numbers (built only for the message). */
    private static String validA(double epsilon) {
        return "in (-1 - epsilon, 1 + epsilon) = (" + (-1 - epsilon) + ", " + (1 + epsilon) + ")";
    }
}
