package org.altmin.api;

import java.util.List;

/**
 * A fully-connected network by its layer widths {@code n_0, n_1, ..., n_L}: {@code n_0} features in, {@code n_L}
 * outputs (classes), {@code L} weight layers with {@code W_l} of shape {@code n_l x n_{l-1}}.
 */
public record NetworkSpec(List<Integer> widths) {
    public NetworkSpec {
        if (widths == null || widths.size() < 2) {
            throw InvalidParameterException.of("NetworkSpec", "widths", widths, "at least 2 widths (input and output)");
        }
        for (int i = 0; i < widths.size(); i++) {
            Integer w = widths.get(i);
            if (w == null || w < 1) {
                throw InvalidParameterException.of("NetworkSpec", "widths[" + i + "]", w, ">= 1");
            }
        }
        widths = List.copyOf(widths);
    }

    public static NetworkSpec of(int... widths) {
        return new NetworkSpec(java.util.Arrays.stream(widths).boxed().toList());
    }

    /** L, the number of weight layers. */
    public int layers() {
        return widths.size() - 1;
    }

    /** {@code n_l}, for 0 &lt;= l &lt;= L. */
    public int width(int l) {
        return widths.get(l);
    }

    public int inputs() {
        return widths.get(0);
    }

    public int outputs() {
        return widths.get(widths.size() - 1);
    }
}
