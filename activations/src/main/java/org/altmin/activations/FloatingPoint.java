package org.altmin.activations;

import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The floating-point contract of the shipped activations' array methods, in one place.
 *
 * <p><b>Where the arithmetic happens.</b> The scalar methods compute in double. The array methods compute in
 * the array's data type (FLOAT or DOUBLE; others are rejected): the band edges {@code a - eps}, {@code a + eps}
 * and every constant (eps, alpha, ...) are rounded to that type, as they are when a solver checks the band in
 * that type. On DOUBLE arrays the array and scalar forms agree to a few ulps.
 *
 * <p><b>Soundness up to rounding.</b> The emptiness of {@code {z : a - eps <= h(z) <= a + eps}} is decided in
 * double on the exact values of {@code a} (and {@code eps}), as the scalar methods do. For bounds
 * {@code [B1, B2]} produced in data type {@code t}, every {@code z} of type {@code t} in {@code [B1, B2]}
 * satisfies {@code a - eps - tol <= h_t(z) <= a + eps + tol}, with {@code h_t} the array form of h evaluated
 * in {@code t} and {@code tol = } {@link #bandTolerance(DataType, double, double)}
 * {@code = ROUNDING_ULPS * ulp_t(max(1, |a| + eps))}: the rounding of the band edges to {@code t} (half an ulp
 * each), the rounding of B1, B2 to {@code t}, and the few-ulp error of ND4J's tanh, sigmoid, log and log1p in
 * {@code t}. The floor at 1 covers the saturating activations, whose values lie in [-1, 1] and whose
 * implementations have an absolute, not relative, error there. Where the exact bound's band edge rounds onto
 * the boundary of the range of h (e.g. {@code a + eps} rounds to -1 for tanh although it exceeds -1), the edge
 * is moved to the nearest representable value inside the range, so that the bound stays finite and within
 * the tolerance rather than jumping to an infinity.
 *
 * <p><b>Binarizing steps.</b> The preimage {@code {z < 0}} of the lower level is open; its supremum 0 is not in
 * it. The step and sign activations return instead the largest representable number below 0 in the data type
 * ({@link #largestBelowZero(DataType)}: {@code Math.nextDown(0.0)} in double, {@code Math.nextDown(0f)} in
 * float), which makes their bounds exact in floating point: every z of the type in {@code [B1, B2]} satisfies
 * the band with no tolerance at all. (ND4J on CPU does not flush these subnormal numbers to zero; the tests check
 * it.)
 */
public final class FloatingPoint {
    private FloatingPoint() {}

    /** The factor of {@link #bandTolerance}: ulps of {@code max(1, |a| + eps)} in the data type. */
    public static final int ROUNDING_ULPS = 4;

    /** {@code ROUNDING_ULPS * ulp_t(max(1, |a| + eps))}: how far {@code h_t(z)} may leave the band, see the class doc. */
    public static double bandTolerance(DataType dataType, double a, double epsilon) {
        return ROUNDING_ULPS * ulp(dataType, Math.max(1.0, Math.abs(a) + epsilon));
    }

    /** The ulp of {@code x} in the data type (FLOAT or DOUBLE). */
    public static double ulp(DataType dataType, double x) {
        return switch (checked("FloatingPoint", dataType)) {
            case FLOAT -> Math.ulp((float) x);
            default -> Math.ulp(x);
        };
    }

    /** {@code Math.nextDown(0f)} for FLOAT, {@code Math.nextDown(0.0)} for DOUBLE. */
    public static double largestBelowZero(DataType dataType) {
        return switch (checked("FloatingPoint", dataType)) {
            case FLOAT -> Math.nextDown(0f);
            default -> Math.nextDown(0.0);
        };
    }

    /** The representable number next below {@code x} in the data type. */
    static double nextDown(DataType dataType, double x) {
        return dataType == DataType.FLOAT ? Math.nextDown((float) x) : Math.nextDown(x);
    }

    /** The representable number next above {@code x} in the data type. */
    static double nextUp(DataType dataType, double x) {
        return dataType == DataType.FLOAT ? Math.nextUp((float) x) : Math.nextUp(x);
    }

    /** The smallest positive representable number in the data type (subnormal). */
    static double smallestPositive(DataType dataType) {
        return dataType == DataType.FLOAT ? Float.MIN_VALUE : Double.MIN_VALUE;
    }

    /** The data type, if FLOAT or DOUBLE. */
    static DataType checked(String component, DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw InvalidParameterException.of(component, "dataType", dataType, "FLOAT or DOUBLE");
        }
        return dataType;
    }
}
