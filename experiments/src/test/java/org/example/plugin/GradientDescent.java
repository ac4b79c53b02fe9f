package org.example.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.altmin.api.BlockReport;
import org.altmin.api.BlockStep;
import org.altmin.api.Claim;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.State;
import org.altmin.api.Theory;
import org.altmin.api.Validate;
import org.altmin.solvers.core.BlockSweep;
import org.altmin.solvers.core.IterativeOptimizer;
import org.altmin.solvers.core.Measurement;
import org.altmin.solvers.core.Session;
import org.altmin.solvers.core.Sweep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An optimizer written outside the framework, against public API only ({@code org.altmin.api} and the skeleton of
 * {@code org.altmin.solvers.core}), registered by {@link PluginModule} and run end to end through the CLI and the
 * runner: block-coordinate gradient descent with Armijo backtracking on a linear model {@code z = W x + b}
 * ({@code --widths none}), minimizing
 *
 * <pre>
 * F(W, b) = R(W x + b 1^T; y) / N + Omega(W)
 * </pre>
 *
 * with the problem's loss R (summed over samples, so divided by N here) and regularizer Omega. One iteration runs
 * two blocks, W_1 then b_1; each steps along its negative partial gradient {@code -t g}, starting at {@code t = rate}
 * and shrinking {@code t <- rho t} until the Armijo condition {@code F(x - t g) <= F(x) - sigma t ||g||^2} holds
 * ({@value #SIGMA} for sigma, at most {@value #MAX_TRIALS} trials; when none is accepted the block keeps its value and
 * reports a fallback). So each block's step satisfies {@code F(before) - F(after) >= (c/2)||step||^2} with modulus
 * {@code c = 2 sigma / t}, which it reports, and the descent monitor checks.
 *
 * <p>What the skeleton does for it: the starting report, timing, the non-finite guards, stopping (budget, a
 * listener's request), the evaluation and the result. What it writes: {@link #prepare} (a linear model and a smooth
 * loss, checked before a run directory exists), {@link #theory}, and a {@link Session} with its blocks (a
 * {@link BlockSweep}), its measurement (F, its terms and the diagnostic {@code gradient_norm}) and an
 * {@link ObjectiveModel} for the subgradient monitor. {@code failAt > 0} declares divergence at that iteration, for
 * testing the DIVERGED path.
 */
public final class GradientDescent extends IterativeOptimizer {
    public static final String NAME = "test-gd";
    public static final double DEFAULT_RATE = 0.5;
    /** The backtracking factor (Nocedal and Wright's rho), in (0, 1). */
    public static final double DEFAULT_RHO = 0.5;
    /** Armijo's sufficient-decrease constant. */
    public static final double SIGMA = 0.5;
    public static final int MAX_TRIALS = 40;
    /** The name of the diagnostic with {@code ||grad F||} at the current point. */
    public static final String GRADIENT_NORM = "gradient_norm";

    private static final Theory THEORY = new Theory("Armijo backtracking on an L-smooth objective "
            + "(L. Armijo, Pacific J. Math. 16(1), 1966; Nocedal and Wright, Numerical Optimization, section 3.1)",
            List.of(Claim.holds(Property.BOUNDEDNESS, "sufficient descent keeps x^k in {F <= F^0}",
                            "the level set {F <= F^0} is bounded when Omega is coercive (e.g. test-l2 with "
                                    + "lambda > 0); without one the monitor watches the growth"),
                    Claim.holds(Property.SUFFICIENT_DESCENT, "the Armijo condition of each block",
                            "F(before) - F(after) >= sigma t ||g||^2 = (c/2)||step||^2 with c = 2 sigma / t"),
                    Claim.holds(Property.SUBGRADIENT_BOUND, "L-smoothness of F",
                            "||grad F(x^{k+1})|| <= (1/t + L) ||x^{k+1} - x^k|| for a smooth loss and regularizer")));

    private final double rate;
    private final double rho;
    private final int failAt;

    public GradientDescent(double rate, double rho, int failAt) {
        this.rate = Validate.positive(NAME, "rate", rate);
        this.rho = Validate.positive(NAME, "rho", rho);
        if (!(rho < 1)) {
            throw InvalidParameterException.of(NAME, "rho", rho, "in (0, 1) (the backtracking factor)");
        }
        if (failAt < 0) {
            throw InvalidParameterException.of(NAME, "failAt", failAt, ">= 0 (0: never)");
        }
        this.failAt = failAt;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Theory theory() {
        return THEORY;
    }

    /** A linear model and a differentiable loss: checked before anything is written. */
    @Override
    public void prepare(Problem problem) {
        if (problem.layers() != 1) {
            throw InvalidParameterException.of(NAME, "network.layers", problem.layers(),
                    "1 (a linear model: --widths none)");
        }
        if (!problem.loss().isSmooth()) {
            throw InvalidParameterException.of(NAME, "loss", problem.loss().getClass().getSimpleName(),
                    "a differentiable loss (gradient descent needs its gradient)");
        }
    }

    @Override
    protected Session open(Problem problem) {
        return new Descent(problem);
    }

    /** One run: W_1, b_1 and their buffers, allocated once in the problem's dtype. */
    private final class Descent implements Session, ObjectiveModel {
        private final Problem problem;
        private final State state;
        private final INDArray x;
        private final INDArray y;
        private final INDArray w;
        private final INDArray b;
        private final INDArray z;
        private final INDArray g;
        private final INDArray gradW;
        private final INDArray gradB;
        private final INDArray regularizerGradient;
        private final INDArray savedW;
        private final INDArray savedB;
        private final BlockSweep<Descent> sweep;

        Descent(Problem problem) {
            this.problem = problem;
            x = problem.data().x();
            y = problem.data().y();
            state = State.weightsOnly(problem.network(), x); // W = 0, b = 0: F is convex in (W, b) for a convex R
            w = state.w(1);
            b = state.b(1);
            z = Nd4j.create(problem.dtype(), y.rows(), y.columns());
            g = Nd4j.create(problem.dtype(), y.rows(), y.columns());
            gradW = Nd4j.create(problem.dtype(), w.rows(), w.columns());
            regularizerGradient = Nd4j.create(problem.dtype(), w.rows(), w.columns());
            gradB = Nd4j.create(problem.dtype(), b.rows(), 1);
            savedW = Nd4j.create(problem.dtype(), w.rows(), w.columns());
            savedB = Nd4j.create(problem.dtype(), b.rows(), 1);
            sweep = new BlockSweep<>(List.of(
                    new BlockSweep.Step<Descent>(State.W, 1, "W block", (d, l) -> d.descend(d.w, d.gradW, d.savedW)),
                    new BlockSweep.Step<Descent>(State.B, 1, "b block", (d, l) -> d.descend(d.b, d.gradB, d.savedB))),
                    true);
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public List<BlockReport> layout() {
            return sweep.layout();
        }

        @Override
        public Sweep iterate(int k) {
            Sweep done = sweep.run(this, k);
            return k == failAt ? done.withFailure(NAME + ": divergence declared at iteration " + k + " (failAt)") : done;
        }

        @Override
        public Measurement measure(int k) {
            double f = gradient();
            double norm = Math.sqrt(squared(gradW) + squared(gradB));
            String bad = Double.isFinite(f) ? null : "F = " + f + " at iteration " + k;
            return new Measurement(f, terms(), Map.of(GRADIENT_NORM, norm), bad);
        }

        @Override
        public Optional<ObjectiveModel> model() {
            return Optional.of(this);
        }

        /**
         * One Armijo step of {@code block} (W or b) along its partial gradient {@code grad} at the current point;
         * {@code saved} keeps the block's value meanwhile (no allocation per step).
         */
        private BlockStep descend(INDArray block, INDArray grad, INDArray saved) {
            double before = gradient();
            double g2 = squared(grad);
            if (g2 == 0) {
                return new BlockStep(0.0, 0, Double.NaN, false, 0L);
            }
            saved.assign(block);
            double t = rate;
            for (int trials = 1; trials <= MAX_TRIALS; trials++, t *= rho) {
                block.assign(grad).muli(-t).addi(saved);
                if (objective() <= before - SIGMA * t * g2) {
                    return new BlockStep(t * t * g2, trials, 2 * SIGMA / t, false, 0L);
                }
            }
            block.assign(saved);
            return new BlockStep(0.0, MAX_TRIALS, Double.NaN, true, 0L);
        }

        /** F at the current point, with z = W x + b. */
        private double objective() {
            Nd4j.gemm(w, x, z, false, false, 1.0, 0.0);
            z.addiColumnVector(b);
            return problem.loss().value(z, y) / x.columns() + problem.regularizer(1).value(w);
        }

        /** F at the current point, and its partial gradients into gradW and gradB. */
        private double gradient() {
            double f = objective();
            problem.loss().gradient(z, y, g);
            g.divi(x.columns());
            Nd4j.gemm(g, x, gradW, false, true, 1.0, 0.0);
            problem.regularizer(1).subgradient(w, regularizerGradient);
            gradW.addi(regularizerGradient);
            gradB.assign(g.sum(true, 1));
            return f;
        }

        private double squared(INDArray a) {
            double norm = a.norm2Number().doubleValue();
            return norm * norm;
        }

        // ObjectiveModel: the objective and its gradients at the run's current point, for the monitors.

        @Override
        public double value() {
            return objective();
        }

        @Override
        public Map<String, Double> terms() {
            Nd4j.gemm(w, x, z, false, false, 1.0, 0.0);
            z.addiColumnVector(b);
            Map<String, Double> terms = new LinkedHashMap<>();
            terms.put("risk", problem.loss().value(z, y) / x.columns());
            terms.put("regularization", problem.regularizer(1).value(w));
            return terms;
        }

        @Override
        public List<String> differentiable() {
            return List.of(State.W, State.B);
        }

        @Override
        public void subgradient(String variable, int layer, INDArray out) {
            if (layer != 1 || !differentiable().contains(variable)) {
                throw InvalidParameterException.of(NAME, "variable", variable + "_" + layer, "W_1 or b_1");
            }
            gradient();
            INDArray source = variable.equals(State.W) ? gradW : gradB;
            Validate.sameShape(NAME, "out", out, source);
            out.assign(source);
        }
    }
}
