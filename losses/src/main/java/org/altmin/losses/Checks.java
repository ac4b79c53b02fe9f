package org.altmin.losses;

import java.util.Arrays;
import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the losses and regularizers, on top of {@link org.altmin.api.Validate}. */
final class Checks {
    private Checks() {}

    /** A non-null, non-empty 2-D array of a floating-point type (samples are columns). */
    static INDArray matrix(String component, String parameter, INDArray array) {
        if (array == null) {
            throw InvalidParameterException.of(component, parameter, "null", "a 2-D array");
        }
        if (array.rank() != 2 || array.length() == 0) {
            throw InvalidParameterException.of(component, parameter, "shape " + Arrays.toString(array.shape()),
                    "a non-empty 2-D array (classes x N)");
        }
        if (!array.dataType().isFPType()) {
            throw InvalidParameterException.of(component, parameter, array.dataType(), "FLOAT or DOUBLE");
        }
        return array;
    }

    /** A non-null, non-empty array of a floating-point type, of any rank. */
    static INDArray array(String component, String parameter, INDArray array) {
        if (array == null) {
            throw InvalidParameterException.of(component, parameter, "null", "an array");
        }
        if (array.length() == 0) {
            throw InvalidParameterException.of(component, parameter, "an empty array", "a non-empty array");
        }
        if (!array.dataType().isFPType()) {
            throw InvalidParameterException.of(component, parameter, array.dataType(), "FLOAT or DOUBLE");
        }
        return array;
    }

    /** {@code array} has the shape and data type of {@code reference} (itself already checked). */
    static INDArray like(String component, String parameter, INDArray array, INDArray reference) {
        array(component, parameter, array);
        if (!Arrays.equals(array.shape(), reference.shape())) {
            throw InvalidParameterException.of(component, parameter, "shape " + Arrays.toString(array.shape()),
                    "of shape " + Arrays.toString(reference.shape()));
        }
        if (array.dataType() != reference.dataType()) {
            throw InvalidParameterException.of(component, parameter, array.dataType(),
                    "of data type " + reference.dataType() + " (the type of the other arguments)");
        }
        return array;
    }

    /** {@code out} is not the array {@code input} (an output that would overwrite an input still needed). */
    static void notSame(String component, String outName, INDArray out, String inputName, INDArray input) {
        if (out == input) {
            throw new InvalidParameterException(component, outName,
                    "must not be the same array as " + inputName + ", which it would overwrite");
        }
    }
}
