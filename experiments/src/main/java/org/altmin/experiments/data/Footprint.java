package org.altmin.experiments.data;

/**
 * What loading a data set takes, estimated before loading ({@link DataSet#footprint}): the Java heap the loader
 * uses at its peak (raw file contents, parsed values, the host copy of the arrays) and the ND4J (off-heap) arrays
 * it creates.
 *
 * @param heapBytes    peak Java heap of the load
 * @param offHeapBytes ND4J arrays of the loaded data
 * @param what         what was counted, for messages (e.g. {@code "784 x 60000 + 784 x 10000 FLOAT"})
 */
public record Footprint(long heapBytes, long offHeapBytes, String what) {
    /** Bytes per element of {@code dtype}: 4 for FLOAT, 8 for DOUBLE. */
    public static long bytes(org.nd4j.linalg.api.buffer.DataType dtype) {
        return dtype.width();
    }

    /** {@code a * b}, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    public static long times(long a, long b) {
        return a == 0 || b <= Long.MAX_VALUE / a ? a * b : Long.MAX_VALUE;
    }

    /** {@code a + b}, saturating at {@link Long#MAX_VALUE}. */
    public static long plus(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
