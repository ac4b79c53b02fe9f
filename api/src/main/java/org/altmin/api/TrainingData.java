package org.altmin.api;

import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training set, and optionally a test set, with samples as columns (as in the paper): {@code x} is
 * {@code features x N}, {@code y} is {@code outputs x N} (one-hot for classification). Validated on
 * construction: 2-D, matching sample counts and feature/output counts, same floating-point dtype, all finite.
 *
 * @param xTest test features, or null without a test set
 * @param yTest test targets, or null without a test set
 */
public record TrainingData(INDArray x, INDArray y, INDArray xTest, INDArray yTest) {
    private static final String COMPONENT = "TrainingData";

    public TrainingData {
        checkPair(x, y, "x", "y");
        if ((xTest == null) != (yTest == null)) {
            throw InvalidParameterException.of(COMPONENT, "xTest/yTest", (xTest == null ? "null" : "set") + "/"
                    + (yTest == null ? "null" : "set"), "both set or both null");
        }
        if (xTest != null) {
            checkPair(xTest, yTest, "xTest", "yTest");
            Validate.shape(COMPONENT, "xTest", xTest, x.rows(), xTest.columns());
            Validate.shape(COMPONENT, "yTest", yTest, y.rows(), yTest.columns());
            if (xTest.dataType() != x.dataType()) {
                throw InvalidParameterException.of(COMPONENT, "xTest.dtype", xTest.dataType(), "the dtype of x, " + x.dataType());
            }
        }
    }

    /** Training data without a test set. */
    public TrainingData(INDArray x, INDArray y) {
        this(x, y, null, null);
    }

    private static void checkPair(INDArray x, INDArray y, String xName, String yName) {
        if (x == null || y == null) {
            throw InvalidParameterException.of(COMPONENT, x == null ? xName : yName, "null", "an array");
        }
        if (x.rank() != 2 || y.rank() != 2) {
            throw InvalidParameterException.of(COMPONENT, x.rank() != 2 ? xName : yName,
                    "rank " + (x.rank() != 2 ? x.rank() : y.rank()), "a 2-D array (features x samples)");
        }
        if (x.columns() != y.columns()) {
            throw InvalidParameterException.of(COMPONENT, yName + ".columns", y.columns(),
                    "equal to " + xName + ".columns = " + x.columns() + " (samples are columns)");
        }
        if (x.columns() < 1) {
            throw InvalidParameterException.of(COMPONENT, xName + ".columns", x.columns(), ">= 1 sample");
        }
        if (!x.dataType().isFPType() || x.dataType() != y.dataType()) {
            throw InvalidParameterException.of(COMPONENT, yName + ".dtype", x.dataType() + "/" + y.dataType(),
                    "one floating-point dtype for " + xName + " and " + yName);
        }
        Validate.allFinite(COMPONENT, xName, x);
        Validate.allFinite(COMPONENT, yName, y);
    }

    public int features() {
        return (int) x.rows();
    }

    public int outputs() {
        return (int) y.rows();
    }

    /** N, the number of training samples. */
    public int samples() {
        return (int) x.columns();
    }

    public DataType dtype() {
        return x.dataType();
    }

    public boolean hasTest() {
        return xTest != null;
    }

    public Optional<INDArray> testFeatures() {
        return Optional.ofNullable(xTest);
    }

    public Optional<INDArray> testTargets() {
        return Optional.ofNullable(yTest);
    }
}
