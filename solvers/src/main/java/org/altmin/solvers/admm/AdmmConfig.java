package org.altmin.solvers.admm;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Params;
import org.altmin.api.Validate;
import org.altmin.solvers.common.Initialization;

/**
 * The hyperparameters of the ADMM of G. Taylor, R. Burmeister, Z. Xu, B. Singh, A. Patel and T. Goldstein,
 * "Training Neural Networks Without Gradients: A Scalable ADMM Approach" (ICML 2016), validated on construction;
 * each default is a named constant.
 *
 * @param beta                the weight beta_l of every penalty {@code beta_l ||z_l - W_l a_{l-1}||^2} (one value for
 *                            every layer), {@code > 0}
 * @param gamma               the weight gamma_l of every penalty {@code gamma_l ||a_l - h_l(z_l)||^2} ({@code l < L}), {@code > 0}
 * @param ridge               the relative Tikhonov term of the least-squares W update: {@code W_l = z_l a^T (a a^T +
 *                            delta I)^{-1}} with {@code delta = ridge * trace(a a^T) / n_{l-1}} ({@code a = a_{l-1}}),
 *                            {@code >= 0}. The paper's {@code z_l a^+} is the limit {@code ridge -> 0}; with
 *                            {@code ridge = 0} a singular {@code a a^T} is solved by the SVD pseudo-inverse, which is
 *                            exactly {@code z_l a^+}
 * @param warmStartIterations the number of first iterations without the multiplier update (lambda stays 0), the
 *                            optional "warm start" of the paper; 0 runs Algorithm 1 literally from the first iteration
 * @param initScheme          the distribution of W^0 (see {@link Initialization}); z^0 and a^0 are its forward pass
 * @param initScale           the multiplier on the init's standard deviation
 *
 * <p><b>Sources of the defaults.</b> Taylor et al. report beta = 1 and gamma = 10 as typical values for their
 * experiments ({@link #PAPER_BETA}, {@link #PAPER_GAMMA}); here those values learn slowly. The defaults (beta 0.001,
 * gamma 1, 10 warm-start iterations) are the setting selected for 784-100-100-10 on MNIST and Fashion-MNIST by the
 * committed search {@code experiments/studies/tune-admm.yaml} (beta x gamma x warm start, 200 iterations, selected
 * on a validation split held out from the training set, with the same protocol and grid size as DLAM's search);
 * for 784-10-10-10 the same search selects beta 0.01 and gamma 0.1 (the DLAM paper's study,
 * {@code altmin study paper}, runs that setting there). Why a small beta helps: the multiplier enters only through
 * {@code <z_L, lambda>} and the W_L update ignores it, so for the output layer lambda accumulates
 * {@code beta (z_L^k - z_L^0)} projected on the features' row space, which acts like a proximal term
 * {@code beta ||(W_L - W_L^0) a||^2} pulling W_L back toward its start; a small beta, and a warm start that lets
 * the first iterations fit before lambda moves, weaken that pull. The penalties and the loss all sum over
 * samples, so beta and gamma do not depend on N. ridge = 1e-6 was chosen, not tuned: enough to keep the normal
 * equations positive definite when a_{l-1} has dead units or constant-zero pixels (MNIST's border), far below the
 * eigenvalues that carry signal, so it stands in for the pseudo-inverse rather than regularizing; the products are
 * formed in double precision, so FLOAT data do not put rounding noise at that level. XAVIER init: the same
 * initial weights as DLAM's default, so that the two compare from one start.
 */
public record AdmmConfig(
        double beta,
        double gamma,
        double ridge,
        int warmStartIterations,
        Initialization.Scheme initScheme,
        double initScale) {
    /** The component name in messages, e.g. {@code "admm.beta must be > 0 and finite, found -1.0"}. */
    static final String COMPONENT = "admm";

    public static final double DEFAULT_BETA = 1e-3;
    public static final double DEFAULT_GAMMA = 1.0;
    public static final double DEFAULT_RIDGE = 1e-6;
    public static final int DEFAULT_WARM_START_ITERATIONS = 10;
    public static final Initialization.Scheme DEFAULT_INIT_SCHEME = Initialization.Scheme.XAVIER;
    public static final double DEFAULT_INIT_SCALE = 1.0;

    public AdmmConfig {
        Validate.positive(COMPONENT, "beta", beta);
        Validate.positive(COMPONENT, "gamma", gamma);
        Validate.nonNegative(COMPONENT, "ridge", ridge);
        if (warmStartIterations < 0) {
            throw InvalidParameterException.of(COMPONENT, "warmStartIterations", warmStartIterations, ">= 0");
        }
        if (initScheme == null) {
            throw InvalidParameterException.of(COMPONENT, "init", "null", "one of HE, XAVIER, UNIT");
        }
        Validate.positive(COMPONENT, "initScale", initScale);
    }

    /** The values Taylor et al. report as typical, beta = 1 and gamma = 10. */
    public static final double PAPER_BETA = 1.0;
    public static final double PAPER_GAMMA = 10.0;

    /** Every default. */
    public static AdmmConfig defaults() {
        return new AdmmConfig(DEFAULT_BETA, DEFAULT_GAMMA, DEFAULT_RIDGE, DEFAULT_WARM_START_ITERATIONS,
                DEFAULT_INIT_SCHEME, DEFAULT_INIT_SCALE);
    }

    /**
     * Reads the config from the optimizer's parameters: the numbers {@code beta, gamma, ridge, initScale}, the
     * integer {@code warmStartIterations} and {@code init} by name ({@code he}, {@code xavier} or {@code unit}, in any
     * case).
     */
    public static AdmmConfig fromParams(Params p) {
        return new AdmmConfig(
                p.get("beta", DEFAULT_BETA),
                p.get("gamma", DEFAULT_GAMMA),
                p.get("ridge", DEFAULT_RIDGE),
                p.getInt("warmStartIterations", DEFAULT_WARM_START_ITERATIONS),
                p.getEnum("init", DEFAULT_INIT_SCHEME),
                p.get("initScale", DEFAULT_INIT_SCALE));
    }

    /** A copy with other penalty weights. */
    public AdmmConfig withPenalties(double newBeta, double newGamma) {
        return new AdmmConfig(newBeta, newGamma, ridge, warmStartIterations, initScheme, initScale);
    }

    /** A copy with another ridge. */
    public AdmmConfig withRidge(double newRidge) {
        return new AdmmConfig(beta, gamma, newRidge, warmStartIterations, initScheme, initScale);
    }

    /** A copy with another warm start. */
    public AdmmConfig withWarmStart(int iterations) {
        return new AdmmConfig(beta, gamma, ridge, iterations, initScheme, initScale);
    }

    /** Whether iteration k (1-based) updates the multiplier. */
    public boolean updatesMultiplierAt(int k) {
        return k > warmStartIterations;
    }
}
