package org.altmin.activations;

import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The binarizing (Heaviside) step {@code h(z) = 1} for {@code z >= 0}, {@code 0} for {@code z < 0}, registered
 * as {@value #NAME} with parameter {@code ste} (true or false, default false).
 *
 * <p>Non-differentiable activations are the motivation of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao, deep learning
 * alternating minimization, arXiv:1811.04187): it needs h only quasilinear (Assumption 3), which the step is
 * (nondecreasing), and uses h only through the preimage of equation 4, never through a gradient.
 *
 * <p><b>Value at 0:</b> {@code h(0) = 1} (and {@code h(-0.0) = 1}), so that the preimage of 1 is the closed
 * {@code [0, +inf)}.
 *
 * <p><b>Derivative (for the SGD baselines only):</b> 0 everywhere, the derivative where it exists (everywhere
 * but 0) taken also at 0, so SGD cannot train through a step. With {@code ste = 1}, instead the straight-through
 * estimator (Y. Bengio, N. Léonard, A. Courville, arXiv:1308.3432; the hard-tanh variant of I. Hubara et al.,
 * Binarized Neural Networks, NeurIPS 2016): {@code 1/2} for {@code |z| <= 1}, else 0, the derivative of the
 * surrogate {@code clip((z + 1) / 2, 0, 1)}. The flag changes only {@link #derivative}, never the value or the
 * bounds.
 *
 * <p><b>Preimage (equation 4).</b> The band {@code [a - eps, a + eps]} contains 0 iff {@code |a| <= eps} and 1
 * iff {@code |a - 1| <= eps}: both: {@code [-inf, +inf]}; only 1: {@code [0, +inf]}; only 0:
 * {@code {z < 0}}, which is open: its supremum 0 is not in it, so the upper bound is the largest representable
 * number below 0 ({@code Math.nextDown(0.0)} for the scalar method and DOUBLE arrays, {@code Math.nextDown(0f)}
 * for FLOAT arrays; {@link FloatingPoint#largestBelowZero}), which makes the bound exact in floating point;
 * neither: empty, rejected.
 *
 * @param straightThrough whether {@link #derivative} is the straight-through estimator instead of 0
 */
public record Step(boolean straightThrough) implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "step";
    /** By default the derivative is the true one, 0. */
    public static final boolean DEFAULT_STRAIGHT_THROUGH = false;

    private static final TwoLevelStep STEP = new TwoLevelStep("Step", 0.0, 1.0);

    /** With the default derivative (0 everywhere). */
    public Step() {
        this(DEFAULT_STRAIGHT_THROUGH);
    }

    /** Builds it from parameter {@code ste} (true or false, default false). */
    public static Step fromParams(Params params) {
        return new Step(params.getBoolean("ste", DEFAULT_STRAIGHT_THROUGH));
    }

    @Override
    public double apply(double z) {
        return STEP.apply(z);
    }

    @Override
    public double derivative(double z) {
        return STEP.derivative(z, straightThrough);
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        return STEP.lowerBound(a, epsilon);
    }

    @Override
    public double upperBound(double a, double epsilon) {
        return STEP.upperBound(a, epsilon);
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        STEP.apply(z, out);
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        STEP.derivative(z, out, straightThrough);
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        STEP.preimageBounds(a, epsilon, lower, upper);
    }
}
