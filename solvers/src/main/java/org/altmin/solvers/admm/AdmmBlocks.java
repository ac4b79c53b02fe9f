package org.altmin.solvers.admm;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.State;
import org.altmin.solvers.core.BlockSweep;

/**
 * The blocks of one iteration of Algorithm 1 of Taylor et al. (ICML 2016) as {@link BlockUpdate} strategies on an
 * {@link AdmmContext}, and the {@link BlockSweep} that runs them in the paper's order: for {@code l = 1..L-1} the
 * blocks {@code W_l}, {@code a_l}, {@code z_l}; then {@code W_L}, {@code z_L}, and the multiplier as the block
 * variable {@value AdmmContext#LAMBDA} of layer L. Each block is the corresponding {@link AdmmUpdates} method (the
 * math lives there); none has a descent modulus ({@link BlockStep#modulus()} NaN, see {@link AdmmUpdates}).
 *
 * <p>The sweep stops at the first non-finite step ({@code BlockSweep(steps, true)}) with a diagnosis naming the
 * variable, the layer and the iteration; a failing solve or prox (an {@link IllegalArgumentException},
 * {@link ArithmeticException} or {@link IllegalStateException}, e.g. Commons Math's) becomes a diagnosis too. The
 * blocks after it do not run and are reported with zero steps.
 */
public final class AdmmBlocks {
    private AdmmBlocks() {}

    /** {@code W_l <- z_l a_{l-1}^+} ({@link AdmmUpdates#w}). */
    public static final BlockUpdate<AdmmContext> W = AdmmUpdates::w;

    /** {@code a_l} by its linear system, {@code l < L} ({@link AdmmUpdates#a}). */
    public static final BlockUpdate<AdmmContext> A = AdmmUpdates::a;

    /** {@code z_l} entrywise in closed form, {@code l < L} ({@link AdmmUpdates#z}). */
    public static final BlockUpdate<AdmmContext> Z = AdmmUpdates::z;

    /** {@code z_L} by the loss's proximal map ({@link AdmmUpdates#zL}); the layer argument is L. */
    public static final BlockUpdate<AdmmContext> Z_OUTPUT = (ctx, layer) -> AdmmUpdates.zL(ctx);

    /**
     * {@code lambda <- lambda + beta (z_L - W_L a_{L-1})} ({@link AdmmUpdates#multiplier}) with
     * {@code ||lambda^{k+1} - lambda^k||^2} as its squared step; during the first
     * {@link AdmmConfig#warmStartIterations()} iterations a zero step that leaves lambda as it is
     * ({@link AdmmUpdates#skipMultiplier}). Either way the context records the primal residual.
     */
    public static final BlockUpdate<AdmmContext> MULTIPLIER = (ctx, layer) -> {
        if (!ctx.config().updatesMultiplierAt(ctx.iteration())) {
            AdmmUpdates.skipMultiplier(ctx);
            return new BlockStep(0.0, 0, Double.NaN, false, 0L);
        }
        return new BlockStep(AdmmUpdates.multiplier(ctx), 0, Double.NaN, false, 0L);
    };

    /** The blocks of a network with {@code layers} weight layers, in the paper's order. */
    public static List<BlockSweep.Step<AdmmContext>> steps(int layers) {
        List<BlockSweep.Step<AdmmContext>> steps = new ArrayList<>(3 * layers);
        for (int l = 1; l < layers; l++) {
            steps.add(new BlockSweep.Step<>(State.W, l, "W update", W));
            steps.add(new BlockSweep.Step<>(State.A, l, "a update", A));
            steps.add(new BlockSweep.Step<>(State.Z, l, "z update", Z));
        }
        steps.add(new BlockSweep.Step<>(State.W, layers, "W update", W));
        steps.add(new BlockSweep.Step<>(State.Z, layers, "z update", Z_OUTPUT));
        steps.add(new BlockSweep.Step<>(AdmmContext.LAMBDA, layers, "multiplier update", MULTIPLIER));
        return steps;
    }

    /** The sweep of {@link #steps}, stopping at a non-finite step. */
    public static BlockSweep<AdmmContext> sweep(int layers) {
        return new BlockSweep<>(steps(layers), true);
    }
}
