package org.altmin.verification.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.altmin.api.BlockStep;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.NetworkSpec;
import org.altmin.api.ObjectiveTerms;
import org.altmin.api.Problem;
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
 * theta = lambda; the iterates converge, so they stay bounded and the subgradient ratio stays finite.
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
        var descent = new SufficientDescentMonitor(RHO);
        var subgradient = new SubgradientBoundMonitor(RHO);
        run(IterationListener.all(List.of(bounded, descent, subgradient)), 1.0);
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
        var descent = new SufficientDescentMonitor(RHO);
        run(descent, 1000.0);
        assertThat(descent.verdict().failed()).as(descent.verdict().describe()).isTrue();
        assertThat(descent.report().violations().get(0).iteration()).isEqualTo(1);
    }

    private void run(IterationListener listener, double thetaFactor) {
        State s = State.zeros(network, x);
        s.w(1).assign(TestPoints.matrixAtScale(rng, 2, 3, 1.0));
        listener.onStart(problem, s);
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
            List<LayerStats> layers = new ArrayList<>();
            layers.add(new LayerStats(1, 0.0, step(s.w(1), w0, LAMBDA * thetaFactor), step(s.b(1), b0, RHO),
                    step(s.z(1), z0, RHO), BlockStep.NONE));
            listener.onIteration(record(k, s, layers), s);
        }
    }

    private static BlockStep step(INDArray now, INDArray before, double parameter) {
        double d = now.distance2(before);
        return new BlockStep(d * d, 1, parameter, false, 0L);
    }

    private IterationRecord record(int k, State s, List<LayerStats> layers) {
        double risk = problem.loss().value(s.z(1), y);
        double reg = problem.regularizer(1).value(s.w(1));
        double r = s.z(1).sub(s.w(1).mmul(x).addiColumnVector(s.b(1))).norm2Number().doubleValue();
        return new IterationRecord(k, new ObjectiveTerms(risk, reg, RHO / 2 * r * r, 0.0), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, layers, 0L);
    }
}
