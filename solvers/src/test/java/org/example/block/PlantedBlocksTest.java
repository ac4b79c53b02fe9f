package org.example.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.altmin.activations.Relu;
import org.altmin.activations.Tanh;
import org.altmin.activations.Identity;
import org.altmin.api.BlockUpdate;
import org.altmin.api.Loss;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.losses.L1Regularizer;
import org.altmin.losses.L2Regularizer;
import org.altmin.losses.NoRegularizer;
import org.altmin.losses.SoftmaxCrossEntropyLoss;
import org.altmin.losses.SquareLoss;
import org.altmin.solvers.dlam.DlamBlockTrials;
import org.altmin.solvers.dlam.DlamContext;
import org.altmin.verification.checks.BlockChecks;
import org.altmin.verification.checks.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The planted block violations of {@link PlantedBlocks} are each caught by the named check of {@link BlockChecks}
 * within {@link #TRIES} tries, at two seeds; the correct shipped block next to each passes (in
 * {@code ShippedBlockContractsTest}).
 */
class PlantedBlocksTest {
    /** Tries per check: each planted violation is caught well within them (the test prints at which try). */
    static final int TRIES = 30;
    static final List<Loss> LOSSES = List.of(new SquareLoss(), new SoftmaxCrossEntropyLoss());
    static final List<Regularizer> REGULARIZERS = List.of(new NoRegularizer(), new L2Regularizer(0.5),
            new L1Regularizer(0.1));
    static final List<QuasilinearActivation> ACTIVATIONS = List.of(new Relu(), new Tanh(), new Identity());

    static final Map<String, BlockUpdate<DlamContext>> PLANTED = Map.of(
            "LooseW", new PlantedBlocks.LooseW(),
            "LooseA", new PlantedBlocks.LooseA(),
            "OverclaimingW", new PlantedBlocks.OverclaimingW(),
            "NoProxW", new PlantedBlocks.NoProxW(),
            "HalfStepW", new PlantedBlocks.HalfStepW(),
            "StaleCacheW", new PlantedBlocks.StaleCacheW(),
            "WideZ", new PlantedBlocks.WideZ());

    @ParameterizedTest(name = "{0} ({1}) caught by {2}")
    @CsvSource({
        "LooseW, W, block.descent",
        "LooseA, a, block.descent",
        "OverclaimingW, W, block.descent",
        "NoProxW, W, block.optimality",
        "HalfStepW, W, block.stepReport",
        "StaleCacheW, W, block.invariants",
        "WideZ, z, block.descent"})
    void plantedViolationIsCaught(String planted, String role, String check) {
        for (long seed = 1; seed <= 2; seed++) {
            long started = System.nanoTime();
            List<Verdict> verdicts = BlockChecks.all(
                    DlamBlockTrials.of(role, PLANTED.get(planted), LOSSES, REGULARIZERS, ACTIVATIONS), seed, TRIES);
            Map<String, Verdict> byName = verdicts.stream().collect(Collectors.toMap(Verdict::check, v -> v));
            Verdict v = byName.get(check);
            assertThat(v.failed()).as("%s at seed %d: %s", planted, seed, v.describe()).isTrue();
            System.out.println("planted " + planted + " seed " + seed + ": " + v.check() + " FAILED, "
                    + v.detail().replaceAll(".*first at try ", "first at try ") + " (" + (System.nanoTime() - started) / 1000000 + " ms)");
        }
    }
}
