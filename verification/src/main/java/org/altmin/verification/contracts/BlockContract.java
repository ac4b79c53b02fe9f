package org.altmin.verification.contracts;

import java.util.function.LongFunction;
import org.altmin.api.BlockTrial;
import org.altmin.verification.checks.BlockChecks;
import org.altmin.verification.checks.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Contract tests for one block update of a method that declares sufficient descent: the block's own decrease
 * (Lemma 3 of DLAM, J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187), the optimality condition of its subproblem
 * (Lemma 1), an honest squared step and the method's invariants, on random small problems in DOUBLE
 * ({@link BlockChecks}). Implement {@link #trials()} in a test class:
 *
 * <pre>{@code
 * class MyWBlockTest implements BlockContract {
 *     public LongFunction<BlockTrial> trials() {
 *         return DlamBlockTrials.of("W", new MyW(), losses, regularizers, activations);
 *     }
 * }
 * }</pre>
 *
 * <p>Each test runs {@link #EXAMPLES} QuickTheories examples (seed {@link ContractSupport#seed()}), each running
 * {@link BlockChecks#all} on {@link #TRIES} trials; tolerances are in {@link BlockChecks}.
 */
public interface BlockContract {
    /** QuickTheories examples per property. */
    int EXAMPLES = 4;
    /** Trials per example. */
    int TRIES = 10;

    /** The trials of the block under test (a fresh small problem per seed). */
    LongFunction<BlockTrial> trials();

    /**
     * Lemma 3 ({@code F(before) - F(after) >= (modulus/2)||step||^2}), Lemma 1 (the prox-linear point of the reported
     * modulus, or an exact block minimizer), the reported squared step and the method's invariants: the four
     * {@link BlockChecks} on the same trials (one test, so that each trial is set up once).
     */
    @Test
    default void satisfiesTheBlockContracts() {
        LongFunction<BlockTrial> trials = trials();
        ContractSupport.property(EXAMPLES, s -> Verdict.firstFailure(BlockChecks.all(trials, s, TRIES)));
    }
}
