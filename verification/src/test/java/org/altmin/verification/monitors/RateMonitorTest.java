package org.altmin.verification.monitors;

import static org.altmin.verification.monitors.Records.block;
import static org.altmin.verification.monitors.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Property;
import org.altmin.api.State;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Theorem 1's rate: k min_j s_j falls for a convergent run, not for a stalled one; S_K within Lemma 3's bound. */
class RateMonitorTest {
    static final double C = 2.0;

    /** A run whose step k has squared size s(k) and whose F falls by exactly (C/2) s(k) (Lemma 3 with equality). */
    static RateMonitor run(int iterations, java.util.function.IntToDoubleFunction s, double decreaseFactor) {
        RateMonitor m = new RateMonitor();
        double f = 100;
        m.onIteration(record(0, f, List.of()), null);
        for (int k = 1; k <= iterations; k++) {
            double step = s.applyAsDouble(k);
            f -= decreaseFactor * 0.5 * C * step;
            m.onIteration(record(k, f, List.of(block("W", 1, step, C))), null);
        }
        return m;
    }

    @Test
    void summableStepsGiveAFallingRateQuantity() {
        RateMonitor m = run(40, k -> 1.0 / ((double) k * k), 1.0);
        var r = m.report();
        assertThat(m.verdict().passed()).as(m.verdict().describe()).isTrue();
        assertThat(m.verdict().skipped()).isFalse();
        // q_k = k / k^2 = 1/k: slope -1 on log scales
        assertThat(r.slope()).isCloseTo(-1.0, within(1e-9));
        assertThat(r.lastQ()).isCloseTo(1.0 / 40, within(1e-12));
        assertThat(r.points()).hasSize(40);
        assertThat(r.sum()).isLessThanOrEqualTo(r.sumBound() * (1 + 1e-12));
    }

    @Test
    void stalledStepsFailTheTrend() {
        RateMonitor m = run(40, k -> 0.5, 1.0);
        assertThat(m.report().slope()).isCloseTo(1.0, within(1e-9));
        assertThat(m.verdict().failed()).isTrue();
        assertThat(m.verdict().detail()).contains("does not fall");
    }

    @Test
    void stepsLargerThanTheDecreaseAllowsFailTheSummabilityBound() {
        // F falls by only a quarter of what Lemma 3 promises: S_K exceeds 2 (F^0 - F^K) / c_min
        RateMonitor m = run(40, k -> 1.0 / ((double) k * k), 0.25);
        assertThat(m.report().sum()).isGreaterThan(m.report().sumBound());
        assertThat(m.verdict().failed()).isTrue();
        assertThat(m.verdict().detail()).contains("bound of their sum");
    }

    @Test
    void aStationaryRunReachesZeroAndPasses() {
        RateMonitor m = run(20, k -> k <= 5 ? 1.0 / k : 0.0, 1.0);
        assertThat(m.report().slope()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.verdict().passed()).isTrue();
    }

    @Test
    void underAScheduleItChecksFromTheClaimsIterationAndSaysWhyNotBefore() {
        State state = State.zeros(NetworkSpec.of(2, 2), Nd4j.ones(DataType.DOUBLE, 2, 3));
        String condition = "eps reaches its floor at iteration 11";
        RateMonitor m = new RateMonitor();
        m.onStart(StandaloneRun.of(null, state, Runs.claiming(Property.CRITICAL_POINT_CONVERGENCE, 11, condition)));
        double f = 100;
        m.onIteration(record(0, f, List.of()), null);
        for (int k = 1; k <= 30; k++) {
            double step = k <= 10 ? 5.0 : 1.0 / Math.pow(k - 10, 2); // large while eps shrinks
            f -= k <= 10 ? 0.0 : 0.5 * C * step;
            m.onIteration(record(k, f, List.of(block("W", 1, step, C))), null);
        }
        var r = m.report();
        assertThat(r.checked()).isEqualTo(20);
        assertThat(r.coverage().notCovered()).isEqualTo(10);
        assertThat(r.points().get(0)[0]).isEqualTo(11.0);
        assertThat(m.verdict().passed()).as(m.verdict().describe()).isTrue();
        assertThat(m.verdict().detail()).contains("10 iterations before iteration 11 not applicable (not checked): " + condition);

        RateMonitor none = new RateMonitor();
        none.onStart(StandaloneRun.of(null, state, org.altmin.api.Theory.none("Taylor et al., ICML 2016")));
        none.onIteration(record(1, 1.0, List.of(block("W", 1, 1.0, C))), null);
        assertThat(none.verdict().skipped()).isTrue();
    }
}
