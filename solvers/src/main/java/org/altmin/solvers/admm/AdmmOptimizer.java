package org.altmin.solvers.admm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.altmin.api.BlockStep;
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
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * The ADMM baseline of G. Taylor, R. Burmeister, Z. Xu, B. Singh, A. Patel and T. Goldstein, "Training Neural
 * Networks Without Gradients: A Scalable ADMM Approach" (ICML 2016, sections 3-4), registered as {@value #NAME}. It
 * minimizes, over W_l, a_l and z_l with {@code a_0 = x},
 * <pre>
 *   R(z_L; y) + &lt;z_L, lambda&gt; + beta ||z_L - W_L a_{L-1}||^2 + sum_{l&lt;L} [ gamma ||a_l - h_l(z_l)||^2
 *                                                                    + beta ||z_l - W_l a_{l-1}||^2 ]
 * </pre>
 * with one iteration of their Algorithm 1 ({@link AdmmUpdates}): for l = 1..L-1, {@code W_l <- z_l a_{l-1}^+},
 * then a_l by its linear system, then z_l entrywise in closed form; then {@code W_L <- z_L a_{L-1}^+}, z_L by the
 * loss's proximal map, and {@code lambda <- lambda + beta (z_L - W_L a_{L-1})} (skipped during the first
 * {@link AdmmConfig#warmStartIterations()} iterations, the paper's optional warm start).
 *
 * <p><b>Biases.</b> The paper's network has none; here {@code b_l} stays 0 throughout (the {@link
 * org.altmin.api.State}'s b arrays, reported as such), so the learned network is {@code z_l = W_l a_{l-1}}. A
 * bias can be had by appending a constant-1 feature to x (which gives layer 1 one; ADMM's a_l for l &gt;= 1 are free
 * variables, so deeper biases would need a constant row in every a_l, which the paper does not have).
 *
 * <p><b>Components.</b> Any {@link org.altmin.api.Loss} with a proximal map (the z_L update calls it with
 * {@code rho = 2 beta}); the activations relu, leaky-relu, hard-tanh and identity (closed-form z update, see
 * {@link ZClosedForm}; any other is rejected when {@link #fit} starts, listing these); the regularizers none (the
 * paper's setting) and l2 (still an exact W update). One beta and one gamma serve every layer (the paper's
 * beta_l and gamma_l may differ per layer).
 *
 * <p><b>Report.</b> An iteration-0 record with the forward-pass starting point, then one per iteration: the
 * augmented Lagrangian's terms ({@link AdmmObjective} documents the mapping onto {@link
 * org.altmin.api.ObjectiveTerms}), forward-pass train/test loss and accuracy, and per layer the residual
 * {@code ||a_l - h_l(z_l)||} (as the band residual) and the W, z and a steps (squared step, penalty weight, wall
 * time; {@code b} is {@link BlockStep#NONE}, as is a for l = L). A non-finite block result, a failed solve or a
 * non-finite forward loss ends the run with status {@code DIVERGED} and a diagnosis naming the variable, layer
 * and iteration, never an exception. ADMM has no stopping test here: runs end as {@code MAX_ITERATIONS}.
 */
public final class AdmmOptimizer implements Optimizer {
    /** The registered name. */
    public static final String NAME = "admm";

    private final AdmmConfig config;

    public AdmmOptimizer(AdmmConfig config) {
        if (config == null) {
            throw org.altmin.api.InvalidParameterException.of(NAME, "config", "null", "non-null");
        }
        this.config = config;
    }

    /** Reads the config (see {@link AdmmConfig#fromParams}). */
    public static AdmmOptimizer fromParams(Params params) {
        return new AdmmOptimizer(AdmmConfig.fromParams(params));
    }

    @Override
    public String name() {
        return NAME;
    }

    public AdmmConfig config() {
        return config;
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.altmin.api.InvalidParameterException for an unsupported activation or regularizer (before
     *                                                  anything is reported) or bad input
     */
    @Override
    public TrainingResult fit(Problem problem, int iterations, IterationListener listener) {
        Validate.atLeastOne(NAME, "iterations", iterations);
        IterationListener out = listener == null ? IterationListener.NONE : listener;
        AdmmContext ctx = new AdmmContext(problem, config);
        Evaluator evaluator = new Evaluator(problem);
        int layers = ctx.layers();
        ctx.start();
        out.onStart(problem, ctx.state());

        AdmmObjective objective = AdmmObjective.of(ctx);
        List<LayerStats> none = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            none.add(new LayerStats(l, objective.activationResidual()[l], BlockStep.NONE, BlockStep.NONE,
                    BlockStep.NONE, BlockStep.NONE));
        }
        IterationRecord last = record(0, objective, evaluator, ctx, none, 0L);
        out.onIteration(last, ctx.state());
        String bad = objective.nonFinite(0);
        if (bad == null) {
            bad = nonFiniteLoss(last, 0);
        }
        if (bad != null) {
            return finish(out, ctx, TrainingResult.Status.DIVERGED, "non-finite starting point: " + bad, 0, last);
        }
        for (int k = 1; k <= iterations; k++) {
            ctx.beginIteration(k);
            long start = System.nanoTime();
            Sweep sweep = sweep(ctx);
            long nanos = System.nanoTime() - start;
            objective = AdmmObjective.of(ctx);
            List<LayerStats> stats = new ArrayList<>(layers);
            for (LayerStats s : sweep.layers()) {
                stats.add(new LayerStats(s.layer(), objective.activationResidual()[s.layer()], s.w(), s.b(), s.z(),
                        s.a()));
            }
            bad = sweep.failure();
            if (bad == null) {
                bad = objective.nonFinite(k);
            }
            if (bad != null) {
                // Report the broken iteration without the (meaningless) evaluation, then stop.
                last = new IterationRecord(k, objective.terms(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, stats,
                        nanos);
                out.onIteration(last, ctx.state());
                return finish(out, ctx, TrainingResult.Status.DIVERGED, bad, k, last);
            }
            last = record(k, objective, evaluator, ctx, stats, nanos);
            out.onIteration(last, ctx.state());
            bad = nonFiniteLoss(last, k);
            if (bad != null) {
                return finish(out, ctx, TrainingResult.Status.DIVERGED, bad, k, last);
            }
        }
        return finish(out, ctx, TrainingResult.Status.MAX_ITERATIONS, "ran " + iterations + " iterations", iterations,
                last);
    }

    /**
     * The outcome of one sweep: per-layer steps (band residuals 0; the optimizer fills them in), and a diagnosis
     * when a block failed or produced a non-finite value (the sweep stops there; later blocks are
     * {@link BlockStep#NONE}), else null.
     */
    public record Sweep(List<LayerStats> layers, String failure) {}

    /**
     * One iteration of Algorithm 1 on {@code ctx} (after {@link AdmmContext#beginIteration}), each block timed and
     * checked: a block whose squared step is not finite (its variable became NaN or infinite, or overflowed) or
     * whose solve failed stops the sweep with a diagnosis naming the variable, the layer and the iteration.
     */
    public Sweep sweep(AdmmContext ctx) {
        int layers = ctx.layers();
        int k = ctx.iteration();
        List<LayerStats> stats = new ArrayList<>(layers);
        for (int l = 1; l <= layers; l++) {
            final int layer = l;
            BlockStep[] steps = {BlockStep.NONE, BlockStep.NONE, BlockStep.NONE};
            String failure = run(() -> AdmmUpdates.w(ctx, layer), "W", l, k, steps, 0);
            if (failure == null && l < layers) {
                failure = run(() -> AdmmUpdates.a(ctx, layer), "a", l, k, steps, 2);
            }
            if (failure == null) {
                failure = l < layers ? run(() -> AdmmUpdates.z(ctx, layer), "z", l, k, steps, 1)
                        : run(() -> AdmmUpdates.zL(ctx), "z", l, k, steps, 1);
            }
            stats.add(new LayerStats(l, 0.0, steps[0], BlockStep.NONE, steps[1], steps[2]));
            if (failure != null) {
                for (int rest = l + 1; rest <= layers; rest++) {
                    stats.add(new LayerStats(rest, 0.0, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE));
                }
                return new Sweep(stats, failure);
            }
        }
        String failure = null;
        if (config.updatesMultiplierAt(k)) {
            try {
                double step = AdmmUpdates.multiplier(ctx);
                if (!Double.isFinite(step)) {
                    failure = "lambda became non-finite in the multiplier update of layer " + layers + " at iteration " + k
                            + " (||z_" + layers + " - W_" + layers + " a_" + (layers - 1) + "|| = " + ctx.primalResidual()
                            + ")";
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                failure = "the multiplier update of layer " + layers + " failed at iteration " + k + ": " + e.getMessage();
            }
        } else {
            AdmmUpdates.skipMultiplier(ctx);
        }
        return new Sweep(stats, failure);
    }

    /** Runs one block, stores its timed step in {@code steps[slot]}; returns a diagnosis or null. */
    private static String run(Supplier<BlockStep> block, String variable, int l, int k, BlockStep[] steps, int slot) {
        long t0 = System.nanoTime();
        BlockStep s;
        try {
            s = block.get();
        } catch (IllegalArgumentException | ArithmeticException | MathIllegalStateException e) {
            return "the " + variable + " update of layer " + l + " failed at iteration " + k + ": " + e.getMessage();
        }
        long elapsed = System.nanoTime() - t0;
        steps[slot] = new BlockStep(s.stepSquared(), s.trials(), s.stepParameter(), s.fallback(), elapsed);
        if (!Double.isFinite(s.stepSquared())) {
            return variable + "_" + l + " became non-finite in the " + variable + " update of layer " + l
                    + " at iteration " + k + " (||" + variable + "_" + l + "^{k+1} - " + variable + "_" + l + "^k||^2 = "
                    + s.stepSquared() + ")";
        }
        return null;
    }

    private static String nonFiniteLoss(IterationRecord r, int k) {
        if (!Double.isFinite(r.trainLoss())) {
            return "forward-pass training loss = " + r.trainLoss() + " at iteration " + k + " (output layer; the "
                    + "variables are finite)";
        }
        return null;
    }

    private static IterationRecord record(int k, AdmmObjective objective, Evaluator evaluator, AdmmContext ctx,
            List<LayerStats> layers, long nanos) {
        Evaluator.Result e = evaluator.evaluate(ctx.weights(), ctx.biases());
        return new IterationRecord(k, objective.terms(), e.trainLoss(), e.trainAccuracy(), e.testLoss(),
                e.testAccuracy(), layers, nanos);
    }

    private static TrainingResult finish(IterationListener out, AdmmContext ctx, TrainingResult.Status status,
            String diagnosis, int iterations, IterationRecord last) {
        return Results.finish(out, ctx.weights(), ctx.biases(), status, diagnosis, iterations, last);
    }
}
