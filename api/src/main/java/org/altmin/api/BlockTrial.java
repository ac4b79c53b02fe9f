package org.altmin.api;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One block update of an alternating-minimization method, set up on a small problem so that the block's own
 * contracts can be checked before any run (the verification module's {@code BlockChecks}, {@code altmin check
 * block}). F restricted to the block's variable x is split as {@code phi(x) + g(x)}: phi the terms x enters
 * smoothly (for DLAM the coupling terms), g the rest (a regularizer, the loss, or the indicator of a constraint set),
 * given by its proximal map. With these, DLAM's Lemma 1 (the optimality condition of each block's subproblem) and
 * Lemma 3 (the block's sufficient decrease, {@code F(before) - F(after) >= (c/2)||x^{k+1} - x^k||^2} with the
 * {@link BlockStep#modulus()} c the block reports) are checked without knowing the method (J. Wang, F. Yu, X. Chen,
 * L. Zhao, arXiv:1811.04187, section 4.2).
 *
 * <p>A trial serves one {@link #update()}: read the point, the gradient and F, update, read them again. Not
 * thread-safe.
 */
public interface BlockTrial {
    /** The block, its layer and the problem it runs on, for a counterexample. */
    String description();

    /** F at the current point, computed afresh (not from the method's caches); +inf where a constraint fails. */
    double objective();

    /** A copy of the block's variable at the current point. */
    INDArray point();

    /** {@code grad phi} at the current point (a fresh array of the variable's shape). */
    INDArray smoothGradient();

    /** {@code prox_{g/t}(v) = argmin_u g(u) + (t/2)||u - v||^2}, {@code t > 0} (a fresh array). */
    INDArray prox(INDArray v, double t);

    /** Runs the block once on the current point, in place, as the method would. */
    BlockStep update();

    /**
     * A broken invariant of the method's own state after the update (for DLAM, the cached products
     * {@code W_l a_{l-1}} no longer equal to fresh ones), described; empty when all hold.
     */
    default Optional<String> invariantViolation() {
        return Optional.empty();
    }
}
