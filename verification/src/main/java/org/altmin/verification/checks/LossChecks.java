package org.altmin.verification.checks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.altmin.api.Loss;
import org.altmin.api.ProxReport;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks of a {@link Loss} {@code R(z; y)} against Assumption 2 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao,
 * arXiv:1811.04187, section 4.1: R proper, closed, convex in z) and against its own contract: gradient, and the
 * proximal map of equation 5, {@code argmin_u R(u; y) + (rho/2)||u - v||^2}. The target y is fixed per check
 * (one-hot, as {@link TestPoints#oneHot} draws it); z ranges over {@link TestPoints#matrix} of its shape.
 * Tolerances are those of {@link FunctionChecks}; the prox checks widen them by the residual the prox reports in
 * its {@link ProxReport} (an iterative prox is exact only to its own tolerance), and fail a prox that reports
 * {@code converged == false}.
 */
public final class LossChecks {
    /** Segments per convexity check. */
    public static final int CONVEXITY_TRIES = 200;
    /** Points per finite-difference gradient check. */
    public static final int GRADIENT_TRIES = 50;
    /** Pairs per subgradient-inequality check. */
    public static final int SUBGRADIENT_TRIES = 200;
    /** Prox points per optimality check (each against {@link FunctionChecks#PROX_NEIGHBOURS} + 1 points). */
    public static final int PROX_TRIES = 40;
    /** Pairs per nonexpansiveness check. */
    public static final int NONEXPANSIVE_TRIES = 60;
    /** Rays per lower-boundedness check ({@link FunctionChecks#boundedBelow}). */
    public static final int BOUNDED_BELOW_TRIES = 40;
    /** Default sample count N of the test points. */
    public static final int DEFAULT_SAMPLES = 5;

    private LossChecks() {}

    /** Jensen's inequality in z for the fixed target y. */
    public static Verdict convexity(Loss loss, INDArray y, long seed, int tries) {
        return FunctionChecks.convexity("loss.convexity", z -> loss.value(z, y), sampler(y), seed, tries);
    }

    /** {@code gradient} against central differences; for {@code isSmooth() == false} only away from kinks. */
    public static Verdict gradient(Loss loss, INDArray y, long seed, int tries) {
        return FunctionChecks.gradient("loss.gradient", z -> loss.value(z, y), z -> loss.gradient(z, y),
                loss.isSmooth(), sampler(y), seed, tries);
    }

    /** {@code R(z') >= R(z) + <gradient(z), z' - z>}: the gradient is a subgradient everywhere. */
    public static Verdict subgradientInequality(Loss loss, INDArray y, long seed, int tries) {
        return FunctionChecks.subgradientInequality("loss.subgradient", z -> loss.value(z, y),
                z -> loss.gradient(z, y), sampler(y), seed, tries);
    }

    /**
     * The prox of equation 5 is optimal: it beats nearby points on {@code R(u) + (rho/2)||u - v||^2}, and
     * {@code rho (v - u)} is a (sub)gradient of R at u (for a smooth loss also {@code ||grad R(u) + rho(u - v)||}
     * small). A prox that reports {@code converged == false} on a test point fails.
     */
    public static Verdict proxOptimality(Loss loss, INDArray y, long seed, int tries) {
        return FunctionChecks.proxOptimality("loss.proxOptimality", z -> loss.value(z, y), proxOf(loss, y),
                loss.isSmooth() ? z -> loss.gradient(z, y) : null, sampler(y), seed, tries);
    }

    /**
     * R is bounded below in z (Property 1 of DLAM needs F bounded below, and F's other terms are nonnegative): along
     * rays from random starts out to {@code |r| = 1e12}, R must not keep falling at a linear rate
     * ({@link FunctionChecks#boundedBelow}). The coercivity check of F in z_L cannot see this: the coupling term is
     * coercive in z_L whatever R is.
     */
    public static Verdict boundedBelow(Loss loss, INDArray y, long seed, int tries) {
        return FunctionChecks.boundedBelow("loss.boundedBelow", z -> loss.value(z, y), sampler(y), seed, tries);
    }

    /** {@code ||prox(v1) - prox(v2)|| <= ||v1 - v2||}. */
    public static Verdict proxNonexpansive(Loss loss, INDArray y, long seed, int tries) {
        return FunctionChecks.proxNonexpansive("loss.proxNonexpansive", proxOf(loss, y), sampler(y), seed, tries);
    }

    /** Every check above with its default try count, on a one-hot y of {@code classes x samples} drawn from seed. */
    public static List<Verdict> all(Loss loss, int classes, int samples, long seed) {
        Validate.atLeastOne("LossChecks", "classes", classes);
        Validate.atLeastOne("LossChecks", "samples", samples);
        INDArray y = TestPoints.oneHot(new SplittableRandom(seed), classes, samples);
        return List.of(
                convexity(loss, y, seed, CONVEXITY_TRIES),
                gradient(loss, y, seed, GRADIENT_TRIES),
                subgradientInequality(loss, y, seed, SUBGRADIENT_TRIES),
                proxOptimality(loss, y, seed, PROX_TRIES),
                proxNonexpansive(loss, y, seed, NONEXPANSIVE_TRIES),
                boundedBelow(loss, y, seed, BOUNDED_BELOW_TRIES));
    }

    /** z of the shape of y, from {@link TestPoints#matrix}. */
    static Function<SplittableRandom, INDArray> sampler(INDArray y) {
        long rows = y.rows();
        long cols = y.columns();
        return rng -> TestPoints.matrix(rng, rows, cols);
    }

    /** The allocating prox; a report of non-convergence becomes an exception, which fails the check. */
    static FunctionChecks.ProxMap proxOf(Loss loss, INDArray y) {
        return new FunctionChecks.ProxMap() {
            @Override
            public INDArray apply(INDArray v, double rho) {
                return applyWithResidual(v, rho).point();
            }

            @Override
            public FunctionChecks.Point applyWithResidual(INDArray v, double rho) {
                INDArray out = v.dup();
                ProxReport report = loss.prox(v, y, rho, out);
                if (report == null) {
                    throw new IllegalStateException("prox returned no ProxReport");
                }
                if (!report.converged()) {
                    throw new IllegalStateException("prox did not converge: " + report);
                }
                return new FunctionChecks.Point(out, report.residual());
            }
        };
    }
}
