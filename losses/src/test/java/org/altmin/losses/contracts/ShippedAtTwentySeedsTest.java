package org.altmin.losses.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.altmin.api.Loss;
import org.altmin.api.Regularizer;
import org.altmin.losses.CrammerSingerHingeLoss;
import org.altmin.losses.ElasticNetRegularizer;
import org.altmin.losses.L1Regularizer;
import org.altmin.losses.L2Regularizer;
import org.altmin.losses.MulticlassHingeLoss;
import org.altmin.losses.NoRegularizer;
import org.altmin.losses.SoftmaxCrossEntropyLoss;
import org.altmin.losses.SquareLoss;
import org.altmin.verification.checks.LossChecks;
import org.altmin.verification.checks.RegularizerChecks;
import org.altmin.verification.checks.TestPoints;
import org.altmin.verification.checks.Verdict;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * No flaky verdict (issue 10): every shipped loss and regularizer passes every plain check of the verification
 * module at {@link #SEEDS} different seeds, with {@link #TRIES} tries per check and seed (the prox checks, ten times
 * as costly per try, a fifth of that), so the whole sweep stays within seconds.
 */
class ShippedAtTwentySeedsTest {
    static final int SEEDS = 20;
    static final int TRIES = 10;
    static final int PROX_TRIES = 2;

    private static List<Verdict> lossChecks(Loss loss, long seed) {
        INDArray y = TestPoints.oneHot(new SplittableRandom(seed), 4, LossChecks.DEFAULT_SAMPLES);
        return List.of(LossChecks.convexity(loss, y, seed, TRIES), LossChecks.gradient(loss, y, seed, TRIES),
                LossChecks.subgradientInequality(loss, y, seed, TRIES), LossChecks.proxOptimality(loss, y, seed, PROX_TRIES),
                LossChecks.proxNonexpansive(loss, y, seed, PROX_TRIES), LossChecks.boundedBelow(loss, y, seed, TRIES));
    }

    private static List<Verdict> regularizerChecks(Regularizer omega, long seed) {
        return List.of(RegularizerChecks.convexity(omega, seed, TRIES),
                RegularizerChecks.subgradientInequality(omega, seed, TRIES),
                RegularizerChecks.subgradientAtKinks(omega, seed, TRIES),
                RegularizerChecks.proxOptimality(omega, seed, PROX_TRIES),
                RegularizerChecks.proxNonexpansive(omega, seed, PROX_TRIES));
    }

    private static void assertAllPassed(String what, List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            assertTrue(v.passed(), () -> what + ": " + v.describe());
        }
    }

    @Test
    void everyShippedLossPassesEveryCheckAtTwentySeeds() {
        List<Loss> losses = List.of(new SquareLoss(), new SoftmaxCrossEntropyLoss(), new MulticlassHingeLoss(),
                new CrammerSingerHingeLoss());
        for (Loss loss : losses) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                assertAllPassed(loss.getClass().getSimpleName(), lossChecks(loss, seed * 0x9E3779B97F4A7C15L));
            }
        }
    }

    @Test
    void everyShippedRegularizerPassesEveryCheckAtTwentySeeds() {
        List<Regularizer> regularizers = List.of(new NoRegularizer(), new L2Regularizer(0.5), new L1Regularizer(0.5),
                new ElasticNetRegularizer(0.5, 0.25));
        for (Regularizer omega : regularizers) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                assertAllPassed(omega.getClass().getSimpleName(), regularizerChecks(omega, seed * 0x9E3779B97F4A7C15L));
            }
        }
    }
}
