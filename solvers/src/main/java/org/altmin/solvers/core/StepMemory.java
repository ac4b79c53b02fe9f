package org.altmin.solvers.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The accepted step parameters of backtracking blocks (DLAM's theta of Algorithm 2 and tau of Algorithm 3), one per
 * (variable, layer), for warm starts: the next search starts at {@code max(initial, last / growth)} instead of at
 * {@code initial}. Separate from the blocks so that a block serves several methods and a method can set it between
 * trial updates (mDLAM). Not thread-safe.
 */
public final class StepMemory {
    private final Map<String, double[]> accepted = new HashMap<>();
    private final int layers;

    public StepMemory(int layers) {
        this.layers = layers;
    }

    /**
     * The first parameter to try: {@code initial}, or with {@code warm} {@code max(initial, last / growth)} once a value
     * was accepted.
     */
    public double initial(String variable, int layer, double initial, double growth, boolean warm) {
        double last = last(variable, layer);
        return warm && Double.isFinite(last) ? Math.max(initial, last / growth) : initial;
    }

    /** Records the accepted parameter. */
    public void accept(String variable, int layer, double value) {
        accepted.computeIfAbsent(variable, v -> nan())[layer] = value;
    }

    /** The last accepted parameter, NaN before any. */
    public double last(String variable, int layer) {
        double[] values = accepted.get(variable);
        return values == null ? Double.NaN : values[layer];
    }

    private double[] nan() {
        double[] values = new double[layers + 1];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
