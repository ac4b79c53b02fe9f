package org.altmin.losses;

import org.altmin.api.Params;
import org.altmin.api.Regularizer;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The elastic net {@code Omega(W) = lambda1 ||W||_1 + (lambda2/2)||W||_F^2} (H. Zou and T. Hastie, regularization
 * and variable selection via the elastic net, J. R. Stat. Soc. B 67(2), 2005), proper, closed and convex
 * (Assumption 2 of DLAM, arXiv:1811.04187).
 *
 * <p>Prox: {@code argmin_U Omega(U) + (t/2)||U - v||^2 = soft(v, lambda1/t) * t / (t + lambda2)} entrywise (the
 * optimality condition {@code 0 in lambda1 d|u| + lambda2 u + t (u - v)} is a soft threshold of {@code t v} at
 * {@code lambda1}, scaled by {@code 1/(t + lambda2)}). Subgradient: the minimum-norm element
 * {@code lambda1 sign(W) + lambda2 W} with {@code sign(0) = 0}.
 *
 * <p><b>Not thread-safe</b> when called in place ({@code out} the input): it then uses a scratch array kept per
 * shape and data type. {@code out} may be the input.
 */
public final class ElasticNetRegularizer implements Regularizer {
    /** The registered name. */
    public static final String NAME = "elastic-net";
    /** Default l1 weight (parameter "lambda1"). */
    public static final double DEFAULT_LAMBDA1 = 1e-4;
    /** Default l2 weight (parameter "lambda2"). */
    public static final double DEFAULT_LAMBDA2 = 1e-4;

    private static final String COMPONENT = "ElasticNetRegularizer";

    private final double lambda1;
    private final double lambda2;
    private final Scratch scratch = new Scratch();

    /** The regularizer with the default weights. */
    public ElasticNetRegularizer() {
        this(DEFAULT_LAMBDA1, DEFAULT_LAMBDA2);
    }

    /**
     * @param lambda1 the l1 weight, {@code >= 0}
     * @param lambda2 the l2 weight, {@code >= 0}
     */
    public ElasticNetRegularizer(double lambda1, double lambda2) {
        this.lambda1 = Validate.nonNegative(COMPONENT, "lambda1", lambda1);
        this.lambda2 = Validate.nonNegative(COMPONENT, "lambda2", lambda2);
    }

    /** Builds the regularizer from parameters "lambda1" and "lambda2". */
    public static ElasticNetRegularizer fromParams(Params params) {
        return new ElasticNetRegularizer(params.get("lambda1", DEFAULT_LAMBDA1), params.get("lambda2", DEFAULT_LAMBDA2));
    }

    public double lambda1() {
        return lambda1;
    }

    public double lambda2() {
        return lambda2;
    }

    @Override
    public double value(INDArray w) {
        Checks.array(COMPONENT, "w", w);
        double norm2 = w.norm2Number().doubleValue();
        return lambda1 * w.norm1Number().doubleValue() + 0.5 * lambda2 * norm2 * norm2;
    }

    @Override
    public void prox(INDArray v, double t, INDArray out) {
        Checks.array(COMPONENT, "v", v);
        Validate.positive(COMPONENT, "t", t);
        Checks.like(COMPONENT, "out", out, v);
        SoftThreshold.apply(v, lambda1 / t, out, scratch);
        out.muli(t / (t + lambda2));
    }

    @Override
    public void subgradient(INDArray w, INDArray out) {
        Checks.array(COMPONENT, "w", w);
        Checks.like(COMPONENT, "out", out, w);
        // sign(w) overwrites out, so an in-place call keeps w in a scratch copy first.
        INDArray source = out == w ? scratch.like(0, w).assign(w) : w;
        SoftThreshold.sign(source, out).muli(lambda1);
        Nd4j.exec(new Axpy(source, out, out, lambda2));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ElasticNetRegularizer that
                && Double.compare(lambda1, that.lambda1) == 0 && Double.compare(lambda2, that.lambda2) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(lambda1) + Double.hashCode(lambda2);
    }

    @Override
    public String toString() {
        return NAME + "(lambda1=" + lambda1 + ", lambda2=" + lambda2 + ")";
    }
}
