package org.altmin.api;

/**
 * One block step of an alternating-minimization solver: DLAM's W, b, z or a update for one layer, or an ADMM
 * block. A small single-method strategy (as jMetal's component algorithms or commons-math's UpdateAction):
 * the solver is a loop over these, and a researcher swaps one by registering another under a name.
 *
 * <p>The context type {@code C} is the solver's own (for DLAM, {@code org.altmin.solvers.dlam.DlamContext}: the
 * problem, the state W, b, z, a, the hyperparameters and reusable buffers). An implementation may keep its own
 * scratch buffers between calls; it must not allocate N-sized arrays per call.
 *
 * @param <C> the solver's context type
 */
@FunctionalInterface
public interface BlockUpdate<C> {
    /**
     * Updates one block of layer {@code layer} (1-based, as in the paper) in place.
     *
     * @return what the step did: squared step size, backtracking trials, accepted parameter, timing
     */
    BlockStep update(C context, int layer);
}
