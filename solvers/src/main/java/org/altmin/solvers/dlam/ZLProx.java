package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ProxReport;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DLAM's z_L update, equation 5 (Wang et al., arXiv:1811.04187): {@code z_L = argmin_z R(z; y) +
 * (rho/2)||z - W_L a_{L-1} - b_L||^2}, the loss's proximal map at {@code W_L a_{L-1} + b_L} with parameter rho
 * ({@code Loss.prox}), warm-started from the current z_L. An exact prox decreases F by at least
 * {@code (rho/2)||dz||^2}; the step reports {@code stepParameter = rho} and, as {@code trials}, the prox's inner
 * iterations (0 for a closed form). A prox that did not converge is counted in {@link #unconverged()}.
 */
public final class ZLProx implements BlockUpdate<DlamContext>, org.altmin.solvers.core.Resumable {
    /** The registered name. */
    public static final String NAME = "zl-prox";

    private int unconverged;

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        INDArray z = ctx.state().z(l);
        INDArray u = ctx.buffer("prox-point", l).assign(ctx.wa(l)).addiColumnVector(ctx.state().b(l));
        INDArray old = ctx.buffer("previous", l).assign(z);
        ProxReport report = ctx.problem().loss().prox(u, ctx.problem().data().y(), ctx.rho(), z);
        if (!report.converged()) {
            unconverged++;
        }
        double stepSq = Fused.difference(z, old, ctx.buffer("residual", l));
        return new BlockStep(stepSq, report.iterations(), ctx.rho(), false, 0L);
    }

    /** How many calls had a prox that did not meet its tolerance. */
    public int unconverged() {
        return unconverged;
    }

    /** Saves {@link #unconverged()} as {@code unconverged}. */
    @Override
    public void save(org.altmin.solvers.core.Snapshot out) {
        out.put("unconverged", (long) unconverged);
    }

    @Override
    public void restore(org.altmin.solvers.core.Snapshot in) {
        unconverged = in.integer("unconverged", 0, Integer.MAX_VALUE);
    }
}
