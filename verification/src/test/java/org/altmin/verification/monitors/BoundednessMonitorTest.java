package org.altmin.verification.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Property;
import org.altmin.api.State;
import org.altmin.api.Theory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BoundednessMonitorTest {
    private final State state = State.zeros(NetworkSpec.of(3, 4, 2), Nd4j.ones(DataType.DOUBLE, 3, 5));

    @Test
    void tracksMaxNormsPerVariable() {
        var m = new BoundednessMonitor(10.0);
        m.onStart(StandaloneRun.of(null, state));
        state.w(1).assign(1.0); // ||W_1|| = sqrt(12)
        state.b(2).assign(2.0); // ||b_2|| = sqrt(8)
        state.z(1).assign(0.5); // ||z_1|| = sqrt(20) / 2
        state.a(1).assign(-1.0); // ||a_1|| = sqrt(20)
        m.onIteration(Records.record(1, 0, List.of()), state);
        var r = m.report();
        assertThat(r.max().get("W")).isCloseTo(Math.sqrt(12), within(1e-12));
        assertThat(r.max().get("b")).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(r.max().get("z")).isCloseTo(Math.sqrt(20) / 2, within(1e-12));
        assertThat(r.max().get("a")).isCloseTo(Math.sqrt(20), within(1e-12));
        assertThat(r.initial().get("W")).isZero();
        assertThat(r.flaggedCount()).isZero();
        assertThat(m.verdict().passed()).isTrue();
    }

    @Test
    void flagsGrowthBeyondTheFactor() {
        var m = new BoundednessMonitor(10.0);
        state.w(2).assign(1.0); // ||W_2|| = sqrt(8) initially
        m.onStart(StandaloneRun.of(null, state));
        state.w(2).assign(9.0); // 9 sqrt(8) < 10 sqrt(8): fine
        m.onIteration(Records.record(1, 0, List.of()), state);
        state.w(2).assign(11.0); // 11 sqrt(8) > 10 sqrt(8): flagged
        m.onIteration(Records.record(2, 0, List.of()), state);
        var r = m.report();
        assertThat(r.flaggedCount()).isEqualTo(1);
        assertThat(r.flagged().get(0).iteration()).isEqualTo(2);
        assertThat(r.flagged().get(0).variable()).isEqualTo("W");
        assertThat(r.flagged().get(0).limit()).isCloseTo(10 * Math.sqrt(8), within(1e-9));
        assertThat(m.verdict().failed()).isTrue();
        assertThat(m.verdict().counterexample().get()).contains("iteration 2");
    }

    @Test
    void nonFiniteNormsAreFlagged() {
        var m = new BoundednessMonitor();
        m.onStart(StandaloneRun.of(null, state));
        state.z(2).putScalar(0, 0, Double.NaN);
        m.onIteration(Records.record(1, 0, List.of()), state);
        assertThat(m.report().flaggedCount()).isEqualTo(1);
        assertThat(m.report().flagged().get(0).variable()).isEqualTo("z");
        assertThat(Double.isNaN(m.report().max().get("z"))).isTrue();
    }

    @Test
    void withoutOnStartTheFirstIterationIsTheBaseline() {
        var m = new BoundednessMonitor(2.0);
        state.b(1).assign(100.0);
        m.onIteration(Records.record(1, 0, List.of()), state);
        m.onIteration(Records.record(2, 0, List.of()), state);
        assertThat(m.report().initial().get("b")).isCloseTo(200.0, within(1e-9));
        assertThat(m.report().coverage().reason()).isEqualTo(Coverage.STANDALONE);
        assertThat(m.verdict().passed()).isTrue();
        assertThat(new BoundednessMonitor().verdict().skipped()).isTrue();
    }

    @Test
    void rejectsGrowthFactorNotAboveOne() {
        assertThatThrownBy(() -> new BoundednessMonitor(1.0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("BoundednessMonitor.growthFactor");
    }

    @Test
    void seesAMethodsOwnVariableAddedWithStateAdd() {
        // ADMM's multiplier lambda_L (output layer only), added to the state by name.
        INDArray[] lambda = new INDArray[state.layers() + 1];
        lambda[2] = Nd4j.zeros(DataType.DOUBLE, 2, 5);
        state.add("lambda", lambda);
        var m = new BoundednessMonitor(10.0);
        m.onStart(StandaloneRun.of(null, state));
        assertThat(m.report().initial().values()).containsOnlyKeys("W", "b", "z", "a", "lambda");
        lambda[2].assign(1.0); // ||lambda_2|| = sqrt(10) < 10
        m.onIteration(Records.record(1, 0, List.of()), state);
        assertThat(m.report().max().get("lambda")).isCloseTo(Math.sqrt(10), within(1e-12));
        assertThat(m.report().flaggedCount()).isZero();
        lambda[2].assign(5.0); // sqrt(250) > 10 * FLOOR
        m.onIteration(Records.record(2, 0, List.of()), state);
        assertThat(m.report().flaggedCount()).isEqualTo(1);
        assertThat(m.report().flagged().get(0).variable()).isEqualTo("lambda");
        assertThat(m.verdict().counterexample().get()).contains("lambda");
    }

    @Test
    void worksForAWeightsOnlyState() {
        State weights = State.weightsOnly(NetworkSpec.of(3, 4, 2), Nd4j.ones(DataType.DOUBLE, 3, 5));
        var m = new BoundednessMonitor(10.0);
        m.onStart(StandaloneRun.of(null, weights));
        weights.w(1).assign(2.0); // sqrt(48)
        m.onIteration(Records.record(1, 0, List.of()), weights);
        assertThat(m.report().max().values()).containsOnlyKeys("W", "b");
        assertThat(m.report().max().get("W")).isCloseTo(Math.sqrt(48), within(1e-12));
        assertThat(m.verdict().passed()).isTrue();
    }

    @Test
    void fromALaterIterationTheReferenceIsTheIterationBefore() {
        // The claim applies from iteration 3: growth during iterations 1-2 is not flagged, and the reference is the
        // state at iteration 2, where the covered stretch starts.
        var m = new BoundednessMonitor(10.0);
        m.onStart(StandaloneRun.of(null, state, Runs.claiming(Property.BOUNDEDNESS, 3, "only once eps is fixed")));
        state.w(1).assign(100.0); // far beyond 10 x FLOOR, but not covered
        m.onIteration(Records.record(1, 0, List.of()), state);
        state.w(1).assign(50.0);
        m.onIteration(Records.record(2, 0, List.of()), state);
        state.w(1).assign(400.0); // 8 x the reference: fine
        m.onIteration(Records.record(3, 0, List.of()), state);
        assertThat(m.report().flaggedCount()).isZero();
        assertThat(m.report().initial().get("W")).isCloseTo(50 * Math.sqrt(12), within(1e-9));
        state.w(1).assign(600.0); // 12 x: flagged
        m.onIteration(Records.record(4, 0, List.of()), state);
        assertThat(m.report().flaggedCount()).isEqualTo(1);
        assertThat(m.report().flagged().get(0).iteration()).isEqualTo(4);
        assertThat(m.report().iterations()).isEqualTo(2);
        assertThat(m.report().coverage().notCovered()).isEqualTo(2);
        assertThat(m.verdict().detail()).contains("2 iterations before iteration 3 not applicable (not checked): only once eps is fixed");
    }

    @Test
    void aPropertyTheTheoryDoesNotClaimIsSkippedWithItsCondition() {
        var m = new BoundednessMonitor(10.0);
        m.onStart(StandaloneRun.of(null, state, Theory.none("Taylor et al., ICML 2016")));
        state.w(1).assign(Double.NaN); // would be flagged
        m.onIteration(Records.record(1, 0, List.of()), state);
        assertThat(m.verdict().skipped()).isTrue();
        assertThat(m.verdict().passed()).isTrue();
        assertThat(m.verdict().detail()).isEqualTo("skipped: "
                + Theory.none("Taylor et al., ICML 2016").whyNot(Property.BOUNDEDNESS));
        assertThat(m.report().iterations()).isZero();
        assertThat(m.report().initial()).isNull(); // nothing is computed for a property that is not monitored
    }
}
