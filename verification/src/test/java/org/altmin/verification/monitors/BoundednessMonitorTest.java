package org.altmin.verification.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.NetworkSpec;
import org.altmin.api.State;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BoundednessMonitorTest {
    private final State state = State.zeros(NetworkSpec.of(3, 4, 2), Nd4j.ones(DataType.DOUBLE, 3, 5));

    @Test
    void tracksMaxNormsPerVariable() {
        var m = new BoundednessMonitor(10.0);
        m.onStart(null, state);
        state.w(1).assign(1.0); // ||W_1|| = sqrt(12)
        state.b(2).assign(2.0); // ||b_2|| = sqrt(8)
        state.z(1).assign(0.5); // ||z_1|| = sqrt(20) / 2
        state.a(1).assign(-1.0); // ||a_1|| = sqrt(20)
        m.onIteration(Records.record(1, 0, List.of()), state);
        var r = m.report();
        assertThat(r.max().w()).isCloseTo(Math.sqrt(12), within(1e-12));
        assertThat(r.max().b()).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(r.max().z()).isCloseTo(Math.sqrt(20) / 2, within(1e-12));
        assertThat(r.max().a()).isCloseTo(Math.sqrt(20), within(1e-12));
        assertThat(r.initial().w()).isZero();
        assertThat(r.flaggedCount()).isZero();
        assertThat(m.verdict().passed()).isTrue();
    }

    @Test
    void flagsGrowthBeyondTheFactor() {
        var m = new BoundednessMonitor(10.0);
        state.w(2).assign(1.0); // ||W_2|| = sqrt(8) initially
        m.onStart(null, state);
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
        m.onStart(null, state);
        state.z(2).putScalar(0, 0, Double.NaN);
        m.onIteration(Records.record(1, 0, List.of()), state);
        assertThat(m.report().flaggedCount()).isEqualTo(1);
        assertThat(m.report().flagged().get(0).variable()).isEqualTo("z");
        assertThat(Double.isNaN(m.report().max().z())).isTrue();
    }

    @Test
    void withoutOnStartTheFirstIterationIsTheBaseline() {
        var m = new BoundednessMonitor(2.0);
        state.b(1).assign(100.0);
        m.onIteration(Records.record(1, 0, List.of()), state);
        m.onIteration(Records.record(2, 0, List.of()), state);
        assertThat(m.report().initial().b()).isCloseTo(200.0, within(1e-9));
        assertThat(m.verdict().passed()).isTrue();
        assertThat(new BoundednessMonitor().verdict().skipped()).isTrue();
    }

    @Test
    void rejectsGrowthFactorNotAboveOne() {
        assertThatThrownBy(() -> new BoundednessMonitor(1.0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("BoundednessMonitor.growthFactor");
    }
}
