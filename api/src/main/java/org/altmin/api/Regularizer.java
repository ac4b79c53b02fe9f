package org.altmin.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A regularizer {@code Omega_l(W_l)} of DLAM's Problem 2. Assumption 2 of the paper asks it to be proper,
 * closed and convex. DLAM's W update (Algorithm 2, equation 1) needs its proximal map; the verification of
 * Property 3 needs a subgradient.
 */
public interface Regularizer {
    /** {@code Omega(W)}. */
    double value(INDArray w);

    /** {@code out <- argmin_U Omega(U) + (t/2)||U - v||_F^2}, for {@code t > 0}. {@code out} may be {@code v}. */
    void prox(INDArray v, double t, INDArray out);

    /** Writes a subgradient of Omega at w into out: the minimum-norm element of the subdifferential. */
    void subgradient(INDArray w, INDArray out);

    /** Allocating convenience form of {@link #prox(INDArray, double, INDArray)}. */
    default INDArray prox(INDArray v, double t) {
        INDArray out = v.ulike();
        prox(v, t, out);
        return out;
    }

    /** Allocating convenience form of {@link #subgradient(INDArray, INDArray)}. */
    default INDArray subgradient(INDArray w) {
        INDArray out = w.ulike();
        subgradient(w, out);
        return out;
    }
}
