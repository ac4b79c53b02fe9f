package org.altmin.verification.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.LayerStats;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.altmin.api.TrainingData;
import org.altmin.verification.Doubles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SubgradientBoundMonitorTest {
    private static final double RHO = 0.5;
    private static final double LAMBDA = 0.1;
    // One weight layer (L = 1): F = R(z_1) + (lambda/2)||W||^2 + (rho/2)||z_1 - W x - b||^2.
    private final INDArray x = Nd4j.create(new double[][] {{1, 2, 0}, {-1, 0, 3}});
    private final INDArray y = Nd4j.create(new double[][] {{1, 0, 1}, {0, 1, 0}});
    private final Problem problem = Problem.uniform(NetworkSpec.of(2, 2), new TrainingData(x, y),
            new Doubles.SquareLoss(), new Doubles.SquaredFrobenius(LAMBDA), new Doubles.Relu(), 1L);
    private final State state = State.zeros(NetworkSpec.of(2, 2), x);
    // |x^{k+1} - x^k|^2 = 1 + 2 + 3 + 0 = 6
    private final List<LayerStats> steps = List.of(Records.layer(1, 1.0, 1.0, 2.0, 3.0, 0.0, Double.NaN));

    @Test
    void computesTheWAndBPartsOfTheSubgradientExactly() {
        state.w(1).assign(Nd4j.create(new double[][] {{1, 0}, {2, -1}}));
        state.b(1).assign(Nd4j.create(new double[][] {{0.5}, {-0.5}}));
        state.z(1).assign(Nd4j.create(new double[][] {{1, 1, 1}, {0, 0, 0}}));
        // By hand: W x = [[1, 2, 0], [3, 4, -3]]; r = z - W x - b = [[-0.5, -1.5, 0.5], [-2.5, -3.5, 3.5]].
        // g_W = -rho r x^T + lambda W; r x^T = [[-0.5 - 3 + 0, 0.5 + 0 + 1.5], [-2.5 - 7 + 0, 2.5 + 0 + 10.5]]
        //     = [[-3.5, 2], [-9.5, 13]];  g_W = [[1.75 + 0.1, -1 + 0], [4.75 + 0.2, -6.5 - 0.1]]
        // g_b = -rho r 1 = -0.5 [-1.5, -2.5] = [0.75, 1.25]
        double expected = sq(1.85) + sq(-1.0) + sq(4.95) + sq(-6.6) + sq(0.75) + sq(1.25);
        assertThat(SubgradientBoundMonitor.gradientSquared(problem, state, RHO)).isCloseTo(expected, within(1e-12));

        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(problem, state);
        m.onIteration(Records.record(1, 0, steps), state);
        var r = m.report();
        assertThat(r.evaluated()).isEqualTo(1);
        assertThat(r.lastStepNorm()).isCloseTo(Math.sqrt(6), within(1e-12));
        assertThat(r.maxRatio()).isCloseTo(Math.sqrt(expected / 6), within(1e-12));
        assertThat(r.maxRatioIteration()).isEqualTo(1);
        assertThat(m.verdict().passed()).isTrue();
    }

    @Test
    void stationaryPointHasRatioZero() {
        // W = 0, b = 0, z = 0: residual 0, lambda W = 0.
        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(problem, state);
        m.onIteration(Records.record(1, 0, steps), state);
        assertThat(m.report().maxRatio()).isZero();
    }

    @Test
    void nonZeroSubgradientWithoutAStepFails() {
        state.z(1).assign(1.0);
        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(problem, state);
        m.onIteration(Records.record(1, 0, List.of(Records.layer(1, 0, 1.0, 0, 0, 0, Double.NaN))), state);
        assertThat(m.report().nonFinite()).isEqualTo(1);
        assertThat(m.verdict().failed()).isTrue();
    }

    @Test
    void boundAndStrideAreHonoured() {
        state.z(1).assign(1.0);
        var m = new SubgradientBoundMonitor(RHO, 2, 1e-3);
        m.onStart(problem, state);
        m.onIteration(Records.record(1, 0, steps), state); // skipped by stride
        assertThat(m.report().evaluated()).isZero();
        m.onIteration(Records.record(2, 0, steps), state);
        assertThat(m.report().evaluated()).isEqualTo(1);
        assertThat(m.report().aboveBound()).isEqualTo(1);
        assertThat(m.verdict().failed()).isTrue();
    }

    @Test
    void requiresOnStartAndValidParameters() {
        var m = new SubgradientBoundMonitor(RHO);
        assertThatThrownBy(() -> m.onIteration(Records.record(1, 0, steps), state))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("onStart");
        assertThatThrownBy(() -> new SubgradientBoundMonitor(-1)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new SubgradientBoundMonitor(1, 0, 1)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new SubgradientBoundMonitor(1, 1, 0)).isInstanceOf(InvalidParameterException.class);
        assertThat(new SubgradientBoundMonitor(1).verdict().skipped()).isTrue();
    }

    private static double sq(double v) {
        return v * v;
    }
}
