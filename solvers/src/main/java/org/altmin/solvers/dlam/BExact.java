package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DLAM's b_l update, equations 2-3 (Wang et al., arXiv:1811.04187), solved exactly:
 * {@code b_l = mean over samples of (z_l - W_l a_{l-1})}.
 *
 * <p>Equation 3 takes a gradient step with Lipschitz constant rho, but with b broadcast over the N columns the
 * Lipschitz constant of {@code grad_b phi = -rho sum_j (z - W a - b)_j} is {@code rho N}, so the paper's step
 * would overshoot. Since phi is quadratic in b, its exact minimizer is the sample mean (the authors' code does
 * the same). It decreases F by exactly {@code (rho N / 2)||b^{k+1} - b^k||^2}, so the step reports
 * {@code stepParameter = rho N}, the descent modulus of Property 2 for this block (at least the paper's rho).
 */
public final class BExact implements BlockUpdate<DlamContext> {
    /** The registered name. */
    public static final String NAME = "b-exact";

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        INDArray b = ctx.state().b(l);
        INDArray diff = ctx.scratch(l, 0).assign(ctx.state().z(l)).subi(ctx.wa(l));
        INDArray mean = ctx.scratchB(l, 0);
        Nd4j.getExecutioner().exec(new Sum(diff, mean, 1));
        mean.divi(ctx.samples());
        INDArray step = ctx.scratchB(l, 1).assign(mean).subi(b.reshape(b.length()));
        double stepSq = Ops.sq(step);
        b.assign(mean.reshape(b.shape()));
        return new BlockStep(stepSq, 0, ctx.rho() * ctx.samples(), false, 0L);
    }
}
