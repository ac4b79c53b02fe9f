package org.altmin.solvers.dlam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentFactory;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.Optimizer;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.TrainingResult;
import org.altmin.api.Validate;
import org.altmin.solvers.common.Evaluator;
import org.altmin.solvers.common.Results;

/**
 * DLAM, Algorithm 1 of J. Wang, F. Yu, X. Chen and L. Zhao, "Deep Learning Alternating Minimization"
 * (arXiv:1811.04187, section 3): from a feasible start, repeat for l = 1..L: update W_l (Algorithm 2), b_l
 * (equations 2-3), z_l (equation 4, or 5 for l = L), then a_l for l < L (Algorithm 3). Each update is a
 * {@link BlockUpdate} of {@link DlamBlocks}, swappable by name.
 *
 * <p>Reports an iteration-0 record with the starting point, then one per iteration: F and its terms, the
 * forward-pass train/test loss and accuracy, and per layer the band residual and each block's squared step,
 * trials, accepted parameter and wall time. A non-finite term or weight ends the run with status
 * {@code DIVERGED} and a diagnosis naming the term, layer and iteration; so does a block that cannot proceed
 * (e.g. an empty preimage in equation 4). With {@link DlamConfig#tolerance()} > 0 the run stops as
 * {@code CONVERGED} when the relative change of F falls below it.
 */
public final class DlamOptimizer implements Optimizer {
    /** The registered name. */
    public static final String NAME = "dlam";

    private final DlamConfig config;
    private final DlamBlocks blocks;

    public DlamOptimizer(DlamConfig config, DlamBlocks blocks) {
        if (config == null || blocks == null) {
            throw InvalidParameterException.of(NAME, "config", "null", "non-null config and blocks");
        }
        this.config = config;
        this.blocks = blocks;
    }

    /** DLAM with the paper's blocks. */
    public DlamOptimizer(DlamConfig config) {
        this(config, DlamBlocks.defaults());
    }

    /** Reads the config (see {@link DlamConfig#fromParams}) and the parts W, b, z, zL, a. */
    public static DlamOptimizer fromParams(Params params, Map<String, ComponentFactory<BlockUpdate<DlamContext>>> registry) {
        return new DlamOptimizer(DlamConfig.fromParams(params), DlamBlocks.fromParams(params, registry));
    }

    @Override
    public String name() {
        return NAME;
    }

    public DlamConfig config() {
        return config;
    }

    public DlamBlocks blocks() {
        return blocks;
    }

    @Override
    public TrainingResult fit(Problem problem, int iterations, IterationListener listener) {
        Validate.atLeastOne(NAME, "iterations", iterations);
        IterationListener out = listener == null ? IterationListener.NONE : listener;
        DlamContext ctx = new DlamContext(problem, config);
        Evaluator evaluator = new Evaluator(problem);
        int layers = ctx.layers();
        ctx.start();
        out.onStart(problem, ctx.state());

        DlamObjective objective = DlamObjective.of(ctx);
        String bad = objective.nonFinite(0);
        if (bad == null) {
            bad = objective.infeasible(0);
        }
        List<LayerStats> none = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            none.add(new LayerStats(l, objective.bandResidual()[l], BlockStep.NONE, BlockStep.NONE, BlockStep.NONE,
                    BlockStep.NONE));
        }
        IterationRecord last = record(0, objective, evaluator, ctx, none, 0L);
        out.onIteration(last, ctx.state());
        if (bad != null) {
            return finish(out, ctx, TrainingResult.Status.DIVERGED, "non-finite starting point: " + bad, 0, last);
        }
        double previousF = objective.value();
        for (int k = 1; k <= iterations; k++) {
            ctx.beginIteration(k);
            long start = System.nanoTime();
            List<LayerStats> stats;
            try {
                stats = sweep(ctx);
            } catch (BlockFailure e) {
                return finish(out, ctx, TrainingResult.Status.DIVERGED, "the " + e.block + " block of layer " + e.layer
                        + " failed at iteration " + k + ": " + e.getCause().getMessage(), k - 1, last);
            }
            long nanos = System.nanoTime() - start;
            objective = DlamObjective.of(ctx);
            List<LayerStats> withBands = new ArrayList<>(layers);
            for (LayerStats s : stats) {
                withBands.add(new LayerStats(s.layer(), objective.bandResidual()[s.layer()], s.w(), s.b(), s.z(), s.a()));
            }
            bad = objective.nonFinite(k);
            if (bad == null) {
                bad = nonFiniteWeights(ctx, k);
            }
            if (bad == null) {
                // F = +inf: a band constraint is violated beyond rounding (possible only through a custom block).
                bad = objective.infeasible(k);
            }
            if (bad != null) {
                // Report the broken iteration's record without the (meaningless) evaluation, then stop.
                last = new IterationRecord(k, objective.terms(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        withBands, nanos);
                out.onIteration(last, ctx.state());
                return finish(out, ctx, TrainingResult.Status.DIVERGED, bad, k, last);
            }
            last = record(k, objective, evaluator, ctx, withBands, nanos);
            out.onIteration(last, ctx.state());
            double f = objective.value();
            if (config.tolerance() > 0 && Math.abs(previousF - f) <= config.tolerance() * Math.max(1.0, Math.abs(previousF))) {
                return finish(out, ctx, TrainingResult.Status.CONVERGED, "relative change of F "
                        + Math.abs(previousF - f) / Math.max(1.0, Math.abs(previousF)) + " <= tolerance "
                        + config.tolerance() + " at iteration " + k, k, last);
            }
            previousF = f;
        }
        return finish(out, ctx, TrainingResult.Status.MAX_ITERATIONS, "ran " + iterations + " iterations", iterations, last);
    }

    /**
     * One iteration of Algorithm 1 on {@code ctx} (after {@link DlamContext#beginIteration}): for l = 1..L the W,
     * b, z (zL for l = L) and, for l < L, a blocks, each timed. The band residuals of the returned stats are 0
     * (they are filled in with F).
     *
     * @throws BlockFailure when a block rejects its input (e.g. an empty preimage in equation 4)
     */
    public List<LayerStats> sweep(DlamContext ctx) {
        int layers = ctx.layers();
        List<LayerStats> stats = new ArrayList<>(layers);
        for (int l = 1; l <= layers; l++) {
            BlockStep w = timed(blocks.w(), ctx, l, "W");
            BlockStep b = timed(blocks.b(), ctx, l, "b");
            BlockStep z = l < layers ? timed(blocks.z(), ctx, l, "z") : timed(blocks.zL(), ctx, l, "zL");
            BlockStep a = l < layers ? timed(blocks.a(), ctx, l, "a") : BlockStep.NONE;
            stats.add(new LayerStats(l, 0.0, w, b, z, a));
        }
        return stats;
    }

    /** A block that rejected its input during a sweep, with the block's role and layer. */
    public static final class BlockFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String block;
        final int layer;

        BlockFailure(String block, int layer, InvalidParameterException cause) {
            super("the " + block + " block of layer " + layer + " failed: " + cause.getMessage(), cause);
            this.block = block;
            this.layer = layer;
        }
    }

    private static BlockStep timed(BlockUpdate<DlamContext> block, DlamContext ctx, int l, String role) {
        long t0 = System.nanoTime();
        BlockStep s;
        try {
            s = block.update(ctx, l);
        } catch (InvalidParameterException e) {
            throw new BlockFailure(role, l, e);
        }
        long elapsed = System.nanoTime() - t0;
        return new BlockStep(s.stepSquared(), s.trials(), s.stepParameter(), s.fallback(), elapsed);
    }

    private static String nonFiniteWeights(DlamContext ctx, int k) {
        for (int l = 1; l <= ctx.layers(); l++) {
            double w = ctx.state().w(l).norm2Number().doubleValue();
            if (!Double.isFinite(w)) {
                return "weights ||W_" + l + "|| = " + w + " at iteration " + k + " (layer " + l + ")";
            }
            double b = ctx.state().b(l).norm2Number().doubleValue();
            if (!Double.isFinite(b)) {
                return "bias ||b_" + l + "|| = " + b + " at iteration " + k + " (layer " + l + ")";
            }
            double z = ctx.state().z(l).norm2Number().doubleValue();
            if (!Double.isFinite(z)) {
                return "||z_" + l + "|| = " + z + " at iteration " + k + " (layer " + l + ")";
            }
            if (l < ctx.layers()) {
                double a = ctx.state().a(l).norm2Number().doubleValue();
                if (!Double.isFinite(a)) {
                    return "||a_" + l + "|| = " + a + " at iteration " + k + " (layer " + l + ")";
                }
            }
        }
        return null;
    }

    private static IterationRecord record(int k, DlamObjective objective, Evaluator evaluator, DlamContext ctx,
            List<LayerStats> layers, long nanos) {
        Evaluator.Result e = evaluator.evaluate(ctx.weights(), ctx.biases());
        return new IterationRecord(k, objective.terms(), e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(),
                layers, nanos);
    }

    private static TrainingResult finish(IterationListener out, DlamContext ctx, TrainingResult.Status status,
            String diagnosis, int iterations, IterationRecord last) {
        return Results.finish(out, ctx.weights(), ctx.biases(), status, diagnosis, iterations, last);
    }
}
