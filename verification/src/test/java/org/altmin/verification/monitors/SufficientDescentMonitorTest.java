package org.altmin.verification.monitors;

import static org.altmin.verification.monitors.Records.block;
import static org.altmin.verification.monitors.Records.infeasible;
import static org.altmin.verification.monitors.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.altmin.api.BlockReport;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Property;
import org.altmin.api.State;
import org.altmin.api.Theory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SufficientDescentMonitorTest {
    private static final double RHO = 2.0;
    // theta = 4 on |dW|^2 = 1 -> 2; rho/2 (|db|^2 + |dz|^2) = 1 * (0.5 + 0.5) -> 1; tau = 2 on |da|^2 = 1 -> 1;
    // second layer (output): theta = 2 on 1 -> 1, z 1 -> 1, no a.  Total 6.
    private static final List<BlockReport> STEPS = List.of(
            block("W", 1, 1.0, 4.0), block("b", 1, 0.5, RHO), block("z", 1, 0.5, RHO), block("a", 1, 1.0, 2.0),
            block("W", 2, 1.0, 2.0), block("b", 2, 0.0, RHO), block("z", 2, 1.0, RHO));

    @Test
    void rightHandSideWeighsEachBlockByItsParameter() {
        assertThat(record(1, 0, STEPS).descentBound()).isCloseTo(6.0, within(1e-12));
        var m = new SufficientDescentMonitor();
        m.onIteration(record(0, 100.0, List.of()), null);
        m.onIteration(record(1, 100.0, STEPS), null);
        assertThat(m.report().violations().get(0).rhs()).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void sufficientDescentPasses() {
        var m = new SufficientDescentMonitor();
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
        var m = new SufficientDescentMonitor();
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
        var m = new SufficientDescentMonitor();
        m.onIteration(record(0, 1e9, List.of()), null);
        m.onIteration(record(1, 1e9 - 6.0 + 1e-3, STEPS), null);
        assertThat(m.report().violationCount()).isZero();
        // The same shortfall at F ~ 100 is a violation.
        var small = new SufficientDescentMonitor();
        small.onIteration(record(0, 100, List.of()), null);
        small.onIteration(record(1, 100 - 6.0 + 1e-3, STEPS), null);
        assertThat(small.report().violationCount()).isEqualTo(1);
    }

    @Test
    void withoutIterationZeroTheFirstRecordIsTheReference() {
        var m = new SufficientDescentMonitor();
        m.onIteration(record(1, 50.0, STEPS), null);
        m.onIteration(record(2, 49.0, STEPS), null); // decrease 1 < 6
        assertThat(m.report().checked()).isEqualTo(1);
        assertThat(m.report().unchecked()).isEqualTo(1);
        assertThat(m.report().violationCount()).isEqualTo(1);
    }

    @Test
    void infeasibleStartIsNotCheckedButInfeasibleIterateIsAViolation() {
        var m = new SufficientDescentMonitor();
        m.onIteration(infeasible(0, List.of()), null);
        m.onIteration(record(1, 10.0, STEPS), null); // from +inf: not checked
        assertThat(m.report().checked()).isZero();
        assertThat(m.report().unchecked()).isEqualTo(1);
        assertThat(m.verdict().skipped()).isTrue();
        m.onIteration(infeasible(2, STEPS), null); // finite -> +inf
        assertThat(m.report().violationCount()).isEqualTo(1);
    }

    @Test
    void rejectsANullTolerance() {
        // (The monitor no longer takes rho: each block reports its own modulus.)
        assertThatThrownBy(() -> new SufficientDescentMonitor(null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("SufficientDescentMonitor.tolerance");
    }

    @Test
    void theBStepIsWeighedByItsReportedModulusRhoTimesN() {
        // DLAM's exact b update is rho N-strongly convex and reports modulus rho N; the monitor must use it, not rho.
        int n = 100;
        List<BlockReport> bOnly = List.of(block("b", 1, 0.01, RHO * n)); // (rho N / 2) 0.01 = 1.0; with rho: 0.01
        assertThat(record(1, 0, bOnly).descentBound()).isCloseTo(1.0, within(1e-12));
        var enough = new SufficientDescentMonitor();
        enough.onIteration(record(0, 10.0, List.of()), null);
        enough.onIteration(record(1, 9.0, bOnly), null); // decrease 1 = (rho N / 2)||db||^2
        assertThat(enough.verdict().passed()).as(enough.verdict().describe()).isTrue();
        var tooLittle = new SufficientDescentMonitor();
        tooLittle.onIteration(record(0, 10.0, List.of()), null);
        tooLittle.onIteration(record(1, 9.5, bOnly), null); // 0.5: enough for rho (0.01), not for rho N (1.0)
        assertThat(tooLittle.verdict().failed()).isTrue();
        assertThat(tooLittle.report().violations().get(0).rhs()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aWModulusOneAndAHalfTimesTooLargeIsCaught() {
        // F drops by 3 with ||dW||^2 = 1 (b does not move): the largest honest modulus is 6 ((6/2) 1 = 3).
        var exact = new SufficientDescentMonitor();
        exact.onIteration(record(0, 20.0, List.of()), null);
        exact.onIteration(record(1, 17.0, List.of(block("W", 1, 1.0, 6.0), block("b", 1, 0.0, RHO * 4))), null);
        assertThat(exact.verdict().passed()).as(exact.verdict().describe()).isTrue();
        // Reporting 1.5 x that modulus claims a decrease of 4.5.
        var overstated = new SufficientDescentMonitor();
        overstated.onIteration(record(0, 20.0, List.of()), null);
        overstated.onIteration(record(1, 17.0, List.of(block("W", 1, 1.0, 6.0 * 1.5), block("b", 1, 0.0, RHO * 4))),
                null);
        assertThat(overstated.verdict().failed()).isTrue();
        var v = overstated.report().violations().get(0);
        assertThat(v.rhs()).isCloseTo(4.5, within(1e-12));
        assertThat(v.shortfall()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void aPropertyTheTheoryDoesNotClaimIsSkippedWithItsCondition() {
        State state = State.zeros(NetworkSpec.of(2, 2), Nd4j.ones(DataType.DOUBLE, 2, 3));
        var none = new SufficientDescentMonitor();
        none.onStart(StandaloneRun.of(null, state, Theory.none("Taylor et al., ICML 2016")));
        none.onIteration(record(0, 1.0, List.of()), null);
        none.onIteration(record(1, 5.0, STEPS), null); // would violate
        assertThat(none.verdict().skipped()).isTrue();
        assertThat(none.verdict().passed()).isTrue();
        assertThat(none.verdict().detail()).contains(Theory.none("Taylor et al., ICML 2016")
                .whyNot(Property.SUFFICIENT_DESCENT));
        assertThat(none.report().checked()).isZero();
        assertThat(none.report().coverage().applies()).isFalse();

        String condition = "needs a fixed eps; this run's eps changes every iteration";
        var notApplicable = new SufficientDescentMonitor();
        notApplicable.onStart(StandaloneRun.of(null, state,
                Runs.claiming(Property.SUFFICIENT_DESCENT, org.altmin.api.Claim.NEVER, condition)));
        notApplicable.onIteration(record(0, 1.0, List.of()), null);
        notApplicable.onIteration(record(1, 5.0, STEPS), null);
        assertThat(notApplicable.verdict().skipped()).isTrue();
        assertThat(notApplicable.verdict().detail()).isEqualTo("skipped: " + condition);
        assertThat(notApplicable.report().coverage().reason()).isEqualTo(condition);
        assertThat(notApplicable.report().coverage().notCovered()).isEqualTo(1);
    }

    @Test
    void aClaimFromIterationFiveSkipsOneToFourAndCatchesSix() {
        State state = State.zeros(NetworkSpec.of(2, 2), Nd4j.ones(DataType.DOUBLE, 2, 3));
        String condition = "does not apply while eps changes: eps reaches its floor at iteration 5";
        var m = new SufficientDescentMonitor();
        m.onStart(StandaloneRun.of(null, state, Runs.claiming(Property.SUFFICIENT_DESCENT, 5, condition)));
        m.onIteration(record(0, 100.0, List.of()), null);
        for (int k = 1; k <= 4; k++) {
            m.onIteration(record(k, 100.0 + k, STEPS), null); // F increases: would violate
        }
        m.onIteration(record(5, 104.0 - 6.0, STEPS), null); // decrease 6 = rhs: holds
        m.onIteration(record(6, 98.0 - 1.0, STEPS), null); // decrease 1 < 6: violated
        var r = m.report();
        assertThat(r.checked()).isEqualTo(2);
        assertThat(r.violationCount()).isEqualTo(1);
        assertThat(r.violations().get(0).iteration()).isEqualTo(6);
        assertThat(r.coverage().fromIteration()).isEqualTo(5);
        assertThat(r.coverage().notCovered()).isEqualTo(4);
        assertThat(r.coverage().reason()).isEqualTo(condition);
        var v = m.verdict();
        assertThat(v.failed()).isTrue();
        assertThat(v.detail()).contains("4 iterations before iteration 5 not applicable (not checked): " + condition);
        assertThat(v.counterexample().get()).contains("iteration 6");
    }
}
