package org.altmin.api;

/**
 * What one block update did, for the per-iteration report and the sufficient-descent check (Property 2).
 *
 * @param stepSquared  {@code ||x^{k+1} - x^k||^2} of the block
 * @param trials       backtracking trials (1 when the first trial was accepted; 0 for a step without a search)
 * @param stepParameter the accepted curvature parameter: theta for W (Algorithm 2), tau/t for a (Algorithm 3),
 *                     rho for b and z; {@code NaN} where none applies
 * @param fallback     true when backtracking hit its cap and the block kept its previous value
 * @param nanos        wall time of the update
 */
public record BlockStep(double stepSquared, int trials, double stepParameter, boolean fallback, long nanos) {
    /** A block that was not updated (e.g. a_L, which DLAM does not have). */
    public static final BlockStep NONE = new BlockStep(0.0, 0, Double.NaN, false, 0L);
}
