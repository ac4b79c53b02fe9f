package org.altmin.verification.checks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.altmin.api.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks of a {@link Regularizer} {@code Omega(W)} against Assumption 2 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao,
 * arXiv:1811.04187, section 4.1: proper, closed, convex) and its contract: the subgradient used by Property 3
 * and the proximal map of the W update (Algorithm 2), {@code argmin_U Omega(U) + (t/2)||U - V||^2}. W ranges over
 * {@link TestPoints#matrix} of random shapes up to {@link #MAX_DIMENSION} square. Tolerances are those of
 * {@link FunctionChecks}.
 */
public final class RegularizerChecks {
    /** Segments per convexity check. */
    public static final int CONVEXITY_TRIES = 200;
    /** Pairs per subgradient-inequality check. */
    public static final int SUBGRADIENT_TRIES = 200;
    /** Prox points per optimality check. */
    public static final int PROX_TRIES = 40;
    /** Pairs per nonexpansiveness check. */
    public static final int NONEXPANSIVE_TRIES = 60;
    /** Largest number of rows or columns of a test W. */
    public static final int MAX_DIMENSION = 6;

    private RegularizerChecks() {}

    /** Jensen's inequality on random segments of random-shaped W. */
    public static Verdict convexity(Regularizer omega, long seed, int tries) {
        return FunctionChecks.convexity("regularizer.convexity", omega::value, shapeSampler(), seed, tries);
    }

    /** {@code Omega(V) >= Omega(W) + <subgradient(W), V - W>}. */
    public static Verdict subgradientInequality(Regularizer omega, long seed, int tries) {
        return FunctionChecks.subgradientInequality("regularizer.subgradient", omega::value, omega::subgradient,
                shapeSampler(), seed, tries);
    }

    /**
     * The prox beats nearby points on {@code Omega(U) + (t/2)||U - V||^2} and {@code t (V - U)} is a subgradient
     * at U (subgradient inequality; the stated subgradient may be a different element of the subdifferential, so
     * it is not compared directly).
     */
    public static Verdict proxOptimality(Regularizer omega, long seed, int tries) {
        return FunctionChecks.proxOptimality("regularizer.proxOptimality", omega::value, omega::prox, null,
                shapeSampler(), seed, tries);
    }

    /** {@code ||prox(V1) - prox(V2)|| <= ||V1 - V2||}. */
    public static Verdict proxNonexpansive(Regularizer omega, long seed, int tries) {
        return FunctionChecks.proxNonexpansive("regularizer.proxNonexpansive", omega::prox, shapeSampler(), seed,
                tries);
    }

    /** Every check above with its default try count. */
    public static List<Verdict> all(Regularizer omega, long seed) {
        return List.of(
                convexity(omega, seed, CONVEXITY_TRIES),
                subgradientInequality(omega, seed, SUBGRADIENT_TRIES),
                proxOptimality(omega, seed, PROX_TRIES),
                proxNonexpansive(omega, seed, NONEXPANSIVE_TRIES));
    }

    /** Any shape, a fresh one per draw. */
    static Function<SplittableRandom, INDArray> shapeSampler() {
        return rng -> TestPoints.matrix(rng, 1 + rng.nextInt(MAX_DIMENSION), 1 + rng.nextInt(MAX_DIMENSION));
    }
}
