package org.altmin.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The risk {@code R(z_L; y)} of DLAM's Problem 2 (J. Wang, F. Yu, X. Chen and L. Zhao, deep learning
 * alternating minimization, arXiv:1811.04187). Samples are columns: {@code z} and {@code y} are
 * {@code classes x N}.
 *
 * <p><b>Convention:</b> every loss <em>sums</em> over samples, so that it weighs each sample like the coupling
 * term {@code (rho/2)||z_l - W_l a_{l-1} - b_l||^2}, which also sums over samples. Per-sample means reported to
 * users are {@code value / N} and are labelled as such.
 *
 * <p>Assumption 2 of the paper asks R to be proper, closed and convex in z.
 */
public interface Loss {
    /** {@code R(z; y)}, summed over the N columns. */
    double value(INDArray z, INDArray y);

    /** Writes the gradient {@code grad_z R(z; y)} (a subgradient where R is not differentiable) into {@code out}. */
    void gradient(INDArray z, INDArray y, INDArray out);

    /**
     * The proximal map of DLAM's equation 5: {@code out <- argmin_u R(u; y) + (rho/2)||u - v||^2}.
     * On entry {@code out} holds a warm start (an iterative prox may use it; a closed form ignores it).
     *
     * @param rho the penalty, {@code > 0}
     * @return how the map was computed (iterations, residual, convergence)
     */
    ProxReport prox(INDArray v, INDArray y, double rho, INDArray out);

    /** Whether R is differentiable everywhere (so {@link #gradient} is a gradient, not just a subgradient). */
    default boolean isSmooth() {
        return true;
    }

    /** Allocating convenience form of {@link #gradient(INDArray, INDArray, INDArray)}. */
    default INDArray gradient(INDArray z, INDArray y) {
        INDArray out = z.ulike();
        gradient(z, y, out);
        return out;
    }

    /** Allocating convenience form of {@link #prox(INDArray, INDArray, double, INDArray)}, warm-started at v. */
    default INDArray prox(INDArray v, INDArray y, double rho) {
        INDArray out = v.dup();
        prox(v, y, rho, out);
        return out;
    }
}
