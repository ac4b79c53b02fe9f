package org.example.block;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.solvers.dlam.DlamContext;
import org.altmin.solvers.dlam.WBacktrack;
import org.altmin.solvers.dlam.ZClip;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Planted violations of the block contracts, each a plausible mistake in a researcher's block, written with public
 * API only. {@code PlantedBlocksTest} asserts that {@code BlockChecks} catches each by the named check.
 */
final class PlantedBlocks {
    private PlantedBlocks() {}

    /** Factor by which the loose acceptance tests below exceed Algorithm 2's and 3's. */
    static final double LOOSENESS = 1.5;

    /**
     * Algorithm 2 with the acceptance test {@code rho ||D a||^2 <= 1.5 theta ||D||^2} instead of
     * {@code <= theta ||D||^2}: F then decreases only by {@code theta ||D||^2 - (rho/2)||D a||^2 >= (theta/4)||D||^2},
     * not the {@code (theta/2)||D||^2} it reports (Lemma 3). Caught by block.descent.
     */
    static final class LooseW implements BlockUpdate<DlamContext> {
        @Override
        public BlockStep update(DlamContext ctx, int l) {
            INDArray w = ctx.state().w(l);
            INDArray a = ctx.state().a(l - 1);
            double rho = ctx.rho();
            INDArray r = ctx.state().z(l).sub(ctx.wa(l)).subiColumnVector(ctx.state().b(l));
            INDArray grad = r.mmul(a.transpose()).muli(-rho);
            double theta = ctx.initialTheta(l);
            for (int trial = 1; trial <= ctx.config().maxBacktracks(); trial++) {
                INDArray zeta = ctx.problem().regularizer(l).prox(w.sub(grad.div(theta)), theta);
                INDArray d = zeta.sub(w);
                double dSq = sq(d);
                INDArray da = d.mmul(a);
                if (rho * sq(da) <= LOOSENESS * theta * dSq) {
                    w.assign(zeta);
                    ctx.wa(l).addi(da);
                    return new BlockStep(dSq, trial, theta, false, 0L);
                }
                theta *= ctx.config().gamma();
            }
            return new BlockStep(0.0, ctx.config().maxBacktracks(), theta, true, 0L);
        }
    }

    /** Algorithm 3 with the loose test {@code rho ||W_{l+1} d||^2 <= 1.5 t ||d||^2}. Caught by block.descent. */
    static final class LooseA implements BlockUpdate<DlamContext> {
        @Override
        public BlockStep update(DlamContext ctx, int l) {
            INDArray a = ctx.state().a(l);
            INDArray wNext = ctx.state().w(l + 1);
            double rho = ctx.rho();
            double eps = ctx.epsilon();
            INDArray r = ctx.state().z(l + 1).sub(ctx.wa(l + 1)).subiColumnVector(ctx.state().b(l + 1));
            INDArray grad = wNext.transpose().mmul(r).muli(-rho);
            INDArray hz = ctx.problem().activation(l).apply(ctx.state().z(l));
            double t = ctx.initialTau(l);
            for (int trial = 1; trial <= ctx.config().maxBacktracks(); trial++) {
                INDArray beta = Transforms.min(Transforms.max(a.sub(grad.div(t)), hz.sub(eps), true), hz.add(eps), false);
                INDArray d = beta.sub(a);
                double dSq = sq(d);
                INDArray wd = wNext.mmul(d);
                if (rho * sq(wd) <= LOOSENESS * t * dSq) {
                    a.assign(beta);
                    ctx.wa(l + 1).addi(wd);
                    return new BlockStep(dSq, trial, t, false, 0L);
                }
                t *= ctx.config().eta();
            }
            return new BlockStep(0.0, ctx.config().maxBacktracks(), t, true, 0L);
        }
    }

    /** The paper's W step, reporting twice its accepted theta: over-claims Lemma 3's modulus. */
    static final class OverclaimingW implements BlockUpdate<DlamContext> {
        private final WBacktrack inner = new WBacktrack();

        @Override
        public BlockStep update(DlamContext ctx, int l) {
            BlockStep s = inner.update(ctx, l);
            return new BlockStep(s.stepSquared(), s.trials(), 2 * s.modulus(), s.fallback(), 0L);
        }
    }

    /**
     * A gradient step {@code W - grad/theta} with Algorithm 2's acceptance test, but without the prox of Omega:
     * for a nonzero regularizer not a solution of the W subproblem (Lemma 1). Caught by block.optimality.
     */
    static final class NoProxW implements BlockUpdate<DlamContext> {
        @Override
        public BlockStep update(DlamContext ctx, int l) {
            INDArray w = ctx.state().w(l);
            INDArray a = ctx.state().a(l - 1);
            double rho = ctx.rho();
            INDArray r = ctx.state().z(l).sub(ctx.wa(l)).subiColumnVector(ctx.state().b(l));
            INDArray grad = r.mmul(a.transpose()).muli(-rho);
            // The largest curvature of phi, so that the step is a descent step for phi.
            double theta = Math.max(ctx.initialTheta(l), rho * sq(a));
            INDArray d = grad.div(-theta);
            INDArray da = d.mmul(a);
            w.addi(d);
            ctx.wa(l).addi(da);
            return new BlockStep(sq(d), 1, theta, false, 0L);
        }
    }

    /** The paper's W step, reporting half its squared step. Caught by block.stepReport. */
    static final class HalfStepW implements BlockUpdate<DlamContext> {
        private final WBacktrack inner = new WBacktrack();

        @Override
        public BlockStep update(DlamContext ctx, int l) {
            BlockStep s = inner.update(ctx, l);
            return new BlockStep(0.5 * s.stepSquared(), s.trials(), s.modulus(), s.fallback(), 0L);
        }
    }

    /** The paper's W step that forgets the product cache {@code W_l a_{l-1}}. Caught by block.invariants. */
    static final class StaleCacheW implements BlockUpdate<DlamContext> {
        private final WBacktrack inner = new WBacktrack();

        @Override
        public BlockStep update(DlamContext ctx, int l) {
            INDArray before = ctx.wa(l).dup();
            BlockStep s = inner.update(ctx, l);
            ctx.wa(l).assign(before);
            return s;
        }
    }

    /**
     * The z step clipping to the preimage of the band of 2 eps: z leaves the constraint set, F becomes +inf.
     * Caught by block.descent (F after is not finite).
     */
    static final class WideZ implements BlockUpdate<DlamContext> {
        @Override
        public BlockStep update(DlamContext ctx, int l) {
            INDArray z = ctx.state().z(l);
            INDArray before = z.dup();
            INDArray lower = z.ulike();
            INDArray upper = z.ulike();
            ctx.problem().activation(l).preimageBounds(ctx.state().a(l), 2 * ctx.epsilon(), lower, upper);
            INDArray u = ctx.wa(l).addColumnVector(ctx.state().b(l));
            z.assign(Transforms.min(Transforms.max(u, lower, true), upper, false));
            return new BlockStep(sq(z.sub(before)), 0, ctx.rho(), false, 0L);
        }
    }

    /** The shipped z block; used to check that a correct block passes next to the planted ones. */
    static BlockUpdate<DlamContext> shippedZ() {
        return new ZClip();
    }

    static double sq(INDArray x) {
        double n = x.norm2Number().doubleValue();
        return n * n;
    }
}
