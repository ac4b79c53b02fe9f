package org.altmin.solvers.dlam;

import java.util.Optional;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.kernels.BoundsKernel;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DLAM's z_l update for a hidden layer, equation 4 (Wang et al., arXiv:1811.04187):
 * {@code z_l = min(max(B1, W_l a_{l-1} + b_l), B2)}, where {@code [B1, B2]} is the exact preimage
 * {@code {z : h(z) - eps <= a_l^k <= h(z) + eps}} ({@code QuasilinearActivation.preimageBounds}). For a quasilinear
 * h this set is an interval, so the clip is the exact minimizer of {@code phi + I} over z_l and decreases F by at
 * least {@code (rho/2)||z^{k+1} - z^k||^2}; the step reports {@code stepParameter = rho}.
 *
 * <p><b>Under an eps schedule</b> (eps_k &lt; eps_{k-1}; outside Theorem 1), equation 4 uses the new eps_k, as the
 * authors' code does: this is what lets z_l, and through it the hidden layers, move (with a fixed eps they do not;
 * see the package documentation). a_l^k is only eps_{k-1}-feasible, so the band around it can miss h's range
 * (ReLU with {@code a < -eps_k}); such entries are first clamped to within {@code eps_k (1 - 1e-3)} of the range
 * {@code [h(-inf), h(+inf)]} (the nearest band that meets it; for a monotone h the range is that interval, up to
 * its endpoints). For an h whose range has gaps (step, sign) the band can still be empty; then the layer falls
 * back to eps_{k-1} ({@link DlamContext#epsilonOfA()}), whose preimage contains z_l^k. The a update that follows
 * projects a_l onto the eps_k band, so the iterate is eps_k-feasible again.
 *
 * <p><b>One pass.</b> The clamp, the bounds and the clip are each a pass over {@code n_l x N} arrays, two of them
 * writing arrays (the clamped a, the two bounds) that the next only reads back. When the activation offers a
 * {@link BoundsKernel} that accepts every entry (checked first, reading a alone), the three run as one pass
 * ({@link Fused#clampedClip}) with the same bits; otherwise, and always for an empty band, the three passes run.
 */
public final class ZClip implements BlockUpdate<DlamContext> {
    /** The registered name. */
    public static final String NAME = "z-clip";

    /** How far inside eps_k of h's range an out-of-reach a is clamped, relative to eps_k. */
    static final double RANGE_MARGIN = 1e-3;

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        INDArray z = ctx.state().z(l);
        INDArray a = ctx.state().a(l);
        QuasilinearActivation h = ctx.problem().activation(l);
        double eps = ctx.epsilon();
        boolean narrowed = eps < ctx.epsilonOfA();
        double[] reach = narrowed ? reach(h, eps) : new double[] {Double.NaN, Double.NaN};
        // One pass when the activation has a bounds kernel that accepts every entry (see Fused.clampedClip): the
        // clamp, the bounds and the clip without the arrays between them. Otherwise the three passes below.
        Optional<BoundsKernel> kernel = h.boundsKernel(eps);
        if (kernel.isPresent() && Fused.flat(a, ctx.wa(l), z)
                && Fused.boundsAccepted(a, reach[0], reach[1], kernel.get())) {
            double stepSq = Fused.clampedClip(a, reach[0], reach[1], kernel.get(), ctx.wa(l), ctx.state().b(l), z);
            return new BlockStep(stepSq, 0, ctx.rho(), false, 0L);
        }
        INDArray lower = ctx.buffer("lower", l);
        INDArray upper = ctx.buffer("upper", l);
        if (narrowed) {
            INDArray reachable = ctx.buffer("reachable", l);
            Fused.clamp(a, reach[0], reach[1], reachable);
            try {
                h.preimageBounds(reachable, eps, lower, upper);
            } catch (InvalidParameterException empty) {
                h.preimageBounds(a, ctx.epsilonOfA(), lower, upper);
            }
        } else {
            h.preimageBounds(a, eps, lower, upper);
        }
        // One pass: u = min(max(W a + b, B1), B2), the step ||u - z||^2, and z <- u (see Fused).
        double stepSq = Fused.clip(ctx.wa(l), ctx.state().b(l), lower, upper, z, ctx.buffer("residual", l));
        return new BlockStep(stepSq, 0, ctx.rho(), false, 0L);
    }

    /**
     * The clamp bounds of an out-of-reach a: within {@code eps (1 - RANGE_MARGIN)} of {@code [h(-inf), h(+inf)]},
     * NaN (not applied) for an infinite or unbounded end.
     */
    static double[] reach(QuasilinearActivation h, double eps) {
        double left = h.apply(-Double.MAX_VALUE);
        double right = h.apply(Double.MAX_VALUE);
        double lo = Math.min(left, right);
        double hi = Math.max(left, right);
        double reach = eps * (1 - RANGE_MARGIN);
        return new double[] {Double.isFinite(lo) && Math.abs(lo) < 1e30 ? lo - reach : Double.NaN,
            Double.isFinite(hi) && Math.abs(hi) < 1e30 ? hi + reach : Double.NaN};
    }
}
