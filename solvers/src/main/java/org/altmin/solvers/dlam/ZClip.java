package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DLAM's z_l update for a hidden layer, equation 4 (Wang et al., arXiv:1811.04187):
 * {@code z_l = min(max(B1, W_l a_{l-1} + b_l), B2)}, where {@code [B1, B2]} is the exact preimage
 * {@code {z : h(z) - eps <= a_l^k <= h(z) + eps}} ({@code QuasilinearActivation.preimageBounds}). For a quasilinear
 * h this set is an interval, so the clip is the exact minimizer of {@code phi + I} over z_l and decreases F by at
 * least {@code (rho/2)||z^{k+1} - z^k||^2}; the step reports {@code stepParameter = rho}. Under an eps schedule
 * the band is that of eps_{k-1} ({@link DlamContext#epsilonOfA()}), for which a_l^k is feasible.
 */
public final class ZClip implements BlockUpdate<DlamContext> {
    /** The registered name. */
    public static final String NAME = "z-clip";

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        INDArray z = ctx.state().z(l);
        INDArray u = ctx.scratch(l, 0).assign(ctx.wa(l)).addiColumnVector(ctx.state().b(l));
        INDArray lower = ctx.scratch(l, 1);
        INDArray upper = ctx.scratch(l, 2);
        ctx.problem().activation(l).preimageBounds(ctx.state().a(l), ctx.epsilonOfA(), lower, upper);
        Transforms.max(u, lower, false);
        Transforms.min(u, upper, false);
        double stepSq = u.squaredDistance(z);
        z.assign(u);
        return new BlockStep(stepSq, 0, ctx.rho(), false, 0L);
    }
}
