package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.State;
import org.altmin.api.Regularizer;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DLAM's W_l update, Algorithm 2 with equation 1 (Wang et al., arXiv:1811.04187): the proximal-gradient step
 * {@code zeta = prox_{Omega_l/theta}(W^k - grad/theta)} with {@code grad = rho (W^k a_{l-1} + b_l - z_l) a_{l-1}^T},
 * theta starting at nu and multiplied by gamma until {@code phi(zeta) <= P(zeta; theta)}.
 *
 * <p>Since phi is quadratic in W, {@code phi(zeta) - P(zeta; theta) = (rho/2)||D a||^2 - (theta/2)||D||^2} with
 * {@code D = zeta - W^k}: the test is exactly {@code rho ||D a_{l-1}||^2 <= theta ||D||^2}, one GEMM per trial,
 * and the accepted {@code D a_{l-1}} updates the cache {@code W_l a_{l-1}} (see {@link DlamContext}). After
 * {@link DlamConfig#maxBacktracks()} failed trials W keeps W^k (the limit theta -> infinity of the step) and the
 * step reports {@code fallback=true}.
 *
 * <p>When the residual {@code z_l - W_l a_{l-1} - b_l} is exactly zero (its squared norm comes with it, in one
 * pass), the gradient is zero and its GEMM is skipped. This is the common case for the hidden layers under a fixed
 * eps from the feasible start (see the package documentation). The step is then {@code prox_{Omega/theta}(W^k) -
 * W^k}: zero for Omega = 0, which the {@code dSq == 0} branch returns at once, but not for a regularizer that
 * shrinks W (l1, l2), so the backtracking still runs.
 *
 * <p><b>Layer 1's trials without the big GEMM.</b> a_0 = x never changes, so {@code ||D x||^2 = <D G, D>} with
 * the Gram matrix {@code G = x x^T} ({@code n_0 x n_0}, computed once per run by {@link DlamContext#inputGram()}):
 * a trial then costs {@code 2 n_1 n_0^2} flops (0.12 GFLOP on MNIST) instead of {@code 2 n_1 n_0 N} (9.4 GFLOP),
 * and only the accepted step computes {@code D x}, for the product cache. The test is the same quadratic form
 * evaluated in another order, so it accepts the same theta up to rounding (in FLOAT the two evaluations differ
 * by a relative ~1e-6; a test compares both paths in DOUBLE). Used when {@code n_0 <= N / 4} (G no larger than a
 * quarter of x); {@code new WBacktrack(false)} always multiplies by x.
 */
public final class WBacktrack implements BlockUpdate<DlamContext> {
    /** The registered name. */
    public static final String NAME = "w-backtrack";

    private final boolean inputGram;

    /** The block, using the Gram matrix of x for layer 1's trials where it is smaller than x (see above). */
    public WBacktrack() {
        this(true);
    }

    /** @param inputGram whether layer 1's trials may use {@code ||D x||^2 = <D x x^T, D>} */
    public WBacktrack(boolean inputGram) {
        this.inputGram = inputGram;
    }

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        DlamConfig cfg = ctx.config();
        double rho = ctx.rho();
        INDArray w = ctx.state().w(l);
        INDArray a = ctx.state().a(l - 1);
        Regularizer omega = ctx.problem().regularizer(l);
        INDArray r = ctx.buffer("residual", l);
        INDArray da = ctx.buffer("step-product", l);
        INDArray grad = ctx.matrix("W-gradient", l);
        INDArray zeta = ctx.matrix("W-zeta", l);
        INDArray d = ctx.matrix("W-step", l);
        // grad_W phi = rho (W a + b - z) a^T = -rho r a^T: exactly 0 when r is (null below), without the GEMM.
        if (ctx.residualSquared(l, r) == 0) {
            grad = null;
        } else {
            ctx.gemm().gemm(r, a, grad, false, true, -rho, 0.0);
        }
        boolean gram = inputGram && l == 1 && 4L * a.rows() <= a.columns();
        double theta = ctx.initialTheta(l);
        for (int trial = 1; trial <= cfg.maxBacktracks(); trial++) {
            // The W-sized passes as plain loops (Fused): as separate ND4J ops each would wait for a thread wake-up.
            Fused.scaledAdd(grad, -1.0 / theta, w, d);
            omega.prox(d, theta, zeta);
            double dSq = Fused.difference(zeta, w, d);
            if (dSq == 0) {
                // zeta = W^k: the test holds trivially (0 <= 0) and D a = 0, so skip the GEMM. This is every
                // iteration's case for W_1 with a fixed eps: z_1 - W_1 x - b_1 stays 0 after the first iteration.
                return new BlockStep(0.0, trial, theta, false, 0L);
            }
            double dASq;
            if (gram) {
                INDArray dg = ctx.matrix("W-gram-product", l);
                ctx.gemm().gemm(d, ctx.inputGram(), dg, false, false, 1.0, 0.0);
                dASq = Fused.dot(dg, d);
            } else {
                ctx.gemm().gemm(d, a, da, false, false, 1.0, 0.0);
                dASq = Fused.sumOfSquares(da);
            }
            if (rho * dASq <= theta * dSq) {
                if (gram) {
                    ctx.gemm().gemm(d, a, da, false, false, 1.0, 0.0);
                }
                w.assign(zeta);
                ctx.wa(l).addi(da);
                ctx.steps().accept(State.W, l, theta);
                return new BlockStep(dSq, trial, theta, false, 0L);
            }
            theta *= cfg.gamma();
        }
        // The cap: keep the previous value (the limit of the step as the parameter grows without bound); report
        // the last parameter tried, with a zero step, so Property 2's sum stays finite.
        return new BlockStep(0.0, cfg.maxBacktracks(), theta / cfg.gamma(), true, 0L);
    }
}
