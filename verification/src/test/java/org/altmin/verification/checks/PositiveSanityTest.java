package org.altmin.verification.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.altmin.verification.Doubles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The checks pass correct components with their full default try counts (not only the contracts' smaller ones). */
class PositiveSanityTest {
    private static final long SEED = 11L;

    private static void assertAllPassed(List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            assertThat(v.passed()).as(v.describe()).isTrue();
            assertThat(v.skipped()).as(v.describe()).isFalse();
            assertThat(v.tries()).as(v.describe()).isPositive();
        }
    }

    @Test
    void squareLossPassesEveryCheck() {
        assertAllPassed(LossChecks.all(new Doubles.SquareLoss(), 4, LossChecks.DEFAULT_SAMPLES, SEED));
    }

    @Test
    void absLossPassesEveryCheckAwayFromKinks() {
        List<Verdict> verdicts = LossChecks.all(new Doubles.AbsLoss(), 3, LossChecks.DEFAULT_SAMPLES, SEED);
        assertAllPassed(verdicts);
    }

    @Test
    void regularizersPassEveryCheck() {
        assertAllPassed(RegularizerChecks.all(new Doubles.SquaredFrobenius(0.5), SEED));
        assertAllPassed(RegularizerChecks.all(new Doubles.L1(0.3), SEED));
    }

    @Test
    void reluAndTanhPassEveryCheck() {
        assertAllPassed(ActivationChecks.all(new Doubles.Relu(), SEED));
        assertAllPassed(ActivationChecks.all(new Doubles.Tanh(), SEED));
    }

    @Test
    void gradientCheckSkipsWhenEveryPointIsAKink() {
        // ||x||_1 at x = 0 has a kink in every direction: finite differences say nothing there.
        Verdict v = FunctionChecks.gradient("l1.gradient", x -> x.norm1Number().doubleValue(), x -> x.mul(0), false,
                rng -> Nd4j.zeros(DataType.DOUBLE, 2, 3), SEED, 10);
        assertThat(v.skipped()).as(v.describe()).isTrue();
        assertThat(v.passed()).isTrue();
        assertThat(v.detail()).contains("kink");
    }

    @Test
    void smoothGradientCheckDoesNotSkipKinks() {
        // Declared smooth, ||x||_1 at 0 must be judged, and its "gradient" 0 disagrees with the one-sided slopes
        // only where the central difference is non-zero; at x = 0 the central difference is 0, so it passes,
        // whereas a wrong gradient there fails.
        Verdict wrong = FunctionChecks.gradient("l1.gradient", x -> x.norm1Number().doubleValue(),
                x -> Nd4j.ones(DataType.DOUBLE, 2, 3), true, rng -> Nd4j.zeros(DataType.DOUBLE, 2, 3), SEED, 10);
        assertThat(wrong.failed()).as(wrong.describe()).isTrue();
    }

    @Test
    void emptyPreimageCheckIsSkippedForUnboundedActivations() {
        Verdict v = ActivationChecks.emptyPreimageThrows(new Doubles.Relu() {
            @Override
            public double apply(double z) {
                return z; // identity: unbounded on both sides
            }
        });
        assertThat(v.skipped()).as(v.describe()).isTrue();
    }
}
