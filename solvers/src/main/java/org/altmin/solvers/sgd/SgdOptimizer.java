package org.altmin.solvers.sgd;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationUnit;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.Theory;
import org.altmin.solvers.core.IterativeOptimizer;
import org.altmin.solvers.core.Session;

/**
 * Minibatch proximal SGD: the baseline family against which DLAM (J. Wang, F. Yu, X. Chen and L. Zhao, "Deep
 * learning alternating minimization", arXiv:1811.04187) is compared, training the same fully-connected network
 * on the same {@link Problem}. Each minibatch step is
 * <pre>
 *   g     = grad of (1/m) sum_{i in batch} R(z_L^i; y^i)          (backpropagation, see {@link Backprop})
 *   W_l  &lt;- rule step of W_l with g                                  ({@link UpdateRule}: sgd, momentum, adam, ...)
 *   W_l  &lt;- prox_{lr_k Omega_l}(W_l) = Omega_l.prox(W_l, 1 / lr_k)   (proximal SGD; exact for L1)
 *   b_l  &lt;- rule step of b_l with g                                  (biases are not regularized)
 * </pre>
 * The gradient is that of the <em>mean</em> loss, so the method minimizes {@code R / N + sum_l Omega_l} (the
 * usual scaling of SGD), whereas DLAM's Problem 2 weighs the summed R against Omega: to compare the same
 * objective, divide the regularization strength by N for SGD. The prox follows the rule's step with the scalar
 * lr_k: the exact proximal-gradient step for plain sgd, and a common simplification for momentum and for the
 * adaptive rules (adam, rmsprop, adagrad), whose own steps are per-coordinate.
 *
 * <p>One iteration is one epoch ({@link #unit()} is {@link IterationUnit#EPOCH}) over a fresh seeded order of the
 * training set ({@code Seeds.split(seed, "sgd.shuffle")}); the weights start from
 * {@link org.altmin.solvers.common.Initialization} with {@code Seeds.split(seed, "sgd.init")}, biases at 0. The run
 * is {@link IterativeOptimizer}'s lifecycle around an {@link SgdSession}; each epoch, and the starting point as
 * iteration 0, is reported as an {@link org.altmin.api.IterationReport} with
 * <ul>
 *   <li>the objective {@code F = R(z_L; y) + sum_l Omega_l(W_l)} at the epoch's end, terms {@code risk} (the summed
 *       training loss) and {@code regularization};</li>
 *   <li>blocks {@code W_l} and {@code b_l} of every layer: the squared step over the epoch and the time spent updating
 *       them; no trials, and modulus NaN, since SGD states no descent inequality;</li>
 *   <li>the diagnostic {@code learning_rate}, lr_k of the epoch (NaN at iteration 0).</li>
 * </ul>
 * Non-convergence is a result: a non-finite weight, bias, regularization or training loss, or a minibatch whose
 * component rejects its input, ends the run with status DIVERGED and a diagnosis naming the quantity, the layer and
 * the epoch, and lr_k.
 *
 * <p>{@link #theory()} claims none of DLAM's properties and cites the rule's paper. {@link #prepare} has nothing to
 * reject: every loss has a (sub)gradient (a non-smooth one makes this a stochastic subgradient method), every
 * activation a derivative, every regularizer a prox, and a batch size above N means full-batch gradient descent.
 *
 * <p>The {@link org.altmin.api.State} given to listeners is {@link org.altmin.api.State#weightsOnly}: the live W and
 * b, no N-sized z and a. Per-batch buffers (activations, deltas, gradients, the gathered minibatch) are allocated
 * once per run; a row-major x is copied once to column-major order for the minibatch gather (see
 * {@link Minibatches}). The risk costs one forward pass of the training set per epoch on top of the lifecycle's
 * evaluation (see {@link SgdSession#measure}).
 */
public final class SgdOptimizer extends IterativeOptimizer {
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

    /** One reported iteration is one epoch. */
    @Override
    public IterationUnit unit() {
        return IterationUnit.EPOCH;
    }

    /**
     * None of the properties of DLAM's kind: a stochastic step need not decrease F, and the rules' own results (for
     * convex problems, in expectation or as regret bounds, where their papers give any) are not what the monitors
     * check. Cites the rule's {@link UpdateRule#paper()} and the forward-backward splitting of the prox step.
     */
    @Override
    public Theory theory() {
        return Theory.none(rule.paper() + "; proximal step as in J. Duchi and Y. Singer, \"Efficient online and batch"
                + " learning using forward backward splitting\", JMLR 10, 2009");
    }

    /**
     * Whether the update rule's steppers save their state ({@link UpdateRule#resumable()}; every shipped rule's do):
     * then the session saves the weights, the steppers' moments and step counts, and the shuffling stream.
     */
    @Override
    public boolean resumable() {
        return rule.resumable();
    }

    @Override
    protected Session open(Problem problem) {
        return new SgdSession(settings, rule, problem);
    }
}
