package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.State;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DLAM's a_l update for {@code l < L}, Algorithm 3 with equation 6 (Wang et al., arXiv:1811.04187):
 * {@code beta = Proj_[h(z_l^{k+1}) - eps, h(z_l^{k+1}) + eps](a^k - grad/t)} with
 * {@code grad = rho W_{l+1}^T (W_{l+1} a^k + b_{l+1} - z_{l+1})}, where layer l+1's values are those of
 * iteration k (its blocks run after this one), t starting at mu and multiplied by eta until
 * {@code phi(beta) <= Q(beta; t)}.
 *
 * <p>As for W, phi is quadratic in a_l, so the test is exactly {@code rho ||W_{l+1}(beta - a^k)||^2 <= t
 * ||beta - a^k||^2}, one GEMM per trial whose accepted result updates the cache {@code W_{l+1} a_l}. The
 * projection onto the band is computed as {@code h + clip(v - h, -eps', eps')} with eps' = eps less a few units of
 * roundoff (relative to {@code max|h|}), so that the rounded result is inside the band in floating point. After
 * {@link DlamConfig#maxBacktracks()} failed trials a_l keeps a^k ({@code fallback=true}).
 *
 * <p>When layer l+1's residual is exactly zero, so is the gradient, and its GEMM is skipped. The projection still
 * runs: under an eps schedule a^k can lie outside the new, narrower band around {@code h(z_l^{k+1})}, and then
 * {@code beta = Proj(a^k) != a^k}. Each trial's band projection, {@code delta} and {@code ||delta||^2} are one
 * fused pass ({@link Fused#bandTrial}).
 */
public final class ABacktrack implements BlockUpdate<DlamContext> {
    /** The registered name. */
    public static final String NAME = "a-backtrack";

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        DlamConfig cfg = ctx.config();
        double rho = ctx.rho();
        double eps = ctx.epsilon();
        INDArray a = ctx.state().a(l);
        INDArray wNext = ctx.state().w(l + 1);
        INDArray grad = ctx.buffer("gradient", l);
        INDArray hz = ctx.buffer("h-of-z", l);
        INDArray delta = ctx.buffer("step", l);
        INDArray beta = ctx.buffer("beta", l);
        INDArray rNext = ctx.buffer("residual", l + 1);
        INDArray wDelta = ctx.buffer("step-product", l + 1);
        // grad_a phi_{l+1} = rho W^T (W a + b - z) = -rho W^T r_{l+1}; exactly 0 when the residual is (null below).
        if (ctx.residualSquared(l + 1, rNext) == 0) {
            grad = null;
        } else {
            INDArray wNextT = ctx.workspace().buffer("transposed", l + 1, wNext.columns(), wNext.rows())
                    .assign(wNext.transpose());
            ctx.gemm().gemm(wNextT, rNext, grad, false, false, -rho, 0.0);
        }
        ctx.problem().activation(l).apply(ctx.state().z(l), hz);
        // The band is narrowed by a few units of roundoff so that the rounded a = h + clip(...) lies inside
        // [h - eps, h + eps] also when recomputed as |a - h| (as the activations' preimage checks do): with
        // h = 1, eps = 0.05, fl(1 - 0.05) = 0.95 gives |0.95 - 1| = 0.050000000000000044 > eps.
        double unit = a.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? 0x1.0p-53 : 0x1.0p-24;
        double band = eps - 8 * unit * (1 + eps + Fused.maxAbs(hz));
        double t = ctx.initialTau(l);
        for (int trial = 1; trial <= cfg.maxBacktracks(); trial++) {
            // beta = Proj(a - grad/t) as h + clip(v - h, -eps, eps); kept apart from delta = beta - a so that the
            // accepted a is exactly the projection (a + delta can round a few ulps outside the band). One pass.
            double deltaSq = Fused.bandTrial(a, grad, hz, -1.0 / t, band, beta, delta);
            if (deltaSq == 0) {
                // beta = a^k: the test holds trivially; skip the GEMM.
                return new BlockStep(0.0, trial, t, false, 0L);
            }
            ctx.gemm().gemm(wNext, delta, wDelta, false, false, 1.0, 0.0);
            if (rho * Fused.sumOfSquares(wDelta) <= t * deltaSq) {
                a.assign(beta);
                ctx.wa(l + 1).addi(wDelta);
                ctx.steps().accept(State.A, l, t);
                return new BlockStep(deltaSq, trial, t, false, 0L);
            }
            t *= cfg.eta();
        }
        // The cap: keep the previous value (the limit of the step as the parameter grows without bound); report
        // the last parameter tried, with a zero step, so Property 2's sum stays finite.
        return new BlockStep(0.0, cfg.maxBacktracks(), t / cfg.eta(), true, 0L);
    }
}
