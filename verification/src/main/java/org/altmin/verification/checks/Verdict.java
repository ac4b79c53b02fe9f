package org.altmin.verification.checks;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one property check. A failed verdict carries a printable counterexample: the inputs that broke
 * the property, with the values on both sides of the violated inequality, enough to reproduce the failure by hand.
 * The seed of the {@link java.util.SplittableRandom} that drew the inputs is reported so a run can be repeated.
 *
 * @param check          the check's name, e.g. {@code "loss.convexity"}
 * @param passed         whether the property held on every try (a skipped check counts as passed)
 * @param skipped        whether the check did not apply (e.g. finite differences on a loss with kinks everywhere)
 * @param tries          the number of inputs actually examined
 * @param tolerance      the tolerance used
 * @param seed           the seed the inputs were drawn from
 * @param detail         a human-readable summary (what was checked, or why it failed or was skipped)
 * @param counterexample the inputs that broke the property; empty when it passed
 */
public record Verdict(
        String check,
        boolean passed,
        boolean skipped,
        int tries,
        Tolerance tolerance,
        long seed,
        String detail,
        Optional<String> counterexample) {
    public Verdict {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(counterexample, "counterexample");
        if (passed == counterexample.isPresent()) {
            throw new IllegalArgumentException("Verdict " + check + ": a counterexample iff failed");
        }
    }

    /** The property held on {@code tries} inputs. */
    public static Verdict pass(String check, int tries, Tolerance tolerance, long seed, String detail) {
        return new Verdict(check, true, false, tries, tolerance, seed, detail, Optional.empty());
    }

    /** The property failed on the given inputs. */
    public static Verdict fail(String check, int tries, Tolerance tolerance, long seed, String detail,
            String counterexample) {
        return new Verdict(check, false, false, tries, tolerance, seed, detail, Optional.of(counterexample));
    }

    /** The check did not apply; {@code why} says why. */
    public static Verdict skip(String check, int tries, Tolerance tolerance, long seed, String why) {
        return new Verdict(check, true, true, tries, tolerance, seed, "skipped: " + why, Optional.empty());
    }

    /** Whether the property failed. */
    public boolean failed() {
        return !passed;
    }

    /** The first failed verdict of {@code verdicts}, else the last one (all passed). */
    public static Verdict firstFailure(Iterable<Verdict> verdicts) {
        Verdict last = null;
        for (Verdict v : verdicts) {
            if (v.failed()) {
                return v;
            }
            last = v;
        }
        if (last == null) {
            throw new IllegalArgumentException("Verdict.firstFailure: no verdicts");
        }
        return last;
    }

    /** One paragraph for logs and assertion messages. */
    public String describe() {
        String head = check + (skipped ? " SKIPPED" : passed ? " PASSED" : " FAILED") + " after " + tries
                + " tries (tolerance " + tolerance + ", seed " + seed + "): " + detail;
        return counterexample.map(c -> head + "\n  counterexample: " + c).orElse(head);
    }

    /** Throws {@link AssertionError} with {@link #describe()} when failed; returns this otherwise. */
    public Verdict orThrow() {
        if (failed()) {
            throw new AssertionError(describe());
        }
        return this;
    }

    @Override
    public String toString() {
        return describe();
    }
}
