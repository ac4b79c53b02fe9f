package org.altmin.activations;

import java.util.Arrays;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Argument checks of the activations' scalar and array methods (cheap: shape and type checks, reductions). */
final class Args {
    private Args() {}

    /** The smallest and largest entry of an array of band centres {@code a}. */
    record Extremes(double min, double max) {}

    /** Scalar band arguments: a finite, eps >= 0 and finite. */
    static void band(String component, double a, double epsilon) {
        Validate.finite(component, "a", a);
        Validate.nonNegative(component, "epsilon", epsilon);
    }

    /** {@code z} and {@code out}: FLOAT or DOUBLE, same type, same shape ({@code out} may be {@code z}). */
    static void elementwise(String component, INDArray z, INDArray out) {
        notNull(component, "z", z);
        notNull(component, "out", out);
        FloatingPoint.checked(component, z.dataType());
        sameType(component, "out", out, z);
        Validate.sameShape(component, "out", out, z);
    }

    /**
     * {@code a}, {@code lower}, {@code upper}: FLOAT or DOUBLE, one type, one shape, and three distinct arrays
     * (each bound is written before the other is computed, so neither may alias a or the other); eps >= 0 and
     * finite.
     */
    static void bounds(String component, INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Validate.nonNegative(component, "epsilon", epsilon);
        notNull(component, "a", a);
        notNull(component, "lower", lower);
        notNull(component, "upper", upper);
        FloatingPoint.checked(component, a.dataType());
        sameType(component, "lower", lower, a);
        sameType(component, "upper", upper, a);
        Validate.sameShape(component, "lower", lower, a);
        Validate.sameShape(component, "upper", upper, a);
        if (lower == a || upper == a || lower == upper) {
            throw new InvalidParameterException(component, "lower/upper",
                    "must be two arrays distinct from each other and from a, found an alias");
        }
    }

    /**
     * min and max of {@code a} (two reductions) and a NaN check (a sum, which propagates NaN; ND4J's min and max
     * skip NaN). Rejects NaN and infinite entries.
     */
    static Extremes extremes(String component, INDArray a) {
        double min = a.minNumber().doubleValue();
        double max = a.maxNumber().doubleValue();
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw InvalidParameterException.of(component, "a", Double.isFinite(min) ? max : min,
                    "finite in every entry");
        }
        // A sum is NaN for a NaN entry, or (rarely) for overflowing partial sums of opposite signs: confirm.
        if (Double.isNaN(a.sumNumber().doubleValue()) && BooleanIndexing.or(a, Conditions.isNan())) {
            throw InvalidParameterException.of(component, "a", "NaN in an array of shape " + Arrays.toString(a.shape()),
                    "finite in every entry");
        }
        return new Extremes(min, max);
    }

    /** The exception for a band {@code [a - eps, a + eps]} that misses the range of h. */
    static InvalidParameterException emptyBand(String component, Object a, double epsilon, String validA, String range) {
        return InvalidParameterException.of(component, "a", a, validA + " (epsilon = " + epsilon
                + "): otherwise the band [a - epsilon, a + epsilon] misses the range " + range
                + " of h and the preimage {z : a - epsilon <= h(z) <= a + epsilon} is empty");
    }

    private static void notNull(String component, String parameter, INDArray array) {
        if (array == null) {
            throw InvalidParameterException.of(component, parameter, "null", "an array");
        }
    }

    private static void sameType(String component, String parameter, INDArray array, INDArray reference) {
        if (array.dataType() != reference.dataType()) {
            throw InvalidParameterException.of(component, parameter, array.dataType(),
                    "of the data type of the input, " + reference.dataType());
        }
    }
}
