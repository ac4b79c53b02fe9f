package org.altmin.solvers.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockReport;

/**
 * What one iteration of a {@link Session} did: its block reports in the order they ran, the method's diagnostics of
 * the iteration (e.g. ADMM's primal residual, mDLAM's extrapolation weight), and, when a block failed or produced a
 * non-finite value, a diagnosis naming the variable, the layer and the iteration (the blocks after it did not run).
 *
 * @param blocks      the blocks that ran, then those that did not (with zero steps), so every report has the same set
 * @param diagnostics by name, in the method's order
 * @param failure     null when the iteration completed
 */
public record Sweep(List<BlockReport> blocks, Map<String, Double> diagnostics, String failure) {
    public Sweep {
        blocks = List.copyOf(blocks);
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** A completed iteration. */
    public static Sweep of(List<BlockReport> blocks, Map<String, Double> diagnostics) {
        return new Sweep(blocks, diagnostics, null);
    }

    /** This sweep with a failure (if it has none yet). */
    public Sweep withFailure(String diagnosis) {
        return failure != null ? this : new Sweep(blocks, diagnostics, diagnosis);
    }
}
