package org.altmin.verification.monitors;

import static org.altmin.verification.monitors.Records.infeasible;
import static org.altmin.verification.monitors.Records.layer;
import static org.altmin.verification.monitors.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.altmin.api.BlockStep;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.LayerStats;
import org.junit.jupiter.api.Test;

class SufficientDescentMonitorTest {
    private static final double RHO = 2.0;
    // theta = 4 on |dW|^2 = 1 -> 2; rho/2 (|db|^2 + |dz|^2) = 1 * (0.5 + 0.5) -> 1; tau = 2 on |da|^2 = 1 -> 1;
    // second layer (output): theta = 2 on 1 -> 1, z 1 -> 1, no a.  Total 6.
    private static final List<LayerStats> STEPS = List.of(
            layer(1, 1.0, 4.0, 0.5, 0.5, 1.0, 2.0),
            new LayerStats(2, 0.0, Records.step(1.0, 2.0), Records.step(0, Double.NaN), Records.step(1.0, Double.NaN),
                    BlockStep.NONE));

    @Test
    void rightHandSideWeighsEachBlockByItsParameter() {
        assertThat(SufficientDescentMonitor.rightHandSide(STEPS, RHO)).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void sufficientDescentPasses() {
        var m = new SufficientDescentMonitor(RHO);
        m.onIteration(record(0, 100.0, List.of()), null);
        m.onIteration(record(1, 94.0, STEPS), null); // decrease 6 = rhs exactly
        m.onIteration(record(2, 80.0, STEPS), null); // decrease 14
        var r = m.report();
        assertThat(r.checked()).isEqualTo(2);
        assertThat(r.violationCount()).isZero();
        assertThat(r.minMargin()).isCloseTo(0.0, within(1e-12));
        assertThat(m.verdict().passed()).isTrue();
    }

    @Test
    void insufficientDescentIsRecordedWithLhsAndRhs() {
        var m = new SufficientDescentMonitor(RHO);
        m.onIteration(record(0, 100.0, List.of()), null);
        m.onIteration(record(1, 95.0, STEPS), null); // decrease 5 < 6
        m.onIteration(record(2, 96.0, STEPS), null); // increase
        var r = m.report();
        assertThat(r.violationCount()).isEqualTo(2);
        var first = r.violations().get(0);
        assertThat(first.iteration()).isEqualTo(1);
        assertThat(first.lhs()).isCloseTo(5.0, within(1e-12));
        assertThat(first.rhs()).isCloseTo(6.0, within(1e-12));
        assertThat(first.shortfall()).isCloseTo(1.0, within(1e-12));
        assertThat(r.violations().get(1).lhs()).isCloseTo(-1.0, within(1e-12));
        var v = m.verdict();
        assertThat(v.failed()).isTrue();
        assertThat(v.counterexample().get()).contains("iteration 1").contains("5.0 < 6.0");
    }

    @Test
    void toleranceScalesWithTheObjective() {
        // F ~ 1e9: a shortfall of 1e-3 is rounding-level (1e-8 * 2e9 = 20), not a violation.
        var m = new SufficientDescentMonitor(RHO);
        m.onIteration(record(0, 1e9, List.of()), null);
        m.onIteration(record(1, 1e9 - 6.0 + 1e-3, STEPS), null);
        assertThat(m.report().violationCount()).isZero();
        // The same shortfall at F ~ 100 is a violation.
        var small = new SufficientDescentMonitor(RHO);
        small.onIteration(record(0, 100, List.of()), null);
        small.onIteration(record(1, 100 - 6.0 + 1e-3, STEPS), null);
        assertThat(small.report().violationCount()).isEqualTo(1);
    }

    @Test
    void withoutIterationZeroTheFirstRecordIsTheReference() {
        var m = new SufficientDescentMonitor(RHO);
        m.onIteration(record(1, 50.0, STEPS), null);
        m.onIteration(record(2, 49.0, STEPS), null); // decrease 1 < 6
        assertThat(m.report().checked()).isEqualTo(1);
        assertThat(m.report().unchecked()).isEqualTo(1);
        assertThat(m.report().violationCount()).isEqualTo(1);
    }

    @Test
    void infeasibleStartIsNotCheckedButInfeasibleIterateIsAViolation() {
        var m = new SufficientDescentMonitor(RHO);
        m.onIteration(infeasible(0, List.of()), null);
        m.onIteration(record(1, 10.0, STEPS), null); // from +inf: not checked
        assertThat(m.report().checked()).isZero();
        assertThat(m.report().unchecked()).isEqualTo(1);
        assertThat(m.verdict().skipped()).isTrue();
        m.onIteration(infeasible(2, STEPS), null); // finite -> +inf
        assertThat(m.report().violationCount()).isEqualTo(1);
    }

    @Test
    void rejectsBadRho() {
        assertThatThrownBy(() -> new SufficientDescentMonitor(0.0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("SufficientDescentMonitor.rho");
        assertThatThrownBy(() -> new SufficientDescentMonitor(Double.NaN)).isInstanceOf(InvalidParameterException.class);
    }
}
