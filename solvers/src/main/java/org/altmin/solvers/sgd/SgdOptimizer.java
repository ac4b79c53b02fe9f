package org.altmin.solvers.sgd;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.BlockStep;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.ObjectiveTerms;
import org.altmin.api.Optimizer;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.Seeds;
import org.altmin.api.State;
import org.altmin.api.TrainingResult;
import org.altmin.api.Validate;
import org.altmin.solvers.common.Evaluator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Minibatch proximal SGD: the baseline family against which DLAM (J. Wang, F. Yu, X. Chen and L. Zhao, "Deep
 * learning alternating minimization", arXiv:1811.04187) is compared, training the same fully-connected network
 * on the same {@link Problem}. Each minibatch step is
 * <pre>
 *   g     = grad of (1/m) sum_{i in batch} R(z_L^i; y^i)          (backpropagation, see {@link Backprop})
 *   W_l  <- rule step of W_l with g                                  ({@link UpdateRule}: sgd, momentum, adam, ...)
 *   W_l  <- prox_{lr_k Omega_l}(W_l) = Omega_l.prox(W_l, 1 / lr_k)   (proximal SGD; exact for L1)
 *   b_l  <- rule step of b_l with g                                  (biases are not regularized)
 * </pre>
 * The gradient is that of the <em>mean</em> loss, so the method minimizes {@code R / N + sum_l Omega_l} (the
 * usual scaling of SGD), whereas DLAM's Problem 2 weighs the summed R against Omega: to compare the same
 * objective, divide the regularization strength by N for SGD. The prox follows the rule's step with the scalar
 * lr_k: the exact proximal-gradient step for plain sgd, and a common simplification for momentum and for the
 * adaptive rules (adam, rmsprop, adagrad), whose own steps are per-coordinate.
 *
 * <p>One iteration is one epoch over a fresh seeded order of the training set ({@code Seeds.split(seed,
 * "sgd.shuffle")}); the weights start from {@link org.altmin.solvers.common.Initialization} with
 * {@code Seeds.split(seed, "sgd.init")}, biases at 0. Each epoch, and the starting point as iteration 0, is
 * reported as an {@link IterationRecord}: forward-pass losses and accuracies, {@code ObjectiveTerms.riskOnly}
 * with the summed training loss and the regularization, and per layer the squared W and b step over the epoch
 * (with the epoch's lr_k as the step parameter and the time spent updating that layer). Non-convergence is a
 * result: a non-finite weight, bias or loss ends the run with status DIVERGED and a diagnosis naming the
 * quantity, the layer and the epoch.
 *
 * <p>The {@link State} given to listeners holds the live W and b; SGD keeps no z and a, which stay 0 (they are
 * N-sized: the price of the common listener interface). Per-batch buffers (activations, deltas, gradients, the
 * gathered minibatch) are allocated once per run; a row-major x is copied once to column-major order for the
 * minibatch gather (see {@link Minibatches}).
 */
public final class SgdOptimizer implements Optimizer {
    private final SgdSettings settings;
    private final UpdateRule rule;

    public SgdOptimizer(SgdSettings settings, UpdateRule rule) {
        if (settings == null || rule == null) {
            throw InvalidParameterException.of("SgdOptimizer", "settings/rule", "null", "both non-null");
        }
        this.settings = settings;
        this.rule = rule;
    }

    /** Reads the shared {@link SgdSettings} (with the rule's default learning rate) and pairs them with the rule. */
    public static SgdOptimizer fromParams(Params params, double defaultLearningRate, UpdateRule rule) {
        return new SgdOptimizer(SgdSettings.fromParams(params, defaultLearningRate), rule);
    }

    @Override
    public String name() {
        return settings.optimizer();
    }

    public SgdSettings settings() {
        return settings;
    }

    public UpdateRule rule() {
        return rule;
    }

    @Override
    public TrainingResult fit(Problem problem, int iterations, IterationListener listener) {
        String name = name();
        Validate.atLeastOne(name, "iterations", iterations);
        IterationListener out = listener == null ? IterationListener.NONE : listener;
        int layers = problem.layers();
        int n = problem.data().samples();
        State state = State.zeros(problem.network(), problem.data().x());
        // The live arrays of the state (State.weights() is not used: on main it throws, List.of rejects index 0's null).
        List<INDArray> w = new ArrayList<>(layers);
        List<INDArray> b = new ArrayList<>(layers);
        for (int l = 1; l <= layers; l++) {
            w.add(state.w(l));
            b.add(state.b(l));
        }
        settings.initialization().initialize(problem.network(), w, b, Seeds.split(problem.seed(), "sgd.init"));

        int capacity = Math.min(settings.batchSize(), n);
        Minibatches batches = new Minibatches(problem.data(), capacity, Seeds.split(problem.seed(), "sgd.shuffle"));
        Backprop backprop = new Backprop(problem, capacity);
        Evaluator evaluator = new Evaluator(problem);
        UpdateRule.Stepper[] wSteppers = new UpdateRule.Stepper[layers + 1];
        UpdateRule.Stepper[] bSteppers = new UpdateRule.Stepper[layers + 1];
        INDArray[] wStart = new INDArray[layers + 1];
        INDArray[] bStart = new INDArray[layers + 1];
        for (int l = 1; l <= layers; l++) {
            wSteppers[l] = rule.stepper(w.get(l - 1));
            bSteppers[l] = rule.stepper(b.get(l - 1));
            wStart[l] = w.get(l - 1).dup();
            bStart[l] = b.get(l - 1).dup();
        }

        out.onStart(problem, state);
        List<LayerStats> none = new ArrayList<>(layers);
        for (int l = 1; l <= layers; l++) {
            none.add(new LayerStats(l, 0.0, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE));
        }
        IterationRecord last = record(0, problem, evaluator, w, b, none, 0L);
        out.onIteration(last, state);
        String bad = nonFiniteLoss(last, 0);
        if (bad != null) {
            return finish(out, w, b, TrainingResult.Status.DIVERGED, "non-finite starting point: " + bad, 0, last);
        }

        long[] wNanos = new long[layers + 1];
        long[] bNanos = new long[layers + 1];
        for (int k = 1; k <= iterations; k++) {
            double lr = settings.learningRateAt(k);
            java.util.Arrays.fill(wNanos, 0L);
            java.util.Arrays.fill(bNanos, 0L);
            long start = System.nanoTime();
            batches.shuffle();
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
                return finish(out, w, b, TrainingResult.Status.DIVERGED, "minibatch " + (batch + 1) + " of "
                        + batches.count() + " failed in epoch " + k + ": " + e.getMessage(), k - 1, last);
            }
            long nanos = System.nanoTime() - start;
            List<LayerStats> stats = new ArrayList<>(layers);
            for (int l = 1; l <= layers; l++) {
                double wStep = w.get(l - 1).squaredDistance(wStart[l]);
                double bStep = b.get(l - 1).squaredDistance(bStart[l]);
                wStart[l].assign(w.get(l - 1));
                bStart[l].assign(b.get(l - 1));
                stats.add(new LayerStats(l, 0.0, new BlockStep(wStep, 0, lr, false, wNanos[l]), new BlockStep(bStep, 0,
                        lr, false, bNanos[l]), BlockStep.NONE, BlockStep.NONE));
            }
            bad = nonFiniteWeights(w, b, k);
            if (bad != null) {
                // Report the broken epoch without the (meaningless) evaluation, then stop.
                last = new IterationRecord(k, ObjectiveTerms.riskOnly(Double.NaN, Double.NaN), Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, stats, nanos);
                out.onIteration(last, state);
                return finish(out, w, b, TrainingResult.Status.DIVERGED, bad + " (lr_k = " + lr + ")", k, last);
            }
            last = record(k, problem, evaluator, w, b, stats, nanos);
            out.onIteration(last, state);
            bad = nonFiniteLoss(last, k);
            if (bad != null) {
                return finish(out, w, b, TrainingResult.Status.DIVERGED, bad + " (lr_k = " + lr + ")", k, last);
            }
        }
        return finish(out, w, b, TrainingResult.Status.MAX_ITERATIONS, "ran " + iterations + " epochs", iterations,
                last);
    }

    private static String nonFiniteWeights(List<INDArray> w, List<INDArray> b, int k) {
        for (int l = 1; l <= w.size(); l++) {
            double wn = w.get(l - 1).norm2Number().doubleValue();
            if (!Double.isFinite(wn)) {
                return "weights ||W_" + l + "|| = " + wn + " after epoch " + k + " (layer " + l + ")";
            }
            double bn = b.get(l - 1).norm2Number().doubleValue();
            if (!Double.isFinite(bn)) {
                return "bias ||b_" + l + "|| = " + bn + " after epoch " + k + " (layer " + l + ")";
            }
        }
        return null;
    }

    private static String nonFiniteLoss(IterationRecord r, int k) {
        if (!Double.isFinite(r.trainLoss())) {
            return "forward-pass training loss = " + r.trainLoss() + " after epoch " + k + " (output layer; the weights"
                    + " are finite)";
        }
        if (!Double.isFinite(r.terms().regularization())) {
            return "regularization = " + r.terms().regularization() + " after epoch " + k;
        }
        return null;
    }

    private static IterationRecord record(int k, Problem problem, Evaluator evaluator, List<INDArray> w,
            List<INDArray> b, List<LayerStats> layers, long nanos) {
        Evaluator.Result e = evaluator.evaluate(w, b);
        double regularization = 0;
        for (int l = 1; l <= problem.layers(); l++) {
            regularization += problem.regularizer(l).value(w.get(l - 1));
        }
        ObjectiveTerms terms = ObjectiveTerms.riskOnly(e.trainLoss() * problem.data().samples(), regularization);
        return new IterationRecord(k, terms, e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(), layers,
                nanos);
    }

    private static TrainingResult finish(IterationListener out, List<INDArray> w, List<INDArray> b,
            TrainingResult.Status status, String diagnosis, int iterations, IterationRecord last) {
        return org.altmin.solvers.common.Results.finish(out, w, b, status, diagnosis, iterations, last);
    }
}
