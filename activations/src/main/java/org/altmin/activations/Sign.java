package org.altmin.activations;

import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The binarizing sign {@code h(z) = +1} for {@code z >= 0}, {@code -1} for {@code z < 0}, registered as
 * {@value #NAME} with parameter {@code ste} (true or false, default false). The conventions are those of {@link Step},
 * with levels -1 and +1:
 *
 * <p>Non-differentiable activations are the motivation of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao, deep learning
 * alternating minimization, arXiv:1811.04187); the sign is nondecreasing, hence quasilinear (Assumption 3).
 *
 * <p><b>Value at 0:</b> {@code h(0) = +1} (also for -0.0), unlike {@code Math.signum}, so that h is binary and
 * the preimage of +1 is the closed {@code [0, +inf)}.
 *
 * <p><b>Derivative (for the SGD baselines only):</b> 0 everywhere (also at 0). With {@code ste = 1}, the
 * straight-through estimator of BinaryNet (I. Hubara et al., Binarized Neural Networks, NeurIPS 2016; Y. Bengio,
 * N. Léonard, A. Courville, arXiv:1308.3432): 1 for {@code |z| <= 1}, else 0, the derivative of hard tanh.
 *
 * <p><b>Preimage (equation 4).</b> The band contains -1 iff {@code |a + 1| <= eps} and +1 iff
 * {@code |a - 1| <= eps}: both: {@code [-inf, +inf]}; only +1: {@code [0, +inf]}; only -1: the open
 * {@code {z < 0}}, closed as {@code [-inf, nextDown(0)]} with the largest representable number below 0 in the
 * type ({@link FloatingPoint#largestBelowZero}), exact in floating point; neither: empty, rejected.
 *
 * @param straightThrough whether {@link #derivative} is the straight-through estimator instead of 0
 */
public record Sign(boolean straightThrough) implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "sign";
    /** By default the derivative is the true one, 0. */
    public static final boolean DEFAULT_STRAIGHT_THROUGH = false;

    private static final TwoLevelStep SIGN = new TwoLevelStep("Sign", -1.0, 1.0);

    /** With the default derivative (0 everywhere). */
    public Sign() {
        this(DEFAULT_STRAIGHT_THROUGH);
    }

    /** Builds it from parameter {@code ste} (true or false, default false). */
    public static Sign fromParams(Params params) {
        return new Sign(params.getBoolean("ste", DEFAULT_STRAIGHT_THROUGH));
    }

    @Override
    public double apply(double z) {
        return SIGN.apply(z);
    }

    @Override
    public double derivative(double z) {
        return SIGN.derivative(z, straightThrough);
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        return SIGN.lowerBound(a, epsilon);
    }

    @Override
    public double upperBound(double a, double epsilon) {
        return SIGN.upperBound(a, epsilon);
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        SIGN.apply(z, out);
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        SIGN.derivative(z, out, straightThrough);
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        SIGN.preimageBounds(a, epsilon, lower, upper);
    }
}
