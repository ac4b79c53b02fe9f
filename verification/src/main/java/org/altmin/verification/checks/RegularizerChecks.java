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
    /**
     * Kink points per prox-identity subgradient check ({@link #subgradientAtKinks}), each at the 5 steps of
     * {@link FunctionChecks#STEPS}; the first is always the zero matrix.
     */
    public static final int KINK_TRIES = 40;
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
     * The subgradient at kinks, where random points rarely land: {@code s = subgradient(W)} must satisfy
     * {@code W = prox_{Omega/t}(W + s/t)} (s in the subdifferential) at the points of {@link #kinkSampler}: the
     * zero matrix, W with exact zeros, and prox outputs (where the prox is piecewise, e.g. soft-thresholded zeros).
     */
    public static Verdict subgradientAtKinks(Regularizer omega, long seed, int tries) {
        return FunctionChecks.subgradientByProx("regularizer.subgradientAtKinks", omega::subgradient, omega::prox,
                kinkSampler(omega), seed, tries);
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
                subgradientAtKinks(omega, seed, KINK_TRIES),
                proxOptimality(omega, seed, PROX_TRIES),
                proxNonexpansive(omega, seed, NONEXPANSIVE_TRIES));
    }

    /**
     * Kink points of a random shape: the zero matrix on the first draw, then in turn a {@link TestPoints#matrix} with
     * each entry zeroed with probability 1/2, and {@code prox(V, t)} of a {@link TestPoints#matrix} V at a step t of
     * {@link FunctionChecks#STEPS} (the prox maps a whole region onto a kink: L1's soft threshold gives exact zeros).
     */
    static Function<SplittableRandom, INDArray> kinkSampler(Regularizer omega) {
        int[] draws = {0};
        return rng -> {
            int rows = 1 + rng.nextInt(MAX_DIMENSION);
            int cols = 1 + rng.nextInt(MAX_DIMENSION);
            int kind = draws[0]++ == 0 ? 0 : 1 + rng.nextInt(2);
            if (kind == 0) {
                return org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, rows, cols);
            }
            INDArray w = TestPoints.matrix(rng, rows, cols);
            if (kind == 1) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        if (rng.nextBoolean()) {
                            w.putScalar(i, j, 0.0);
                        }
                    }
                }
                return w;
            }
            return omega.prox(w, FunctionChecks.STEPS[rng.nextInt(FunctionChecks.STEPS.length)]);
        };
    }

    /** Any shape, a fresh one per draw. */
    static Function<SplittableRandom, INDArray> shapeSampler() {
        return rng -> TestPoints.matrix(rng, 1 + rng.nextInt(MAX_DIMENSION), 1 + rng.nextInt(MAX_DIMENSION));
    }
}
