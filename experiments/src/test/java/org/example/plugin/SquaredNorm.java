package org.example.plugin;

import org.altmin.api.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Omega(W) = (lambda/2)||W||_F^2. */
public final class SquaredNorm implements Regularizer {
    public static final String NAME = "test-l2";
    private final double lambda;

    public SquaredNorm(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public double value(INDArray w) {
        double norm = w.norm2Number().doubleValue();
        return 0.5 * lambda * norm * norm;
    }

    @Override
    public void prox(INDArray v, double t, INDArray out) {
        out.assign(v.mul(t / (t + lambda)));
    }

    @Override
    public void subgradient(INDArray w, INDArray out) {
        out.assign(w.mul(lambda));
    }
}
