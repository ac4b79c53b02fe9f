package org.altmin.losses;

import org.altmin.api.Params;
import org.altmin.api.Regularizer;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The lasso penalty {@code Omega(W) = lambda ||W||_1 = lambda sum |W_ij|}, proper, closed and convex (Assumption 2
 * of DLAM, J. Wang, F. Yu, X. Chen and L. Zhao, arXiv:1811.04187), for sparse weights.
 *
 * <p>Prox: soft thresholding at {@code tau = lambda / t} (R. Tibshirani, regression shrinkage and selection via the
 * lasso, J. R. Stat. Soc. B 58(1), 1996; D. Donoho, de-noising by soft-thresholding, IEEE Trans. Inf. Theory
 * 41(3), 1995), {@code prox(v)_ij = sign(v_ij) max(|v_ij| - tau, 0)}, computed as
 * {@code v - clamp(v, -tau, tau)}. Subgradient: the minimum-norm element of the subdifferential,
 * {@code lambda sign(W)} with {@code sign(0) = 0} (the subdifferential at a zero entry is
 * {@code [-lambda, lambda]}).
 *
 * <p><b>Not thread-safe</b> when the prox is called in place ({@code out == v}): it then clamps into a scratch
 * array kept per shape and data type (so DLAM's loop allocates nothing). {@code out} may be the input.
 */
public final class L1Regularizer implements Regularizer {
    /** The registered name. */
    public static final String NAME = "l1";
    /** Default weight (parameter "lambda"). */
    public static final double DEFAULT_LAMBDA = 1e-4;

    private static final String COMPONENT = "L1Regularizer";

    private final double lambda;
    private final Scratch scratch = new Scratch();

    /** The regularizer with the default weight. */
    public L1Regularizer() {
        this(DEFAULT_LAMBDA);
    }

    /** @param lambda the weight, {@code >= 0} */
    public L1Regularizer(double lambda) {
        this.lambda = Validate.nonNegative(COMPONENT, "lambda", lambda);
    }

    /** Builds the regularizer from parameter "lambda". */
    public static L1Regularizer fromParams(Params params) {
        return new L1Regularizer(params.get("lambda", DEFAULT_LAMBDA));
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public double value(INDArray w) {
        Checks.array(COMPONENT, "w", w);
        return lambda * w.norm1Number().doubleValue();
    }

    @Override
    public void prox(INDArray v, double t, INDArray out) {
        Checks.array(COMPONENT, "v", v);
        Validate.positive(COMPONENT, "t", t);
        Checks.like(COMPONENT, "out", out, v);
        SoftThreshold.apply(v, lambda / t, out, scratch);
    }

    @Override
    public void subgradient(INDArray w, INDArray out) {
        Checks.array(COMPONENT, "w", w);
        Checks.like(COMPONENT, "out", out, w);
        SoftThreshold.sign(w, out).muli(lambda);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof L1Regularizer that && Double.compare(lambda, that.lambda) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lambda);
    }

    @Override
    public String toString() {
        return NAME + "(lambda=" + lambda + ")";
    }
}
