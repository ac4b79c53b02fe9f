package org.altmin.experiments.data;

import java.util.Arrays;

/**
 * The content of one IDX file (the MNIST format): unsigned bytes with their dimensions.
 *
 * @param dims the dimensions, outermost first (e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels)
 * @param data the unsigned bytes in file order, {@code product(dims)} of them
 */
public record IdxFile(int[] dims, byte[] data) {
    /** The outermost dimension: the number of items. */
    public int count() {
        return dims[0];
    }

    /** The size of one item: the product of all but the outermost dimension (1 for labels). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /** Item {@code i}, element {@code j}, as an unsigned value in [0, 255]. */
    public int unsigned(int item, int element) {
        return data[item * itemSize() + element] & 0xFF;
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dims);
    }
}
