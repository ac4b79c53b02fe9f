package org.altmin.experiments.check;

import com.google.inject.Injector;
import java.util.List;
import java.util.SplittableRandom;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.Optimizer;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.solvers.dlam.DlamBlockTrials;
import org.altmin.solvers.dlam.DlamBlocks;
import org.altmin.solvers.dlam.DlamContext;
import org.altmin.solvers.dlam.DlamOptimizer;
import org.altmin.solvers.dlam.MdlamOptimizer;
import org.altmin.verification.checks.ActivationChecks;
import org.altmin.verification.checks.BlockChecks;
import org.altmin.verification.checks.LossChecks;
import org.altmin.verification.checks.RegularizerChecks;
import org.altmin.verification.checks.TestPoints;
import org.altmin.verification.checks.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plain-Java checks of one component ({@code org.altmin.verification.checks}), each with its own default tries
 * or, when {@code tries} is given, that many: what {@code altmin check} runs. No JUnit.
 */
public final class ComponentCheck {
    /** Rows (classes) and columns (samples) of a loss's test points. */
    public static final int LOSS_CLASSES = 4;
    public static final int LOSS_SAMPLES = LossChecks.DEFAULT_SAMPLES;

    private ComponentCheck() {}

    private static int n(Integer tries, int standard) {
        return tries != null ? tries : standard;
    }

    /** Assumption 3 and the exact preimage bounds of equation 4 ({@link ActivationChecks}). */
    public static List<Verdict> activation(QuasilinearActivation h, long seed, Integer tries) {
        return List.of(
                ActivationChecks.quasilinearity(h, seed, n(tries, ActivationChecks.QUASILINEAR_TRIES)),
                ActivationChecks.preimageSoundness(h, seed, n(tries, ActivationChecks.PREIMAGE_TRIES)),
                ActivationChecks.preimageTightness(h, seed, n(tries, ActivationChecks.PREIMAGE_TRIES)),
                ActivationChecks.emptyPreimageThrows(h),
                ActivationChecks.arrayAgreement(h, seed, n(tries, ActivationChecks.ARRAY_TRIES)),
                ActivationChecks.derivative(h, seed, n(tries, ActivationChecks.DERIVATIVE_TRIES)));
    }

    /** Assumption 2, the gradient, the prox of equation 5 and R bounded below ({@link LossChecks}). */
    public static List<Verdict> loss(Loss loss, long seed, Integer tries) {
        INDArray y = TestPoints.oneHot(new SplittableRandom(seed), LOSS_CLASSES, LOSS_SAMPLES);
        return List.of(
                LossChecks.convexity(loss, y, seed, n(tries, LossChecks.CONVEXITY_TRIES)),
                LossChecks.gradient(loss, y, seed, n(tries, LossChecks.GRADIENT_TRIES)),
                LossChecks.subgradientInequality(loss, y, seed, n(tries, LossChecks.SUBGRADIENT_TRIES)),
                LossChecks.proxOptimality(loss, y, seed, n(tries, LossChecks.PROX_TRIES)),
                LossChecks.proxNonexpansive(loss, y, seed, n(tries, LossChecks.NONEXPANSIVE_TRIES)),
                LossChecks.boundedBelow(loss, y, seed, n(tries, LossChecks.BOUNDED_BELOW_TRIES)));
    }

    /** Assumption 2, the subgradient (at kinks too) and the prox of Algorithm 2 ({@link RegularizerChecks}). */
    public static List<Verdict> regularizer(Regularizer omega, long seed, Integer tries) {
        return List.of(
                RegularizerChecks.convexity(omega, seed, n(tries, RegularizerChecks.CONVEXITY_TRIES)),
                RegularizerChecks.subgradientInequality(omega, seed, n(tries, RegularizerChecks.SUBGRADIENT_TRIES)),
                RegularizerChecks.subgradientAtKinks(omega, seed, n(tries, RegularizerChecks.KINK_TRIES)),
                RegularizerChecks.proxOptimality(omega, seed, n(tries, RegularizerChecks.PROX_TRIES)),
                RegularizerChecks.proxNonexpansive(omega, seed, n(tries, RegularizerChecks.NONEXPANSIVE_TRIES)));
    }

    /** DLAM's block roles. */
    public static List<String> blockRoles() {
        return DlamBlocks.ROLES;
    }

    /** A verdict with the component (or problem part) it is about. */
    public record Labelled(String component, Verdict verdict) {}

    /** The verdicts of a block, with a label naming it. */
    public record BlockResult(String label, List<Verdict> verdicts) {}

    /**
     * The block contracts ({@link BlockChecks}) of the block {@code spec} in {@code role}'s registry of
     * {@code optimizer} (a method built from DLAM's blocks: dlam or mdlam), on trial problems whose components are
     * drawn from the candidates.
     */
    public static BlockResult block(Injector injector, String optimizer, String role, ComponentSpec spec,
            List<Loss> losses, List<Regularizer> regularizers, List<QuasilinearActivation> activations, long seed,
            Integer tries) {
        Optimizer method = Registries.resolve("optimizer", injector.getInstance(
                com.google.inject.Key.get(Registries.OPTIMIZER_MAP)), ComponentSpec.of(optimizer)).component();
        if (!(method instanceof DlamOptimizer) && !(method instanceof MdlamOptimizer)) {
            throw InvalidParameterException.of("altmin check", "--optimizer", "'" + optimizer + "'",
                    "an optimizer built from DLAM's block registries (dlam or mdlam); " + optimizer
                            + " has no block contracts to check");
        }
        if (!DlamBlocks.ROLES.contains(role)) {
            throw InvalidParameterException.of("altmin check", "block role", "'" + role + "'", "one of " + DlamBlocks.ROLES);
        }
        Registries.Resolved<BlockUpdate<DlamContext>> block = Registries.resolve(role + " block",
                injector.getInstance(DlamBlocks.key(role)), spec);
        String label = "block " + role + "=" + block.spec().name() + (block.spec().params().isEmpty() ? ""
                : " " + block.spec().params()) + " (" + optimizer + "; trials with losses " + losses + ", regularizers "
                + regularizers + ", activations " + activations + ")";
        var trials = DlamBlockTrials.of(role, block.component(), losses, regularizers, activations);
        return new BlockResult(label, BlockChecks.all(trials, seed, n(tries, BlockChecks.TRIES)));
    }
}
