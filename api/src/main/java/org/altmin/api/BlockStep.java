package org.altmin.api;

/**
 * What one block update did, as the {@link BlockUpdate} returns it; the optimizer adds the variable, the layer and
 * the time to make a {@link BlockReport}.
 *
 * @param stepSquared {@code ||x^{k+1} - x^k||^2} of the block
 * @param trials      backtracking trials (1 when the first trial was accepted; 0 for a step without a search; the
 *                    inner iterations of an iterative prox)
 * @param modulus     the coefficient {@code c} with which the step enters the method's descent inequality, {@code
 *                    F(before) - F(after) >= (c/2)||step||^2}: for DLAM the accepted theta of W (Algorithm 2), tau
 *                    of a (Algorithm 3), {@code rho N} for b, rho for z; {@code NaN} where the method states none
 * @param fallback    true when backtracking hit its cap and the block kept its previous value
 * @param nanos       wall time of the update (the optimizer measures it; blocks return 0)
 */
public record BlockStep(double stepSquared, int trials, double modulus, boolean fallback, long nanos) {
    /** A block that was not updated. */
    public static final BlockStep NONE = new BlockStep(0.0, 0, Double.NaN, false, 0L);

    /** This step with the given wall time. */
    public BlockStep withNanos(long elapsed) {
        return new BlockStep(stepSquared, trials, modulus, fallback, elapsed);
    }
}
