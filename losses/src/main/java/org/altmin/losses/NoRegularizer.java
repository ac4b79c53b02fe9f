package org.altmin.losses;

import org.altmin.api.Params;
import org.altmin.api.Regularizer;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code Omega(W) = 0}: no regularization. Its prox is the identity and its only subgradient is 0. Stateless and
 * thread-safe.
 */
public record NoRegularizer() implements Regularizer {
    /** The registered name. */
    public static final String NAME = "none";

    private static final String COMPONENT = "NoRegularizer";

    /** Builds the regularizer from its (empty) parameter set. */
    public static NoRegularizer fromParams(Params params) {
        return new NoRegularizer();
    }

    @Override
    public double value(INDArray w) {
        Checks.array(COMPONENT, "w", w);
        return 0.0;
    }

    @Override
    public void prox(INDArray v, double t, INDArray out) {
        Checks.array(COMPONENT, "v", v);
        Validate.positive(COMPONENT, "t", t);
        Checks.like(COMPONENT, "out", out, v);
        if (out != v) {
            out.assign(v);
        }
    }

    @Override
    public void subgradient(INDArray w, INDArray out) {
        Checks.array(COMPONENT, "w", w);
        Checks.like(COMPONENT, "out", out, w);
        out.assign(0);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
