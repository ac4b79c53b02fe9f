package org.altmin.verification.checks;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The few DOUBLE vector operations the checks need, and printing of counterexample arrays. */
final class Linalg {
    /** Arrays with more entries than this are printed by shape and summary, not in full. */
    static final int PRINT_LIMIT = 64;

    private Linalg() {}

    static INDArray toDouble(INDArray a) {
        return a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE);
    }

    /** {@code <x, y>} over all entries. */
    static double dot(INDArray x, INDArray y) {
        return toDouble(x).mul(toDouble(y)).sumNumber().doubleValue();
    }

    /** Frobenius norm. */
    static double norm(INDArray x) {
        return toDouble(x).norm2Number().doubleValue();
    }

    /** {@code ||x - y||_F}. */
    static double distance(INDArray x, INDArray y) {
        return toDouble(x).sub(toDouble(y)).norm2Number().doubleValue();
    }

    /** {@code alpha x + beta y}, newly allocated. */
    static INDArray combine(double alpha, INDArray x, double beta, INDArray y) {
        return toDouble(x).mul(alpha).addi(toDouble(y).mul(beta));
    }

    /** Largest absolute entry. */
    static double maxAbs(INDArray x) {
        return x.length() == 0 ? 0.0 : toDouble(x).amaxNumber().doubleValue();
    }

    /** Whether every entry is finite. */
    static boolean allFinite(INDArray x) {
        double[] v = toDouble(x).dup().data().asDouble();
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    /** A printable, round-trippable form (Java's shortest exact decimal) of a small array. */
    static String print(INDArray a) {
        INDArray d = toDouble(a);
        String shape = Arrays.toString(d.shape());
        if (d.length() > PRINT_LIMIT) {
            return "array" + shape + " (max |entry| " + maxAbs(d) + ", norm " + norm(d) + ")";
        }
        if (d.rank() == 2) {
            return Arrays.deepToString(d.toDoubleMatrix());
        }
        return Arrays.toString(d.dup().data().asDouble()) + " shape " + shape;
    }
}
