package org.altmin.verification.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.altmin.api.BlockReport;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.NetworkSpec;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.Problem;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.TrainingData;
import org.altmin.verification.Doubles;
import org.altmin.verification.checks.TestPoints;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * The three monitors on a real alternating minimization: one weight layer (L = 1),
 * {@code F = (1/2)||z - y||^2 + (lambda/2)||W||^2 + (rho/2)||z - W x - b 1^T||^2}, each block minimized exactly.
 * Exact minimization of a block that is mu-strongly convex decreases F by at least (mu/2)||step||^2, with
 * {@code mu >= lambda} for W, {@code rho N >= rho} for b and {@code 1 + rho >= rho} for z, so inequality 7 holds with
 * theta = lambda; the iterates converge, so they stay bounded and the subgradient ratio stays finite. Each block
 * reports its modulus in its {@link BlockReport}: by default the weak ones (lambda, rho, rho) that the old monitor
 * used, and in {@link #theStrongModuliOfEachBlockHoldToo} the exact ones (lambda, rho N, 1 + rho).
 */
class MonitorsOnExactBlockDescentTest {
    private static final double RHO = 0.7;
    private static final double LAMBDA = 0.2;
    private static final int ITERATIONS = 15;

    private final SplittableRandom rng = new SplittableRandom(17);
    private final INDArray x = TestPoints.matrixAtScale(rng, 3, 8, 1.0);
    private final INDArray y = TestPoints.oneHot(rng, 2, 8);
    private final NetworkSpec network = NetworkSpec.of(3, 2);
    private final Problem problem = Problem.uniform(network, new TrainingData(x, y), new Doubles.SquareLoss(),
            new Doubles.SquaredFrobenius(LAMBDA), new Doubles.Relu(), 1L);

    @Test
    void allMonitorsPassOnExactBlockDescent() {
        var bounded = new BoundednessMonitor();
        var descent = new SufficientDescentMonitor();
        var subgradient = new SubgradientBoundMonitor(RHO);
        run(IterationListener.all(List.of(bounded, descent, subgradient)), 1.0, RHO, RHO);
        assertThat(descent.verdict().passed()).as(descent.verdict().describe()).isTrue();
        assertThat(descent.report().checked()).isEqualTo(ITERATIONS);
        assertThat(descent.report().minMargin()).isGreaterThanOrEqualTo(-1e-6);
        assertThat(bounded.verdict().passed()).as(bounded.verdict().describe()).isTrue();
        assertThat(subgradient.verdict().passed()).as(subgradient.verdict().describe()).isTrue();
        assertThat(subgradient.report().evaluated()).isEqualTo(ITERATIONS);
        assertThat(subgradient.report().maxRatio()).isPositive().isFinite();
    }

    @Test
    void overstatedThetaIsCaughtAsInsufficientDescent() {
        // A solver that reports theta 1000 times larger than its step earned claims more descent than F shows.
        var descent = new SufficientDescentMonitor();
        run(descent, 1000.0, RHO, RHO);
        assertThat(descent.verdict().failed()).as(descent.verdict().describe()).isTrue();
        assertThat(descent.report().violations().get(0).iteration()).isEqualTo(1);
    }

    @Test
    void theStrongModuliOfEachBlockHoldToo() {
        // The b block reports rho N and the z block 1 + rho, the moduli of their exact minimizations: the monitor
        // weighs each step by its reported modulus, and exact block descent earns them.
        var descent = new SufficientDescentMonitor();
        run(descent, 1.0, RHO * x.columns(), 1 + RHO);
        assertThat(descent.verdict().passed()).as(descent.verdict().describe()).isTrue();
        assertThat(descent.report().checked()).isEqualTo(ITERATIONS);
    }

    @Test
    void theObjectiveModelAndTheStateGiveTheSameSubgradientRatios() {
        var fromState = new SubgradientBoundMonitor(RHO);
        run(fromState, 1.0, RHO, RHO);
        var fromModel = new SubgradientBoundMonitor();
        run(new IterationListener() {
            @Override
            public void onStart(RunContext run) {
                fromModel.onStart(StandaloneRun.of(problem, run.state()).withObjective(new CouplingModel(run.state())));
            }

            @Override
            public void onIteration(IterationReport report, State state) {
                fromModel.onIteration(report, state);
            }
        }, 1.0, RHO, RHO);
        assertThat(fromModel.report().source()).isEqualTo(SubgradientBoundMonitor.FROM_MODEL);
        assertThat(fromModel.report().evaluated()).isEqualTo(ITERATIONS);
        assertThat(fromModel.report().maxRatio()).isCloseTo(fromState.report().maxRatio(),
                within(1e-9 * fromState.report().maxRatio()));
    }

    /** The partials of this test's F in W and b: {@code -rho r x^T + lambda W} and {@code -rho r 1}. */
    private final class CouplingModel implements ObjectiveModel {
        private final State s;

        CouplingModel(State s) {
            this.s = s;
        }

        private INDArray residual() {
            return s.z(1).sub(s.w(1).mmul(x).addiColumnVector(s.b(1)));
        }

        @Override
        public double value() {
            double r = residual().norm2Number().doubleValue();
            return problem.loss().value(s.z(1), y) + problem.regularizer(1).value(s.w(1)) + RHO / 2 * r * r;
        }

        @Override
        public Map<String, Double> terms() {
            return Map.of();
        }

        @Override
        public List<String> differentiable() {
            return List.of(State.W, State.B);
        }

        @Override
        public void subgradient(String variable, int layer, INDArray out) {
            INDArray r = residual();
            if (variable.equals(State.W)) {
                out.assign(r.mmul(x.transpose()).muli(-RHO).addi(s.w(1).mul(LAMBDA)));
            } else {
                out.assign(r.sum(true, 1).muli(-RHO));
            }
        }
    }

    private void run(IterationListener listener, double thetaFactor, double bModulus, double zModulus) {
        State s = State.zeros(network, x);
        s.w(1).assign(TestPoints.matrixAtScale(rng, 2, 3, 1.0));
        listener.onStart(StandaloneRun.of(problem, s));
        listener.onIteration(record(0, s, List.of()), s);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, x.columns(), 1);
        INDArray gram = x.mmul(x.transpose()).muli(RHO).addi(Nd4j.eye(3).muli(LAMBDA));
        INDArray gramInverse = InvertMatrix.invert(gram, false);
        for (int k = 1; k <= ITERATIONS; k++) {
            INDArray w0 = s.w(1).dup();
            INDArray b0 = s.b(1).dup();
            INDArray z0 = s.z(1).dup();
            // W = rho (z - b 1^T) x^T (lambda I + rho x x^T)^{-1}
            s.w(1).assign(s.z(1).subColumnVector(s.b(1)).mmul(x.transpose()).muli(RHO).mmul(gramInverse));
            // b = mean over samples of (z - W x)
            s.b(1).assign(s.z(1).sub(s.w(1).mmul(x)).mmul(ones).divi(x.columns()));
            // z = (y + rho (W x + b)) / (1 + rho)
            INDArray affine = s.w(1).mmul(x).addiColumnVector(s.b(1));
            s.z(1).assign(y.add(affine.mul(RHO)).divi(1 + RHO));
            List<BlockReport> blocks = new ArrayList<>();
            blocks.add(step("W", s.w(1), w0, LAMBDA * thetaFactor));
            blocks.add(step("b", s.b(1), b0, bModulus));
            blocks.add(step("z", s.z(1), z0, zModulus));
            listener.onIteration(record(k, s, blocks), s);
        }
    }

    private static BlockReport step(String variable, INDArray now, INDArray before, double modulus) {
        double d = now.distance2(before);
        return new BlockReport(variable, 1, d * d, 1, modulus, false, 0L);
    }

    private IterationReport record(int k, State s, List<BlockReport> blocks) {
        double risk = problem.loss().value(s.z(1), y);
        double reg = problem.regularizer(1).value(s.w(1));
        double r = s.z(1).sub(s.w(1).mmul(x).addiColumnVector(s.b(1))).norm2Number().doubleValue();
        double coupling = RHO / 2 * r * r;
        return IterationReport.builder(k, IterationUnit.ITERATION).objective(risk + reg + coupling).term("risk", risk)
                .term("regularization", reg).term("coupling", coupling).term("infeasibility", 0.0).blocks(blocks)
                .build();
    }
}
