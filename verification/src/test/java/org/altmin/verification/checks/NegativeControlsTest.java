package org.altmin.verification.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.altmin.api.Loss;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.verification.Doubles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A check that cannot fail is a defect: each broken test double violates one assumption, and the check for that
 * assumption must catch it (with the default try counts, from a fixed seed), naming the check and printing a
 * counterexample.
 */
class NegativeControlsTest {
    private static final long SEED = 7L;
    private static final INDArray Y = TestPoints.oneHot(new SplittableRandom(SEED), 4, LossChecks.DEFAULT_SAMPLES);

    private static void assertCaught(Verdict v, String check) {
        assertThat(v.failed()).as(v.describe()).isTrue();
        assertThat(v.check()).isEqualTo(check);
        assertThat(v.counterexample()).isPresent();
        assertThat(v.counterexample().get()).isNotBlank();
        assertThat(v.seed()).isEqualTo(SEED);
    }

    // ---------------------------------------------------------------- Assumption 3: quasilinearity

    @Test
    void geluIsNotQuasilinear() {
        Verdict v = ActivationChecks.quasilinearity(new Doubles.Gelu(), SEED, ActivationChecks.QUASILINEAR_TRIES);
        assertCaught(v, "activation.quasilinearity");
        assertThat(v.counterexample().get()).contains("h(y)");
    }

    @Test
    void sineIsNotQuasilinear() {
        assertCaught(ActivationChecks.quasilinearity(new Doubles.Sine(), SEED, ActivationChecks.QUASILINEAR_TRIES),
                "activation.quasilinearity");
    }

    @Test
    void randomTriplesAloneCatchSine() {
        // Not only the grid sweep: the triple test on its own must see the violation.
        QuasilinearActivation sin = new Doubles.Sine();
        SplittableRandom rng = new SplittableRandom(SEED);
        boolean found = false;
        for (int i = 0; i < ActivationChecks.QUASILINEAR_TRIES && !found; i++) {
            double[] t = {ActivationChecks.scalar(rng), ActivationChecks.scalar(rng), ActivationChecks.scalar(rng)};
            java.util.Arrays.sort(t);
            found = t[0] < t[1] && t[1] < t[2] && ActivationChecks.tripleViolation(sin, t[0], t[1], t[2]).isPresent();
        }
        assertThat(found).isTrue();
    }

    @Test
    void gridFindsTheGeluDipWitness() {
        var witness = ActivationChecks.gridViolation(new Doubles.Gelu(), ActivationChecks.grid());
        assertThat(witness).isPresent();
    }

    // ---------------------------------------------------------------- preimage bounds (equation 4)

    @Test
    void tooWideBoundsAreUnsound() {
        assertCaught(ActivationChecks.preimageSoundness(new Doubles.TooWideRelu(), SEED,
                ActivationChecks.PREIMAGE_TRIES), "activation.preimageSoundness");
    }

    @Test
    void openPreimageEndpointIsUnsound() {
        // DLAM's z update clips to [B1, B2]; an endpoint outside the band makes the clipped z infeasible.
        Verdict v = ActivationChecks.preimageSoundness(new Doubles.OpenStep(), SEED, ActivationChecks.PREIMAGE_TRIES);
        assertCaught(v, "activation.preimageSoundness");
        assertThat(v.counterexample().get()).contains("z = 0.0");
    }

    @Test
    void tooNarrowBoundsAreNotTight() {
        assertCaught(ActivationChecks.preimageTightness(new Doubles.TooNarrowTanh(), SEED,
                ActivationChecks.PREIMAGE_TRIES), "activation.preimageTightness");
    }

    @Test
    void tooWideBoundsAreNotReportedAsTooNarrow() {
        // Too wide is still "tight" (nothing of the preimage is excluded): the two checks measure different things,
        // so a report says which way the bounds are wrong.
        Verdict wideTight = ActivationChecks.preimageTightness(new Doubles.TooWideRelu(), SEED,
                ActivationChecks.PREIMAGE_TRIES);
        assertThat(wideTight.passed()).as(wideTight.describe()).isTrue();
    }

    @Test
    void emptyPreimageReturningNonsenseIsCaught() {
        Verdict v = ActivationChecks.emptyPreimageThrows(new Doubles.SilentEmptyTanh());
        assertThat(v.failed()).as(v.describe()).isTrue();
        assertThat(v.counterexample().get()).contains("returned");
    }

    @Test
    void arrayFormDisagreeingWithScalarFormIsCaught() {
        QuasilinearActivation broken = new Doubles.Tanh() {
            @Override
            public void apply(INDArray z, INDArray out) {
                out.assign(z); // identity instead of tanh
            }
        };
        assertCaught(ActivationChecks.arrayAgreement(broken, SEED, ActivationChecks.ARRAY_TRIES),
                "activation.arrayAgreement");
    }

    @Test
    void wrongActivationDerivativeIsCaught() {
        QuasilinearActivation broken = new Doubles.Tanh() {
            @Override
            public double derivative(double z) {
                return 1 - Math.tanh(z); // forgot the square
            }
        };
        assertCaught(ActivationChecks.derivative(broken, SEED, ActivationChecks.DERIVATIVE_TRIES),
                "activation.derivative");
    }

    // ---------------------------------------------------------------- Assumption 2: convex R and Omega

    @Test
    void negativeFrobeniusIsNotConvex() {
        assertCaught(RegularizerChecks.convexity(new Doubles.NegativeFrobenius(), SEED,
                RegularizerChecks.CONVEXITY_TRIES), "regularizer.convexity");
    }

    @Test
    void sqrtAbsIsNotConvex() {
        assertCaught(RegularizerChecks.convexity(new Doubles.SqrtAbs(), SEED, RegularizerChecks.CONVEXITY_TRIES),
                "regularizer.convexity");
        assertCaught(RegularizerChecks.subgradientInequality(new Doubles.SqrtAbs(), SEED,
                RegularizerChecks.SUBGRADIENT_TRIES), "regularizer.subgradient");
    }

    @Test
    void concaveLossIsNotConvex() {
        Loss concave = new Doubles.ConcaveLoss();
        assertCaught(LossChecks.convexity(concave, Y, SEED, LossChecks.CONVEXITY_TRIES), "loss.convexity");
        assertCaught(LossChecks.subgradientInequality(concave, Y, SEED, LossChecks.SUBGRADIENT_TRIES),
                "loss.subgradient");
    }

    // ---------------------------------------------------------------- gradients and prox maps

    @Test
    void wrongGradientIsCaughtByFiniteDifferences() {
        Verdict v = LossChecks.gradient(new Doubles.WrongGradient(), Y, SEED, LossChecks.GRADIENT_TRIES);
        assertCaught(v, "loss.gradient");
        assertThat(v.counterexample().get()).contains("(f(x+hd) - f(x-hd))/2h");
    }

    @Test
    void proxOffByAFactorIsNotOptimalAndExpands() {
        Loss broken = new Doubles.ProxOffByFactor();
        assertCaught(LossChecks.proxOptimality(broken, Y, SEED, LossChecks.PROX_TRIES), "loss.proxOptimality");
        assertCaught(LossChecks.proxNonexpansive(broken, Y, SEED, LossChecks.NONEXPANSIVE_TRIES),
                "loss.proxNonexpansive");
    }

    @Test
    void regularizerProxWithWrongThresholdIsNotOptimal() {
        Regularizer broken = new Doubles.L1WrongThreshold(0.3);
        assertCaught(RegularizerChecks.proxOptimality(broken, SEED, RegularizerChecks.PROX_TRIES),
                "regularizer.proxOptimality");
    }

    @Test
    void nonConvexRegularizerProxIsNotOptimal() {
        // prox = identity is optimal only for a constant Omega.
        assertCaught(RegularizerChecks.proxOptimality(new Doubles.SqrtAbs(), SEED, RegularizerChecks.PROX_TRIES),
                "regularizer.proxOptimality");
    }

    @Test
    void unconvergedProxFails() {
        Verdict v = LossChecks.proxOptimality(new Doubles.UnconvergedProx(), Y, SEED, LossChecks.PROX_TRIES);
        assertCaught(v, "loss.proxOptimality");
        assertThat(v.counterexample().get()).contains("did not converge");
    }

    @Test
    void looseConvergedProxCannotBuySlack() {
        // Converged "with residual 1": twice-too-large prox points must not hide behind the residual.
        Loss cheat = new Doubles.ProxOffByFactor() {
            @Override
            public org.altmin.api.ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
                super.prox(v, y, rho, out);
                return new org.altmin.api.ProxReport(3, 1e3, true);
            }
        };
        Verdict v = LossChecks.proxOptimality(cheat, Y, SEED, LossChecks.PROX_TRIES);
        assertCaught(v, "loss.proxOptimality");
        assertThat(v.detail()).contains("residual too large");
    }

    @Test
    void componentThrowingOnValidInputFails() {
        Loss throwing = new Doubles.SquareLoss() {
            @Override
            public double value(INDArray z, INDArray y) {
                throw new IllegalStateException("boom");
            }
        };
        Verdict v = LossChecks.convexity(throwing, Y, SEED, 5);
        assertCaught(v, "loss.convexity");
        assertThat(v.counterexample().get()).contains("IllegalStateException: boom");
    }
}
