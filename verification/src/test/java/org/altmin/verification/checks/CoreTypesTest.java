package org.altmin.verification.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class CoreTypesTest {
    @Test
    void toleranceSlackIsAbsolutePlusRelative() {
        Tolerance t = new Tolerance(1e-3, 1e-6);
        assertThat(t.slack(-100)).isCloseTo(1e-6 + 0.1, within(1e-15));
        assertThat(t.allowsAtMost(1.05, 1.0, 100)).isTrue();
        assertThat(t.allowsAtMost(1.2, 1.0, 100)).isFalse();
        assertThat(t.allowsAtMost(Double.NaN, 1.0, 100)).isFalse();
        assertThatThrownBy(() -> new Tolerance(-1, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Tolerance.relative");
        assertThatThrownBy(() -> new Tolerance(0, Double.NaN)).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void verdictCarriesACounterexampleIffFailed() {
        Tolerance t = new Tolerance(0, 0);
        Verdict fail = Verdict.fail("c", 3, t, 42, "broke", "x = 1");
        assertThat(fail.failed()).isTrue();
        assertThat(fail.describe()).contains("c FAILED after 3 tries").contains("seed 42").contains("x = 1");
        assertThatThrownBy(fail::orThrow).isInstanceOf(AssertionError.class).hasMessageContaining("x = 1");
        Verdict pass = Verdict.pass("c", 3, t, 42, "ok");
        assertThat(pass.orThrow()).isSameAs(pass);
        assertThat(Verdict.skip("c", 0, t, 1, "n/a").describe()).contains("SKIPPED").contains("skipped: n/a");
        assertThatThrownBy(() -> new Verdict("c", true, false, 1, t, 0, "d", Optional.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Verdict.firstFailure(List.of(pass, fail, pass))).isSameAs(fail);
    }

    @Test
    void testPointsAreReproducibleAndCoverEdgesAndScales() {
        INDArray a = TestPoints.matrix(new SplittableRandom(5), 3, 4);
        INDArray b = TestPoints.matrix(new SplittableRandom(5), 3, 4);
        assertThat(a).isEqualTo(b);
        assertThat(a.dataType()).isEqualTo(DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(9);
        Set<Double> edges = new HashSet<>();
        double largest = 0;
        double smallest = Double.MAX_VALUE;
        for (int i = 0; i < 5000; i++) {
            double s = TestPoints.scalar(rng);
            if (Arrays.stream(TestPoints.EDGE_VALUES).anyMatch(e -> e == s)) {
                edges.add(s);
            }
            largest = Math.max(largest, Math.abs(s));
            smallest = Math.min(smallest, Math.abs(s));
        }
        assertThat(edges).hasSize(TestPoints.EDGE_VALUES.length);
        assertThat(largest).isGreaterThan(500);
        assertThat(smallest).isLessThan(1e-6);
    }

    @Test
    void oneHotAndDirectionsAreWellFormed() {
        SplittableRandom rng = new SplittableRandom(1);
        INDArray y = TestPoints.oneHot(rng, 4, 7);
        assertThat(y.sum(0).toDoubleVector()).containsOnly(1.0);
        assertThat(y.sumNumber().doubleValue()).isEqualTo(7.0);
        INDArray d = TestPoints.direction(rng, 3, 5);
        assertThat(d.norm2Number().doubleValue()).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> TestPoints.oneHot(rng, 0, 3)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> TestPoints.matrix(rng, 0, 3)).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void tripleViolationRejectsUnsortedInput() {
        assertThatThrownBy(() -> ActivationChecks.tripleViolation(new org.altmin.verification.Doubles.Tanh(), 1, 0, 2))
                .isInstanceOf(InvalidParameterException.class);
    }
}
