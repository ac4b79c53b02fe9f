package org.altmin.solvers.admm;

import org.altmin.api.BlockStep;
import org.altmin.api.ProxReport;
import org.altmin.api.State;
import org.altmin.solvers.common.SymmetricSystems;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The five updates of one iteration of Algorithm 1 of G. Taylor et al., "Training Neural Networks Without
 * Gradients: A Scalable ADMM Approach" (ICML 2016, section 4), each the exact minimizer of the augmented Lagrangian
 * (their equation 3, with an optional regularizer)
 * <pre>
 *   L = R(z_L; y) + &lt;z_L, lambda&gt; + beta ||z_L - W_L a_{L-1}||^2
 *     + sum_{l&lt;L} [ gamma ||a_l - h_l(z_l)||^2 + beta ||z_l - W_l a_{l-1}||^2 ] (+ sum_l Omega_l(W_l))
 * </pre>
 * over its block (the multiplier update excepted), on an {@link AdmmContext}. {@link AdmmBlocks} wraps them as the
 * {@link org.altmin.api.BlockUpdate} strategies of a sweep. Each returns a {@link BlockStep} with the squared step,
 * {@code trials} 0 (closed forms; the prox's inner iterations for z_L) and {@link BlockStep#modulus()} NaN: ADMM
 * states no descent inequality (its {@link AdmmOptimizer#theory() theory} claims none), so no block has a modulus;
 * the penalty weights are the config's. The sweep fills in the time.
 */
public final class AdmmUpdates {
    private AdmmUpdates() {}

    /**
     * {@code W_l <- z_l a_{l-1}^+}: the least squares {@code argmin_W beta ||z_l - W a||^2 + Omega_l(W)}, solved as
     * {@code W = (z a^T)(a a^T + delta I)^{-1}} ({@link AdmmContext#shift}: the relative ridge plus
     * {@code lambda/(2 beta)} for an l2 Omega); for l = 1 as {@code z_1 x^+} with the pseudo-inverse of the fixed
     * input computed once ({@link AdmmContext#start()}). Then refreshes the cache {@code wa(l) = W_l a_{l-1}}.
     */
    public static BlockStep w(AdmmContext ctx, int l) {
        INDArray w = ctx.state().w(l);
        INDArray previous = ctx.previousW(l).assign(w);
        if (l == 1) {
            // a_0 = x is fixed: W_1 = z_1 x^+ with the pseudo-inverse computed once.
            ctx.gemm().gemm(ctx.state().z(1), ctx.pinvT(), w, false, true, 1.0, 0.0);
        } else {
            ctx.products(l);
            ctx.inverse(l).assign(Nd4j.createFromArray(
                    SymmetricSystems.inverse(ctx.gram(l).toDoubleMatrix(), ctx.shift(l))));
            ctx.gemm().gemm(ctx.cross(l), ctx.inverse(l), ctx.solved(l), false, false, 1.0, 0.0);
            w.assign(ctx.solved(l));
        }
        ctx.coupling().refresh(l);
        return closedForm(w.squaredDistance(previous));
    }

    private static BlockStep closedForm(double stepSquared) {
        return new BlockStep(stepSquared, 0, Double.NaN, false, 0L);
    }

    /**
     * {@code a_l <- (beta W^T W + gamma I)^{-1} (beta W^T z_{l+1} + gamma h_l(z_l))} with {@code W = W_{l+1}}: the
     * minimizer of {@code gamma ||a - h_l(z_l)||^2 + beta ||z_{l+1} - W_{l+1} a||^2}, for {@code l < L}. The
     * {@code n_l x n_l} system is inverted in double and applied to the {@code n_l x N} right-hand side by one GEMM.
     */
    public static BlockStep a(AdmmContext ctx, int l) {
        double beta = ctx.config().beta();
        double gamma = ctx.config().gamma();
        State s = ctx.state();
        INDArray next = s.w(l + 1);
        INDArray wd = ctx.wDouble(l + 1).assign(next);
        INDArray system = ctx.system(l);
        ctx.gemm().gemm(wd, wd, system, true, false, beta, 0.0);
        ctx.systemInverse(l).assign(Nd4j.createFromArray(SymmetricSystems.inverse(system.toDoubleMatrix(), gamma)));
        INDArray rhs = ctx.rhs(l);
        ctx.problem().activation(l).apply(s.z(l), rhs);
        // An explicit W^T: ND4J's transposed-A GEMM is slower at these shapes (see DLAM's context).
        INDArray wt = ctx.transposed(l).assign(next.transpose());
        ctx.gemm().gemm(wt, s.z(l + 1), rhs, false, false, beta, gamma);
        // The new a into scratch, then written over a with its step in one pass (Fused.replace).
        INDArray updated = ctx.scratch(l);
        ctx.gemm().gemm(ctx.systemInverse(l), rhs, updated, false, false, 1.0, 0.0);
        return closedForm(Fused.replace(updated, s.a(l)));
    }

    /**
     * {@code z_l <- argmin_z gamma ||a_l - h_l(z)||^2 + beta ||z - W_l a_{l-1}||^2} entrywise in closed form
     * ({@link ZClosedForm}), for {@code l < L}; reads the cache {@code wa(l)}.
     */
    public static BlockStep z(AdmmContext ctx, int l) {
        double step = ctx.zForm(l).apply(ctx.state().a(l), ctx.wa(l), ctx.state().z(l), ctx.config().gamma(),
                ctx.config().beta());
        return closedForm(step);
    }

    /**
     * {@code z_L <- argmin_z R(z; y) + <z, lambda> + beta ||z - W_L a_{L-1}||^2}. Completing the square,
     * {@code <z, lambda> + beta ||z - m||^2 = beta ||z - (m - lambda / (2 beta))||^2 + const}, so with
     * {@link org.altmin.api.Loss#prox}'s convention {@code argmin_u R(u) + (rho/2)||u - v||^2} this is
     * {@code prox(v = W_L a_{L-1} - lambda / (2 beta), rho = 2 beta)}, warm-started from the current z_L.
     * {@code trials} are the prox's inner iterations.
     */
    public static BlockStep zL(AdmmContext ctx) {
        int layers = ctx.layers();
        double beta = ctx.config().beta();
        INDArray z = ctx.state().z(layers);
        INDArray v = ctx.rhs(layers).assign(ctx.lambda()).muli(-1.0 / (2 * beta)).addi(ctx.wa(layers));
        INDArray old = ctx.scratch(layers).assign(z);
        ProxReport report = ctx.problem().loss().prox(v, ctx.problem().data().y(), 2 * beta, z);
        return new BlockStep(z.squaredDistance(old), report.iterations(), Double.NaN, false, 0L);
    }

    /**
     * {@code lambda <- lambda + beta (z_L - W_L a_{L-1})}, the paper's multiplier (Bregman) step; records the primal
     * residual {@code ||z_L - W_L a_{L-1}||} and the squared step in the context.
     *
     * @return the squared step {@code ||lambda^{k+1} - lambda^k||^2}, computed as {@code beta^2 ||z_L - W_L a_{L-1}||^2}
     */
    public static double multiplier(AdmmContext ctx) {
        double beta = ctx.config().beta();
        INDArray r = ctx.outputResidual();
        double residual = r.norm2Number().doubleValue();
        ctx.lambda().addi(r.muli(beta));
        double step = beta * beta * residual * residual;
        ctx.recordMultiplier(residual, step);
        return step;
    }

    /** A skipped multiplier update (warm start): records the primal residual and a zero step; lambda stays. */
    public static void skipMultiplier(AdmmContext ctx) {
        ctx.recordMultiplier(ctx.outputResidual().norm2Number().doubleValue(), 0.0);
    }
}
