package org.altmin.api;

/**
 * One block of one iteration in an {@link IterationReport}: which variable of which layer moved, and how.
 *
 * @param variable    the variable's name as the optimizer's paper writes it: {@code W}, {@code b}, {@code z},
 *                    {@code a}, or a method's own (e.g. {@code lambda})
 * @param layer       1-based layer index l
 * @param stepSquared {@code ||x^{k+1} - x^k||^2}
 * @param trials      backtracking trials or inner iterations (0 for a closed form)
 * @param modulus     the coefficient of the step in the method's descent inequality (see {@link BlockStep#modulus()}),
 *                    {@code NaN} where none is stated
 * @param fallback    true when backtracking hit its cap and the block kept its value
 * @param nanos       wall time of the update
 */
public record BlockReport(String variable, int layer, double stepSquared, int trials, double modulus, boolean fallback,
        long nanos) {
    public BlockReport {
        if (variable == null || variable.isBlank()) {
            throw InvalidParameterException.of("BlockReport", "variable", variable, "a non-blank name");
        }
        if (layer < 1) {
            throw InvalidParameterException.of("BlockReport", "layer", layer, ">= 1");
        }
    }

    /** The report of {@code step} for {@code variable} of {@code layer}. */
    public static BlockReport of(String variable, int layer, BlockStep step) {
        return new BlockReport(variable, layer, step.stepSquared(), step.trials(), step.modulus(), step.fallback(),
                step.nanos());
    }

    /** A block that has not moved (e.g. every block at iteration 0). */
    public static BlockReport none(String variable, int layer) {
        return of(variable, layer, BlockStep.NONE);
    }

    /** {@code (modulus/2) ||step||^2}, this block's share of the descent inequality; 0 without a modulus or a step. */
    public double descentShare() {
        return Double.isNaN(modulus) || stepSquared == 0 ? 0.0 : modulus / 2 * stepSquared;
    }

    /** The block's key, e.g. {@code W_1}, used for column and series names. */
    public String key() {
        return variable + "_" + layer;
    }
}
