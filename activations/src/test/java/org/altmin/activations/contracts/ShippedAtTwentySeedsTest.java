package org.altmin.activations.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.altmin.activations.HardTanh;
import org.altmin.activations.Identity;
import org.altmin.activations.LeakyRelu;
import org.altmin.activations.Relu;
import org.altmin.activations.Sigmoid;
import org.altmin.activations.Sign;
import org.altmin.activations.Step;
import org.altmin.activations.Softsign;
import org.altmin.activations.Tanh;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.checks.ActivationChecks;
import org.altmin.verification.checks.Verdict;
import org.junit.jupiter.api.Test;

/**
 * No flaky verdict (issue 10): every registered activation (default parameters) passes every plain check of the
 * verification module at {@link #SEEDS} different seeds: the quasilinearity sweeps (grid and refined, the latter
 * offset by the seed) and {@link #TRIES} random tries per other check and seed, so the whole sweep stays within
 * seconds.
 */
class ShippedAtTwentySeedsTest {
    static final int SEEDS = 20;
    static final int TRIES = 20;

    @Test
    void everyShippedActivationPassesEveryCheckAtTwentySeeds() {
        List<QuasilinearActivation> activations = List.of(new Relu(), new LeakyRelu(), new Tanh(), new Sigmoid(),
                new HardTanh(), new Identity(), new Step(), new Sign(), new Softsign());
        for (QuasilinearActivation h : activations) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                long s = seed * 0x9E3779B97F4A7C15L;
                for (Verdict v : List.of(ActivationChecks.quasilinearity(h, s, TRIES),
                        ActivationChecks.preimageSoundness(h, s, TRIES), ActivationChecks.preimageTightness(h, s, TRIES),
                        ActivationChecks.emptyPreimageThrows(h), ActivationChecks.arrayAgreement(h, s, 1),
                        ActivationChecks.derivative(h, s, TRIES))) {
                    assertTrue(v.passed(), () -> h.getClass().getSimpleName() + ": " + v.describe());
                }
            }
        }
    }
}
