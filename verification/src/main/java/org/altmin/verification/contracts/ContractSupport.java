package org.altmin.verification.contracts;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.function.LongFunction;
import org.altmin.verification.checks.Verdict;

/**
 * The QuickTheories plumbing shared by the contract interfaces. A property runs {@code examples} QuickTheories
 * examples from the fixed seed {@link #seed()}; each example is a 64-bit seed for the plain-Java check in
 * {@code org.altmin.verification.checks}, which draws its test points (matrices of mixed scales, edge values)
 * from a {@link java.util.SplittableRandom} with that seed. Shrinking is off: a smaller seed is not a simpler input.
 * A failure reports the QuickTheories seed, the check's seed and the counterexample of its {@link Verdict}.
 */
public final class ContractSupport {
    /** The default QuickTheories seed (the paper's arXiv number). */
    public static final long DEFAULT_SEED = 181104187L;
    /** System property that overrides {@link #DEFAULT_SEED}, to explore other inputs or reproduce a report. */
    public static final String SEED_PROPERTY = "altmin.verification.seed";

    private ContractSupport() {}

    /** The QuickTheories seed: {@link #SEED_PROPERTY} if set, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw org.altmin.api.InvalidParameterException.of("ContractSupport", SEED_PROPERTY, value, "a long");
        }
    }

    /** Runs {@code check} on {@code examples} seeds drawn by QuickTheories; fails with the first bad verdict. */
    public static void property(int examples, LongFunction<Verdict> check) {
        long qtSeed = seed();
        qt().withFixedSeed(qtSeed).withExamples(examples).withShrinkCycles(0)
                .forAll(longs().all())
                .checkAssert(seed -> {
                    Verdict v = check.apply(seed);
                    if (v.failed()) {
                        throw new AssertionError("[QuickTheories seed " + qtSeed + "] " + v.describe());
                    }
                });
    }

    /** Throws {@link AssertionError} with the verdict's description when it failed. */
    public static void assertPassed(Verdict verdict) {
        verdict.orThrow();
    }
}
