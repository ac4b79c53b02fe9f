package org.altmin.api;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Argument checks shared by every component; each failure is an {@link InvalidParameterException} whose
 * message names component, parameter, value and valid range.
 */
public final class Validate {
    private Validate() {}

    /** value > 0 and finite. */
    public static double positive(String component, String parameter, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw InvalidParameterException.of(component, parameter, value, "> 0 and finite");
        }
        return value;
    }

    /** value >= 0 and finite. */
    public static double nonNegative(String component, String parameter, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw InvalidParameterException.of(component, parameter, value, ">= 0 and finite");
        }
        return value;
    }

    /** value > 1 and finite (backtracking growth factors gamma, eta). */
    public static double greaterThanOne(String component, String parameter, double value) {
        if (!(value > 1) || !Double.isFinite(value)) {
            throw InvalidParameterException.of(component, parameter, value, "> 1 and finite");
        }
        return value;
    }

    /** lo &lt;= value &lt;= hi. */
    public static double inRange(String component, String parameter, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw InvalidParameterException.of(component, parameter, value, "in [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** value >= 1. */
    public static int atLeastOne(String component, String parameter, int value) {
        if (value < 1) {
            throw InvalidParameterException.of(component, parameter, value, ">= 1");
        }
        return value;
    }

    /** value finite (not NaN, not infinite). */
    public static double finite(String component, String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw InvalidParameterException.of(component, parameter, value, "finite");
        }
        return value;
    }

    /** Non-null array whose every entry is finite. */
    public static INDArray allFinite(String component, String parameter, INDArray array) {
        if (array == null) {
            throw InvalidParameterException.of(component, parameter, "null", "an array");
        }
        if (array.length() > 0 && BooleanIndexing.or(array, Conditions.notFinite())) {
            long nan = array.scan(Conditions.isNan()).longValue();
            long inf = array.scan(Conditions.isInfinite()).longValue();
            throw new InvalidParameterException(component, parameter,
                    "must be finite, found " + nan + " NaN and " + inf + " infinite entries in an array of shape "
                            + Arrays.toString(array.shape()));
        }
        return array;
    }

    /** A 2-D array of exactly the given shape. */
    public static INDArray shape(String component, String parameter, INDArray array, long rows, long columns) {
        if (array == null) {
            throw InvalidParameterException.of(component, parameter, "null", "an array of shape [" + rows + ", " + columns + "]");
        }
        if (array.rank() != 2 || array.rows() != rows || array.columns() != columns) {
            throw InvalidParameterException.of(component, parameter, Arrays.toString(array.shape()),
                    "of shape [" + rows + ", " + columns + "]");
        }
        return array;
    }

    /** Two arrays with equal shapes. */
    public static void sameShape(String component, String parameter, INDArray array, INDArray reference) {
        if (!Arrays.equals(array.shape(), reference.shape())) {
            throw InvalidParameterException.of(component, parameter, Arrays.toString(array.shape()),
                    "of shape " + Arrays.toString(reference.shape()));
        }
    }
}
