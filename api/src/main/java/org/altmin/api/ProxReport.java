package org.altmin.api;

/**
 * How a proximal map was computed: the number of inner iterations (0 for a closed form), the final
 * optimality residual (0 for a closed form), and whether the inner method met its tolerance. A prox that
 * hits its iteration cap is reported, not hidden.
 */
public record ProxReport(int iterations, double residual, boolean converged) {
    /** A closed-form (exact) proximal map. */
    public static final ProxReport EXACT = new ProxReport(0, 0.0, true);
}
