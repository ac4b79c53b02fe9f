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
public final class StepMemory implements Resumable {
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

    /** Saves each accepted parameter as the number {@code <variable>_<layer>} (NaN where none was accepted yet). */
    @Override
    public void save(Snapshot out) {
        for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(accepted).entrySet()) {
            for (int l = 1; l <= layers; l++) {
                out.put(e.getKey() + "_" + l, e.getValue()[l]);
            }
        }
    }

    /** Restores what {@link #save} saved: every {@code <variable>_<layer>} number of the snapshot. */
    @Override
    public void restore(Snapshot in) {
        accepted.clear();
        for (String name : in.numberNames("")) {
            int cut = name.lastIndexOf('_');
            int layer = cut < 0 ? -1 : parseLayer(name.substring(cut + 1));
            if (layer < 1 || layer > layers) {
                throw org.altmin.api.InvalidParameterException.of("checkpoint", "step memory entry", "'" + name + "'",
                        "<variable>_<layer> with layer in [1, " + layers + "]");
            }
            accepted.computeIfAbsent(name.substring(0, cut), v -> nan())[layer] = in.number(name);
        }
    }

    private static int parseLayer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private double[] nan() {
        double[] values = new double[layers + 1];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
