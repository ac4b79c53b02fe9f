package org.example.block;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Problem;
import org.altmin.solvers.common.QuadraticRegularizer;
import org.altmin.solvers.dlam.DlamContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A researcher's W block, written outside altmin's packages with public API only (the README's "Writing an
 * optimizer or a block"): steepest descent on {@code phi(W) = (rho/2)||z - W a - b||^2} with the exact step along
 * {@code -G}, {@code G = -rho r a^T}: {@code alpha = ||G||^2 / (rho ||G a||^2)}. phi is quadratic, so F decreases by
 * exactly {@code (alpha/2)||G||^2 = (1/(2 alpha))||W^{k+1} - W^k||^2}: the modulus is {@code 1/alpha}.
 */
public final class LineSearchW implements BlockUpdate<DlamContext> {
    public static final String NAME = "w-line-search";

    /** Exact only without a regularizer: rejected before the run otherwise. */
    @Override
    public void prepare(Problem problem, int layer) {
        var lambda = QuadraticRegularizer.weight(problem.regularizer(layer), problem.dtype());
        if (lambda.isEmpty() || lambda.getAsDouble() != 0) {
            throw new InvalidParameterException(NAME, "regularizer", "must be none (Omega = 0), found "
                    + problem.regularizer(layer).getClass().getSimpleName());
        }
    }

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        INDArray w = ctx.state().w(l);
        INDArray a = ctx.state().a(l - 1);
        INDArray r = ctx.buffer("residual", l);
        if (ctx.residualSquared(l, r) == 0) {
            return new BlockStep(0.0, 0, Double.NaN, false, 0L);
        }
        INDArray g = ctx.matrix("line-search-gradient", l);
        ctx.gemm().gemm(r, a, g, false, true, -ctx.rho(), 0.0);
        INDArray ga = ctx.buffer("step-product", l);
        ctx.gemm().gemm(g, a, ga, false, false, 1.0, 0.0);
        double gg = g.squaredDistance(g.mul(0));
        double gaSq = ga.squaredDistance(ga.mul(0));
        if (gaSq == 0) {
            return new BlockStep(0.0, 0, Double.NaN, false, 0L);
        }
        double alpha = gg / (ctx.rho() * gaSq);
        w.subi(g.mul(alpha));
        // Keep the coupling cache exact: W^{k+1} a = W^k a - alpha G a.
        ctx.wa(l).subi(ga.muli(alpha));
        return new BlockStep(alpha * alpha * gg, 1, 1 / alpha, false, 0L);
    }
}
