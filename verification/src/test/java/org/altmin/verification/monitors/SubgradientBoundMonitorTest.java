package org.altmin.verification.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockReport;
import org.altmin.api.Claim;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.NetworkSpec;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.State;
import org.altmin.api.Theory;
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
    private final List<BlockReport> steps = Records.layer(1, 1.0, 1.0, 2.0, 3.0, 0.0, Double.NaN);

    @Test
    void computesTheWAndBPartsOfTheSubgradientExactly() {
        handExample();
        double expected = handExpected();
        assertThat(SubgradientBoundMonitor.gradientSquared(problem, state, RHO)).isCloseTo(expected, within(1e-12));

        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(StandaloneRun.of(problem, state));
        m.onIteration(Records.record(1, 0, steps), state);
        var r = m.report();
        assertThat(r.evaluated()).isEqualTo(1);
        assertThat(r.lastStepNorm()).isCloseTo(Math.sqrt(6), within(1e-12));
        assertThat(r.maxRatio()).isCloseTo(Math.sqrt(expected / 6), within(1e-12));
        assertThat(r.maxRatioIteration()).isEqualTo(1);
        assertThat(r.source()).isEqualTo(SubgradientBoundMonitor.FROM_STATE);
        assertThat(r.components()).containsExactly("W", "b");
        assertThat(m.verdict().passed()).isTrue();
    }

    @Test
    void stationaryPointHasRatioZero() {
        // W = 0, b = 0, z = 0: residual 0, lambda W = 0.
        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(StandaloneRun.of(problem, state));
        m.onIteration(Records.record(1, 0, steps), state);
        assertThat(m.report().maxRatio()).isZero();
    }

    @Test
    void nonZeroSubgradientWithoutAStepFails() {
        state.z(1).assign(1.0);
        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(StandaloneRun.of(problem, state));
        m.onIteration(Records.record(1, 0, Records.layer(1, 0, 1.0, 0, 0, 0, Double.NaN)), state);
        assertThat(m.report().nonFinite()).isEqualTo(1);
        assertThat(m.verdict().failed()).isTrue();
    }

    @Test
    void boundAndStrideAreHonoured() {
        state.z(1).assign(1.0);
        var m = new SubgradientBoundMonitor(RHO, 2, 1e-3);
        m.onStart(StandaloneRun.of(problem, state));
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
        assertThatThrownBy(() -> new SubgradientBoundMonitor(0, 1.0)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new SubgradientBoundMonitor(1, -1.0)).isInstanceOf(InvalidParameterException.class);
        assertThat(new SubgradientBoundMonitor(1).verdict().skipped()).isTrue();
    }

    @Test
    void theObjectiveModelGivesTheSameRatioAsTheStateFallback() {
        handExample();
        var fromState = new SubgradientBoundMonitor(RHO);
        fromState.onStart(StandaloneRun.of(problem, state));
        var model = new DirectModel(problem, state, RHO);
        var fromModel = new SubgradientBoundMonitor(); // no rho: the model only
        fromModel.onStart(StandaloneRun.of(problem, state).withObjective(model));
        fromState.onIteration(Records.record(1, 0, steps), state);
        fromModel.onIteration(Records.record(1, 0, steps), state);
        assertThat(fromModel.report().source()).isEqualTo(SubgradientBoundMonitor.FROM_MODEL);
        assertThat(fromModel.report().maxRatio()).isCloseTo(Math.sqrt(handExpected() / 6), within(1e-12));
        assertThat(fromModel.report().maxRatio()).isCloseTo(fromState.report().maxRatio(), within(1e-12));
        assertThat(fromModel.report().lastGradientNorm())
                .isCloseTo(fromState.report().lastGradientNorm(), within(1e-12));

        // A second point, and the buffers: allocated once in onStart, the same arrays at every evaluation.
        state.w(1).muli(-2);
        state.z(1).addi(0.25);
        state.b(1).assign(Nd4j.create(new double[][] {{-1}, {2}}));
        fromState.onIteration(Records.record(2, 0, steps), state);
        fromModel.onIteration(Records.record(2, 0, steps), state);
        assertThat(fromModel.report().lastRatio()).isCloseTo(fromState.report().lastRatio(), within(1e-12));
        assertThat(model.calls).isEqualTo(4); // W_1 and b_1, twice
        assertThat(model.buffers).hasSize(2);
        assertThat(fromModel.verdict().passed()).as(fromModel.verdict().describe()).isTrue();
        assertThat(fromModel.verdict().detail()).contains(SubgradientBoundMonitor.FROM_MODEL);
    }

    @Test
    void aModelWithoutTheBPartialFallsBackToTheState() {
        handExample();
        var model = new DirectModel(problem, state, RHO) {
            @Override
            public List<String> differentiable() {
                return List.of(State.W);
            }
        };
        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(StandaloneRun.of(problem, state).withObjective(model));
        m.onIteration(Records.record(1, 0, steps), state);
        assertThat(m.report().source()).isEqualTo(SubgradientBoundMonitor.FROM_STATE);
        assertThat(model.calls).isZero();
        assertThat(m.report().maxRatio()).isCloseTo(Math.sqrt(handExpected() / 6), within(1e-12));

        var modelOnly = new SubgradientBoundMonitor();
        modelOnly.onStart(StandaloneRun.of(problem, state).withObjective(model));
        modelOnly.onIteration(Records.record(1, 0, steps), state);
        assertThat(modelOnly.verdict().skipped()).isTrue();
        assertThat(modelOnly.verdict().detail()).contains("no objective model").contains("no rho");
        assertThat(modelOnly.report().evaluated()).isZero();
    }

    @Test
    void aPropertyTheTheoryDoesNotClaimIsSkippedWithItsCondition() {
        state.z(1).assign(1.0);
        var m = new SubgradientBoundMonitor(RHO, 1, 1e-9);
        String condition = "Taylor et al. prove no subgradient bound for their ADMM";
        m.onStart(StandaloneRun.of(problem, state,
                Runs.claiming(Property.SUBGRADIENT_BOUND, Claim.NEVER, condition)));
        m.onIteration(Records.record(1, 0, Records.layer(1, 0, 1.0, 0, 0, 0, Double.NaN)), state); // would fail
        assertThat(m.verdict().skipped()).isTrue();
        assertThat(m.verdict().detail()).isEqualTo("skipped: " + condition);
        assertThat(m.report().evaluated()).isZero();

        var none = new SubgradientBoundMonitor(RHO);
        none.onStart(StandaloneRun.of(problem, state, Theory.none("Taylor et al., ICML 2016")));
        assertThat(none.verdict().skipped()).isTrue();
        assertThat(none.verdict().detail()).contains("Property 3 (subgradient bound) is not proved for this method");
    }

    @Test
    void aClaimFromALaterIterationIsEvaluatedOnlyFromThere() {
        state.z(1).assign(1.0);
        var m = new SubgradientBoundMonitor(RHO);
        m.onStart(StandaloneRun.of(problem, state, Runs.claiming(Property.SUBGRADIENT_BOUND, 3, "eps fixed from 3")));
        List<BlockReport> still = Records.layer(1, 0, 1.0, 0, 0, 0, Double.NaN);
        m.onIteration(Records.record(1, 0, still), state); // infinite ratio, not covered
        m.onIteration(Records.record(2, 0, still), state);
        m.onIteration(Records.record(3, 0, steps), state);
        assertThat(m.report().evaluated()).isEqualTo(1);
        assertThat(m.report().nonFinite()).isZero();
        assertThat(m.report().coverage().notCovered()).isEqualTo(2);
        assertThat(m.verdict().passed()).isTrue();
        assertThat(m.verdict().detail()).contains("2 iterations before iteration 3 not applicable (not checked): eps fixed from 3");
    }

    /** The hand example's point. */
    private void handExample() {
        state.w(1).assign(Nd4j.create(new double[][] {{1, 0}, {2, -1}}));
        state.b(1).assign(Nd4j.create(new double[][] {{0.5}, {-0.5}}));
        state.z(1).assign(Nd4j.create(new double[][] {{1, 1, 1}, {0, 0, 0}}));
    }

    /** {@code ||g_W||^2 + ||g_b||^2} at the hand example, by hand. */
    private static double handExpected() {
        // By hand: W x = [[1, 2, 0], [3, 4, -3]]; r = z - W x - b = [[-0.5, -1.5, 0.5], [-2.5, -3.5, 3.5]].
        // g_W = -rho r x^T + lambda W; r x^T = [[-0.5 - 3 + 0, 0.5 + 0 + 1.5], [-2.5 - 7 + 0, 2.5 + 0 + 10.5]]
        //     = [[-3.5, 2], [-9.5, 13]];  g_W = [[1.75 + 0.1, -1 + 0], [4.75 + 0.2, -6.5 - 0.1]]
        // g_b = -rho r 1 = -0.5 [-1.5, -2.5] = [0.75, 1.25]
        return sq(1.85) + sq(-1.0) + sq(4.95) + sq(-6.6) + sq(0.75) + sq(1.25);
    }

    private static double sq(double v) {
        return v * v;
    }

    /**
     * The objective model of F = R(z) + sum_l Omega_l(W_l) + (rho/2) sum_l ||z_l - W_l a_{l-1} - b_l||^2 for the
     * partials in W and b, computed directly, element by element in double loops (no ND4J product), so that it is
     * an independent computation of the same gradient. Counts its calls and remembers the buffers it was given.
     */
    private static class DirectModel implements ObjectiveModel {
        private final Problem problem;
        private final State state;
        private final double rho;
        int calls;
        final Map<INDArray, Boolean> buffers = new IdentityHashMap<>();

        DirectModel(Problem problem, State state, double rho) {
            this.problem = problem;
            this.state = state;
            this.rho = rho;
        }

        @Override
        public double value() {
            double coupling = 0;
            for (int l = 1; l <= state.layers(); l++) {
                double[][] r = residual(l);
                for (double[] row : r) {
                    for (double v : row) {
                        coupling += v * v;
                    }
                }
            }
            double reg = 0;
            for (int l = 1; l <= state.layers(); l++) {
                reg += problem.regularizer(l).value(state.w(l));
            }
            return problem.loss().value(state.z(state.layers()), problem.data().y()) + reg + rho / 2 * coupling;
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
            if (!differentiable().contains(variable)) {
                throw InvalidParameterException.of("DirectModel", "variable", variable, "one of " + differentiable());
            }
            calls++;
            buffers.put(out, true);
            double[][] r = residual(layer);
            INDArray aPrev = state.a(layer - 1);
            if (variable.equals(State.W)) {
                INDArray omega = problem.regularizer(layer).subgradient(state.w(layer));
                for (int i = 0; i < out.rows(); i++) {
                    for (int j = 0; j < out.columns(); j++) {
                        double s = 0;
                        for (int n = 0; n < r[i].length; n++) {
                            s += r[i][n] * aPrev.getDouble(j, n);
                        }
                        out.putScalar(i, j, -rho * s + omega.getDouble(i, j));
                    }
                }
            } else {
                for (int i = 0; i < out.rows(); i++) {
                    double s = 0;
                    for (double v : r[i]) {
                        s += v;
                    }
                    out.putScalar(i, 0, -rho * s);
                }
            }
        }

        /** {@code z_l - W_l a_{l-1} - b_l} element by element. */
        private double[][] residual(int l) {
            INDArray w = state.w(l);
            INDArray aPrev = state.a(l - 1);
            INDArray z = state.z(l);
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < z.rows(); i++) {
                double[] row = new double[(int) z.columns()];
                for (int n = 0; n < row.length; n++) {
                    double wa = 0;
                    for (int j = 0; j < w.columns(); j++) {
                        wa += w.getDouble(i, j) * aPrev.getDouble(j, n);
                    }
                    row[n] = z.getDouble(i, n) - wa - state.b(l).getDouble(i, 0);
                }
                rows.add(row);
            }
            return rows.toArray(new double[0][]);
        }
    }
}
