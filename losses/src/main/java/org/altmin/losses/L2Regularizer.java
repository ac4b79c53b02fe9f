package org.altmin.losses;

import org.altmin.api.Params;
import org.altmin.api.Regularizer;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight decay {@code Omega(W) = (lambda/2)||W||_F^2}, proper, closed and convex as Assumption 2 of DLAM
 * (J. Wang, F. Yu, X. Chen and L. Zhao, arXiv:1811.04187) asks, and lambda-strongly convex for lambda > 0.
 *
 * <p>Prox (the W update of DLAM's Algorithm 2, equation 1): {@code argmin_U (lambda/2)||U||^2 + (t/2)||U - v||^2
 * = t v / (t + lambda)}. Gradient {@code lambda W}. Stateless and thread-safe; {@code out} may be the input.
 *
 * @param lambda the weight, {@code >= 0} (0 gives the zero regularizer)
 */
public record L2Regularizer(double lambda) implements Regularizer {
    /** The registered name. */
    public static final String NAME = "l2";
    /** Default weight (parameter "lambda"). */
    public static final double DEFAULT_LAMBDA = 1e-4;

    private static final String COMPONENT = "L2Regularizer";

    public L2Regularizer {
        Validate.nonNegative(COMPONENT, "lambda", lambda);
    }

    /** The regularizer with the default weight. */
    public L2Regularizer() {
        this(DEFAULT_LAMBDA);
    }

    /** Builds the regularizer from parameter "lambda". */
    public static L2Regularizer fromParams(Params params) {
        return new L2Regularizer(params.get("lambda", DEFAULT_LAMBDA));
    }

    @Override
    public double value(INDArray w) {
        Checks.array(COMPONENT, "w", w);
        double norm = w.norm2Number().doubleValue();
        return 0.5 * lambda * norm * norm;
    }

    @Override
    public void prox(INDArray v, double t, INDArray out) {
        Checks.array(COMPONENT, "v", v);
        Validate.positive(COMPONENT, "t", t);
        Checks.like(COMPONENT, "out", out, v);
        v.mul(t / (t + lambda), out);
    }

    @Override
    public void subgradient(INDArray w, INDArray out) {
        Checks.array(COMPONENT, "w", w);
        Checks.like(COMPONENT, "out", out, w);
        w.mul(lambda, out);
    }

    @Override
    public String toString() {
        return NAME + "(lambda=" + lambda + ")";
    }
}
