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
 * <p>Array form of the bounds: per bound, one subtraction, two clamps and the in-place atanh of {@link Logit};
 * plus three reductions of a (min, max, NaN check). One per-thread scratch buffer ({@link Scratch}).
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
