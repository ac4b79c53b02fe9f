package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        // The row sums of z - W a in one pass, without materializing the difference (see Fused).
        double[] sums = new double[(int) b.length()];
        Fused.rowSumsOfDifference(ctx.state().z(l), ctx.wa(l), sums, ctx.buffer("residual", l));
        double stepSq = 0;
        for (int i = 0; i < sums.length; i++) {
            double old = b.getDouble(i);
            b.putScalar(i, sums[i] / ctx.samples());
            double step = b.getDouble(i) - old;   // the step actually taken, after rounding to b's type
            stepSq += step * step;
        }
        return new BlockStep(stepSq, 0, ctx.rho() * ctx.samples(), false, 0L);
    }
}
