package org.altmin.solvers.sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockReport;
import org.altmin.api.BlockStep;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Problem;
import org.altmin.api.Seeds;
import org.altmin.api.State;
import org.altmin.solvers.core.Measurement;
import org.altmin.solvers.core.Session;
import org.altmin.solvers.core.Sweep;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One run of an {@link SgdOptimizer}: the live W and b ({@link State#weightsOnly}), the minibatch order, the
 * backpropagation buffers and one {@link UpdateRule.Stepper} per parameter array, all allocated by the constructor.
 * {@link #iterate} runs one epoch; {@link #measure} the objective at its end. Not thread-safe.
 */
final class SgdSession implements Session, org.altmin.solvers.core.Resumable {
    /** The names of the objective's terms and of the diagnostic in the reports. */
    static final String RISK = "risk";
    static final String REGULARIZATION = "regularization";
    static final String LEARNING_RATE = "learning_rate";

    private final SgdSettings settings;
    private final Problem problem;
    private final int layers;
    private final State state;
    private final List<INDArray> w;
    private final List<INDArray> b;
    private final Minibatches batches;
    private final Backprop backprop;
    private final UpdateRule.Stepper[] wSteppers;
    private final UpdateRule.Stepper[] bSteppers;
    private final INDArray[] wStart;
    private final INDArray[] bStart;
    private final long[] wNanos;
    private final long[] bNanos;
    /** lr_k of the last epoch run; NaN before the first. */
    private double learningRate = Double.NaN;

    SgdSession(SgdSettings settings, UpdateRule rule, Problem problem) {
        this.settings = settings;
        this.problem = problem;
        layers = problem.layers();
        int n = problem.data().samples();
        state = State.weightsOnly(problem.network(), problem.data().x());
        w = state.weights();
        b = state.biases();
        settings.initialization().initialize(problem.network(), w, b, Seeds.split(problem.seed(), "sgd.init"));
        int capacity = Math.min(settings.batchSize(), n);
        batches = new Minibatches(problem.data(), capacity, Seeds.split(problem.seed(), "sgd.shuffle"));
        backprop = new Backprop(problem, capacity);
        wSteppers = new UpdateRule.Stepper[layers + 1];
        bSteppers = new UpdateRule.Stepper[layers + 1];
        wStart = new INDArray[layers + 1];
        bStart = new INDArray[layers + 1];
        for (int l = 1; l <= layers; l++) {
            wSteppers[l] = rule.stepper(w.get(l - 1));
            bSteppers[l] = rule.stepper(b.get(l - 1));
            wStart[l] = w.get(l - 1).dup();
            bStart[l] = b.get(l - 1).dup();
        }
        wNanos = new long[layers + 1];
        bNanos = new long[layers + 1];
    }

    /**
     * Saves W_l and b_l, each stepper's state ({@code stepper.W_l.*}, {@code stepper.b_l.*}: moments, accumulators,
     * step counts), the epoch's learning rate and the shuffling stream's position ({@code shuffles}: the orders drawn
     * so far, from which {@link Minibatches#restore} draws the same order and stream again).
     */
    @Override
    public void save(org.altmin.solvers.core.Snapshot out) {
        out.putState(state);
        for (int l = 1; l <= layers; l++) {
            wSteppers[l].save(out.within("stepper.W_" + l));
            bSteppers[l].save(out.within("stepper.b_" + l));
        }
        out.put("learning_rate", learningRate);
        out.put("shuffles", batches.shuffles());
    }

    @Override
    public void restore(org.altmin.solvers.core.Snapshot in) {
        in.restoreState(state);
        for (int l = 1; l <= layers; l++) {
            wSteppers[l].restore(in.within("stepper.W_" + l));
            bSteppers[l].restore(in.within("stepper.b_" + l));
            wStart[l].assign(w.get(l - 1));
            bStart[l].assign(b.get(l - 1));
        }
        learningRate = in.number("learning_rate");
        long shuffles = in.integer("shuffles");
        if (shuffles < 0) {
            throw org.altmin.api.InvalidParameterException.of("checkpoint", "shuffles", shuffles, ">= 0");
        }
        batches.restore(shuffles);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public List<BlockReport> layout() {
        List<BlockReport> out = new ArrayList<>(2 * layers);
        for (int l = 1; l <= layers; l++) {
            out.add(BlockReport.none(State.W, l));
            out.add(BlockReport.none(State.B, l));
        }
        return out;
    }

    /**
     * Epoch k: a fresh order, then per minibatch backpropagation and, layer by layer, the rule's step of W_l, the
     * prox of Omega_l with {@code 1 / lr_k}, and the rule's step of b_l. The blocks report the squared step of W_l
     * and b_l over the whole epoch and the time spent updating them (not the backpropagation).
     */
    @Override
    public Sweep iterate(int k) {
        double lr = settings.learningRateAt(k);
        learningRate = lr;
        Arrays.fill(wNanos, 0L);
        Arrays.fill(bNanos, 0L);
        batches.shuffle();
        String failure = null;
        int batch = 0;
        try {
            for (batch = 0; batch < batches.count(); batch++) {
                batches.load(batch);
                backprop.compute(w, b, batches.x(), batches.y());
                for (int l = 1; l <= layers; l++) {
                    long t0 = System.nanoTime();
                    INDArray wl = w.get(l - 1);
                    wSteppers[l].step(wl, backprop.gradW(l), lr);
                    problem.regularizer(l).prox(wl, 1.0 / lr, wl);
                    long t1 = System.nanoTime();
                    bSteppers[l].step(b.get(l - 1), backprop.gradB(l), lr);
                    wNanos[l] += t1 - t0;
                    bNanos[l] += System.nanoTime() - t1;
                }
            }
        } catch (InvalidParameterException e) {
            failure = "minibatch " + (batch + 1) + " of " + batches.count() + " failed in epoch " + k + ": "
                    + e.getMessage();
        }
        // The variables moved (also in a failed epoch, up to the failing minibatch): report the steps either way.
        List<BlockReport> blocks = new ArrayList<>(2 * layers);
        for (int l = 1; l <= layers; l++) {
            double wStep = w.get(l - 1).squaredDistance(wStart[l]);
            double bStep = b.get(l - 1).squaredDistance(bStart[l]);
            wStart[l].assign(w.get(l - 1));
            bStart[l].assign(b.get(l - 1));
            // No descent inequality is stated for SGD, so no modulus; no search, so no trials.
            blocks.add(BlockReport.of(State.W, l, new BlockStep(wStep, 0, Double.NaN, false, wNanos[l])));
            blocks.add(BlockReport.of(State.B, l, new BlockStep(bStep, 0, Double.NaN, false, bNanos[l])));
        }
        Sweep sweep = Sweep.of(blocks, Map.of());
        return failure == null ? sweep : sweep.withFailure(failure);
    }

    /**
     * The objective {@code F = R(z_L; y) + sum_l Omega_l(W_l)} at the current W, b and the diagnostic
     * {@code learning_rate} (lr_k of the epoch just run, NaN at iteration 0). A non-finite weight, bias,
     * regularization or training loss is a problem naming it, its layer and the epoch.
     *
     * <p>The risk needs the forward pass at the epoch's end. The lifecycle evaluates that pass only after
     * {@code measure}, and a session cannot see its result, so this method runs its own over the training set
     * ({@link ForwardPass#output} and {@code Loss.value}, without the accuracy): one training forward pass per epoch
     * more than SGD before the lifecycle. Measured at 784-100-100-10, N = 20000, batch 64, FLOAT, one thread (on a
     * loaded machine): 0.2-0.3 s against a 6.4 s epoch, about 4%; by flop count, for full-batch gradient descent it
     * adds about 30% to an epoch with its evaluation. Its buffers,
     * {@code (n_1 + ... + n_L + n_L + 1) x N} values, are about half of the z and a that SGD's state used to hold.
     */
    /** The objective's risk is the evaluation's training loss. */
    @Override
    public boolean needsEvaluation() {
        return true;
    }

    @Override
    public Measurement measure(int k) {
        // Outside the lifecycle (which passes its evaluation) the risk is unknown here.
        return measure(k, org.altmin.api.Evaluation.NONE);
    }

    @Override
    public Measurement measure(int k, org.altmin.api.Evaluation evaluation) {
        Map<String, Double> diagnostics = Map.of(LEARNING_RATE, learningRate);
        String bad = nonFiniteVariables(k);
        double regularization = 0;
        for (int l = 1; l <= layers; l++) {
            regularization += problem.regularizer(l).value(w.get(l - 1));
        }
        if (bad == null && !Double.isFinite(regularization)) {
            bad = "regularization = " + regularization + " at epoch " + k;
        }
        double risk = evaluation.trainLoss() * problem.data().samples();
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(RISK, risk);
        terms.put(REGULARIZATION, regularization);
        return new Measurement(risk + regularization, terms, diagnostics, bad);
    }

    /** Adds the epoch's learning rate, the usual cause of an SGD divergence. */
    @Override
    public String explain(String diagnosis) {
        return diagnosis + " (lr_k = " + learningRate + ")";
    }

    private String nonFiniteVariables(int k) {
        for (int l = 1; l <= layers; l++) {
            double wn = w.get(l - 1).norm2Number().doubleValue();
            if (!Double.isFinite(wn)) {
                return "weights ||W_" + l + "|| = " + wn + " at epoch " + k + " (layer " + l + ")";
            }
            double bn = b.get(l - 1).norm2Number().doubleValue();
            if (!Double.isFinite(bn)) {
                return "bias ||b_" + l + "|| = " + bn + " at epoch " + k + " (layer " + l + ")";
            }
        }
        return null;
    }
}
