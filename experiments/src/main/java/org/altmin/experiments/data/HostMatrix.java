package org.altmin.experiments.data;

import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A rows x columns matrix filled on the Java heap and handed to ND4J once: per-element {@code putScalar} on an
 * INDArray crosses into native code each time and is orders of magnitude slower for a 784 x 60000 data set.
 * Stored in C order in a {@code float[]} or {@code double[]} matching the requested dtype.
 */
final class HostMatrix {
    private final int rows;
    private final int columns;
    private final float[] floats;
    private final double[] doubles;

    HostMatrix(int rows, int columns, DataType dtype) {
        long size = (long) rows * columns;
        if (size > Integer.MAX_VALUE - 8) {
            throw InvalidParameterException.of("HostMatrix", "rows*columns", size, "< 2^31 elements");
        }
        this.rows = rows;
        this.columns = columns;
        if (dtype == DataType.FLOAT) {
            floats = new float[(int) size];
            doubles = null;
        } else if (dtype == DataType.DOUBLE) {
            floats = null;
            doubles = new double[(int) size];
        } else {
            throw InvalidParameterException.of("HostMatrix", "dtype", dtype, "FLOAT or DOUBLE");
        }
    }

    void set(int row, int column, double value) {
        int index = row * columns + column;
        if (floats != null) {
            floats[index] = (float) value;
        } else {
            doubles[index] = value;
        }
    }

    /** The backing array in C order when the dtype is FLOAT, else null. */
    float[] floats() {
        return floats;
    }

    /** The backing array in C order when the dtype is DOUBLE, else null. */
    double[] doubles() {
        return doubles;
    }

    INDArray toArray() {
        long[] shape = {rows, columns};
        return floats != null ? Nd4j.create(floats, shape, DataType.FLOAT) : Nd4j.create(doubles, shape, DataType.DOUBLE);
    }
}
