package org.altmin.solvers.admm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockReport;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.altmin.solvers.core.BlockSweep;
import org.altmin.solvers.core.Measurement;
import org.altmin.solvers.core.Session;
import org.altmin.solvers.core.Sweep;

/**
 * One ADMM run on the core skeleton: an {@link AdmmContext} at its starting point and the {@link AdmmBlocks} sweep.
 * {@link #iterate} runs one iteration of Algorithm 1; {@link #measure} gives the augmented Lagrangian with its terms
 * ({@link AdmmObjective}) and the diagnostics {@value AdmmObjective#PRIMAL_RESIDUAL}, {@value
 * AdmmObjective#MULTIPLIER_STEP} and {@code activation_residual_l} for each hidden layer, in that order, in every
 * report including the start's. {@link AdmmOptimizer#fit} drives it; a benchmark or a study may drive it directly.
 */
public final class AdmmSession implements Session, org.altmin.solvers.core.Resumable {
    private final AdmmContext ctx;
    private final BlockSweep<AdmmContext> sweep;

    /**
     * Allocates the context for {@code problem} and sets the starting point ({@link AdmmContext#start()}).
     *
     * @throws org.altmin.api.InvalidParameterException for what {@link AdmmContext#check} rejects
     */
    public AdmmSession(Problem problem, AdmmConfig config) {
        ctx = new AdmmContext(problem, config);
        ctx.start();
        sweep = AdmmBlocks.sweep(ctx.layers());
    }

    /** The live context (variables, multiplier, buffers). */
    public AdmmContext context() {
        return ctx;
    }

    /** The blocks of an iteration, in order. */
    public BlockSweep<AdmmContext> sweep() {
        return sweep;
    }

    /** The context's state ({@link AdmmContext#save}). */
    @Override
    public void save(org.altmin.solvers.core.Snapshot out) {
        ctx.save(out);
    }

    @Override
    public void restore(org.altmin.solvers.core.Snapshot in) {
        ctx.restore(in);
    }

    @Override
    public State state() {
        return ctx.state();
    }

    @Override
    public List<BlockReport> layout() {
        return sweep.layout();
    }

    @Override
    public Sweep iterate(int k) {
        ctx.beginIteration(k);
        return sweep.run(ctx, k);
    }

    /** {@code W_1 x}: the W_1 update recomputes it ({@link org.altmin.solvers.core.CouplingCache#inputProduct()}). */
    @Override
    public java.util.Optional<org.nd4j.linalg.api.ndarray.INDArray> inputProduct() {
        return ctx.coupling().inputProduct();
    }

    @Override
    public Measurement measure(int k) {
        AdmmObjective objective = AdmmObjective.of(ctx);
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put(AdmmObjective.PRIMAL_RESIDUAL, objective.primalResidual());
        diagnostics.put(AdmmObjective.MULTIPLIER_STEP, ctx.multiplierStep());
        diagnostics.putAll(objective.activationResiduals());
        return new Measurement(objective.value(), objective.terms(), diagnostics, objective.nonFinite(k));
    }
}
