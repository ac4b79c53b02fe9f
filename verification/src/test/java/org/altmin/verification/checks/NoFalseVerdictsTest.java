package org.altmin.verification.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.altmin.api.Loss;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.verification.Doubles;
import org.altmin.verification.EdgeDoubles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Issue 10, "No false verdicts": each fixed check with a planted violation it must catch (negative control, named
 * check, counterexample) and a correct component at the same edge it must pass (positive control), with the
 * default try counts.
 */
class NoFalseVerdictsTest {
    private static final long SEED = 7L;
    /** Seeds of the Huber gradient positive control at delta 1 (the case: the old step failed 82 of 200). */
    private static final int HUBER_SEEDS = 40;
    /** Seeds of the other controls (each seed runs the check with its full default try count). */
    private static final int FEW_SEEDS = 3;

    private static INDArray target(long seed) {
        return TestPoints.oneHot(new SplittableRandom(seed), 4, LossChecks.DEFAULT_SAMPLES);
    }

    private static void assertCaught(Verdict v, String check) {
        assertThat(v.failed()).as(v.describe()).isTrue();
        assertThat(v.check()).isEqualTo(check);
        assertThat(v.counterexample()).isPresent();
        assertThat(v.counterexample().get()).isNotBlank();
    }

    private static void assertPassedNotSkipped(Verdict v) {
        assertThat(v.passed()).as(v.describe()).isTrue();
        assertThat(v.skipped()).as(v.describe()).isFalse();
    }

    // ---------------------------------------------------------------- 1. finite differences, absolute steps

    @Test
    void correctHuberPassesTheGradientCheckAtEverySeed() {
        for (double delta : new double[] {1.0, 0.5, 1e-3}) {
            Loss huber = new EdgeDoubles.Huber(delta);
            for (long s = 0; s < (delta == 1.0 ? HUBER_SEEDS : 10); s++) {
                assertPassedNotSkipped(LossChecks.gradient(huber, target(s), s, LossChecks.GRADIENT_TRIES));
            }
        }
    }

    @Test
    void huberWithAOnePercentWrongSlopeIsCaught() {
        for (long s = 0; s < 5; s++) {
            Verdict v = LossChecks.gradient(new EdgeDoubles.HuberWrongSlope(1.0), target(s), s,
                    LossChecks.GRADIENT_TRIES);
            assertCaught(v, "loss.gradient");
            assertThat(v.counterexample().get()).contains("closest at h = ");
        }
    }

    @Test
    void correctHuberPassesEveryLossCheck() {
        for (Verdict v : LossChecks.all(new EdgeDoubles.Huber(1.0), 4, LossChecks.DEFAULT_SAMPLES, SEED)) {
            assertPassedNotSkipped(v);
        }
    }

    @Test
    void softsignDerivativePassesAndAWrongOneIsCaught() {
        assertPassedNotSkipped(ActivationChecks.derivative(new EdgeDoubles.Softsign(), SEED,
                ActivationChecks.DERIVATIVE_TRIES));
        QuasilinearActivation wrong = new EdgeDoubles.Softsign() {
            @Override
            public double derivative(double z) {
                return 1 / (1 + Math.abs(z)); // forgot the square
            }
        };
        assertCaught(ActivationChecks.derivative(wrong, SEED, ActivationChecks.DERIVATIVE_TRIES),
                "activation.derivative");
    }

    // ---------------------------------------------------------------- 2. boundedness by a convergence test

    @Test
    void softsignIsSeenAsBoundedAndItsEmptyPreimagesAreChecked() {
        QuasilinearActivation softsign = new EdgeDoubles.Softsign();
        assertThat(softsign.apply(1e12)).isNotEqualTo(softsign.apply(1e15)); // the old exact-equality test's blind spot
        assertThat(ActivationChecks.saturation(softsign, 1)).hasValueCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ActivationChecks.saturation(softsign, -1)).hasValueCloseTo(-1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertPassedNotSkipped(ActivationChecks.emptyPreimageThrows(softsign));
    }

    @Test
    void softsignReturningNaNForAnEmptyPreimageIsCaught() {
        Verdict v = ActivationChecks.emptyPreimageThrows(new EdgeDoubles.SoftsignNaNOnEmpty());
        assertCaught(v, "activation.emptyPreimage");
        assertThat(v.counterexample().get()).contains("lowerBound returned NaN");
    }

    @Test
    void correctSoftsignPassesEveryActivationCheck() {
        for (Verdict v : ActivationChecks.all(new EdgeDoubles.Softsign(), SEED)) {
            assertPassedNotSkipped(v);
        }
    }

    @Test
    void unboundedSidesAreNotCalledBounded() {
        QuasilinearActivation log = new Doubles.Relu() {
            @Override
            public double apply(double z) {
                return Math.signum(z) * Math.log1p(Math.abs(z)); // unbounded, but slowly: +2.3 per decade
            }
        };
        assertThat(ActivationChecks.saturation(log, 1)).isEmpty();
        assertThat(ActivationChecks.saturation(log, -1)).isEmpty();
        assertThat(ActivationChecks.saturation(new Doubles.Relu(), 1)).isEmpty();
        assertThat(ActivationChecks.saturation(new Doubles.Relu(), -1)).hasValue(0.0);
        assertThat(ActivationChecks.saturation(new Doubles.Tanh(), 1)).hasValue(1.0);
    }

    // ---------------------------------------------------------------- 3. subgradients at kinks, by the prox identity

    @Test
    void l1WithSubgradientTwiceLambdaAtZeroIsCaughtAtKinks() {
        for (long s = 0; s < 20; s++) {
            Verdict v = RegularizerChecks.subgradientAtKinks(new EdgeDoubles.L1TwiceAtZero(0.3), s, RegularizerChecks.KINK_TRIES);
            assertCaught(v, "regularizer.subgradientAtKinks");
            assertThat(v.tries()).isEqualTo(1); // the zero matrix, the first kink point, catches it
        }
    }

    @Test
    void correctL1AndFrobeniusPassAtKinks() {
        for (long s = 0; s < FEW_SEEDS; s++) {
            assertPassedNotSkipped(RegularizerChecks.subgradientAtKinks(new Doubles.L1(0.3), s,
                    RegularizerChecks.KINK_TRIES));
            assertPassedNotSkipped(RegularizerChecks.subgradientAtKinks(new Doubles.SquaredFrobenius(0.5), s,
                    RegularizerChecks.KINK_TRIES));
        }
        // Any element of [-lambda, lambda] at 0 is a valid subgradient: lambda/2 there passes too.
        Regularizer half = new Doubles.L1(0.3) {
            @Override
            public void subgradient(INDArray w, INDArray out) {
                out.assign(Transforms.sign(w, true).addi(w.eq(0.0).castTo(w.dataType()).muli(0.5)).muli(0.3));
            }
        };
        assertPassedNotSkipped(RegularizerChecks.subgradientAtKinks(half, SEED, RegularizerChecks.KINK_TRIES));
    }

    @Test
    void kinkPointsIncludeZerosAndProxOutputs() {
        var sampler = RegularizerChecks.kinkSampler(new Doubles.L1(0.3));
        SplittableRandom rng = new SplittableRandom(SEED);
        assertThat(sampler.apply(rng).norm1Number().doubleValue()).isZero();
        int withZeros = 0;
        for (int i = 0; i < 20; i++) {
            INDArray w = sampler.apply(rng);
            withZeros += w.eq(0.0).castTo(DataType.INT32).sumNumber().intValue() > 0 ? 1 : 0;
        }
        assertThat(withZeros).isGreaterThanOrEqualTo(5);
    }

    // ---------------------------------------------------------------- 4. quasilinearity between grid points

    @Test
    void narrowDipBetweenGridPointsIsInvisibleToTheGridButCaughtByTheRefinedSweep() {
        QuasilinearActivation dip = new EdgeDoubles.NarrowDip();
        assertThat(ActivationChecks.gridViolation(dip, ActivationChecks.grid())).isEmpty();
        for (long s = 0; s < 20; s++) {
            Verdict v = ActivationChecks.quasilinearity(dip, s, ActivationChecks.QUASILINEAR_TRIES);
            assertCaught(v, "activation.quasilinearity");
            assertThat(v.detail()).contains("refined sweep");
        }
    }

    @Test
    void steepMonotoneKinkPasses() {
        for (long s = 0; s < 10; s++) {
            assertPassedNotSkipped(ActivationChecks.quasilinearity(new EdgeDoubles.SteepKink(), s,
                    ActivationChecks.QUASILINEAR_TRIES));
        }
    }

    // ---------------------------------------------------------------- 5. R bounded below

    @Test
    void linearLossPassesEverythingElseButIsCaughtUnboundedBelow() {
        Loss linear = new EdgeDoubles.LinearLoss();
        for (long s = 0; s < FEW_SEEDS; s++) {
            INDArray y = target(s);
            assertPassedNotSkipped(LossChecks.convexity(linear, y, s, LossChecks.CONVEXITY_TRIES));
            assertPassedNotSkipped(LossChecks.gradient(linear, y, s, LossChecks.GRADIENT_TRIES));
            assertPassedNotSkipped(LossChecks.proxOptimality(linear, y, s, LossChecks.PROX_TRIES));
            Verdict v = LossChecks.boundedBelow(linear, y, s, LossChecks.BOUNDED_BELOW_TRIES);
            assertCaught(v, "loss.boundedBelow");
            assertThat(v.counterexample().get()).contains("secant slopes");
        }
    }

    @Test
    void boundedBelowLossesPass() {
        Loss[] bounded = {new EdgeDoubles.Logistic(), new EdgeDoubles.Huber(1.0), new Doubles.SquareLoss(),
            new Doubles.AbsLoss(), new Doubles.SoftmaxCrossEntropy()};
        for (Loss loss : bounded) {
            for (long s = 0; s < FEW_SEEDS; s++) {
                assertPassedNotSkipped(LossChecks.boundedBelow(loss, target(s), s, LossChecks.BOUNDED_BELOW_TRIES));
            }
        }
    }

    @Test
    void minusInfinityOnARayIsUnboundedBelow() {
        Verdict v = FunctionChecks.boundedBelow("f.boundedBelow", x -> Linalg.maxAbs(x) > 1e9 ? Double.NEGATIVE_INFINITY
                : 0.0, rng -> Nd4j.zeros(DataType.DOUBLE, 2, 2), SEED, 3);
        assertCaught(v, "f.boundedBelow");
    }
}
