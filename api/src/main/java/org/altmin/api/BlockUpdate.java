package org.altmin.api;

/**
 * One block step of an alternating-minimization method: DLAM's W, b, z or a update for one layer, an ADMM update, or
 * a researcher's own. A small single-method strategy (as jMetal's component algorithms or commons-math's
 * UpdateAction): the method is a loop over these, and a researcher swaps one by registering another under a name.
 *
 * <p>The context type {@code C} is what the block reads and writes (for DLAM, the interface
 * {@code org.altmin.solvers.dlam.DlamContext}: the problem, the variables, the coupling cache, a workspace of named
 * buffers, the step memory). An implementation may keep its own scratch buffers between calls; it must not allocate
 * N-sized arrays per call.
 *
 * @param <C> the method's context type
 */
@FunctionalInterface
public interface BlockUpdate<C> {
    /**
     * Updates one block of layer {@code layer} (1-based, as in the paper) in place.
     *
     * @return what the step did: squared step size, backtracking trials, descent modulus
     */
    BlockStep update(C context, int layer);

    /**
     * Checks, before a run allocates or writes anything, that this block can serve layer {@code layer} of
     * {@code problem} (e.g. an exact least-squares W block needs a quadratic regularizer); nothing by default.
     *
     * @throws InvalidParameterException naming the block, what is incompatible, and what would do
     */
    default void prepare(Problem problem, int layer) {}
}
