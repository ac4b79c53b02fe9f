package org.altmin.verification.monitors;

import java.util.Optional;
import org.altmin.api.Claim;
import org.altmin.api.Property;
import org.altmin.api.RunContext;
import org.altmin.api.Theory;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;

/**
 * The part every monitor shares: which iterations its property's claim covers, from the run's {@link Theory}, and
 * how many observed iterations it did not cover. Without {@link #start} it covers every iteration. Not thread-safe.
 */
final class Gate {
    private final Property property;
    private int from = 1;
    private String reason = Coverage.STANDALONE;
    private int notCovered;

    Gate(Property property) {
        this.property = property;
    }

    /** Reads the claim for the property from {@code run.theory()}. */
    void start(RunContext run) {
        Theory theory = run.theory();
        Optional<Claim> claim = theory == null ? Optional.empty() : theory.claim(property);
        if (claim.isPresent() && claim.get().applies()) {
            from = claim.get().fromIteration();
            reason = claim.get().condition();
        } else {
            from = Claim.NEVER;
            reason = theory == null ? property.title() + ": the run declares no theory" : theory.whyNot(property);
        }
    }

    /** Whether the property is checked at some point of the run. */
    boolean applies() {
        return from != Claim.NEVER;
    }

    /** The first iteration checked. */
    int from() {
        return from;
    }

    /**
     * Whether the step into iteration {@code k} is checked; counts an iteration {@code k >= 1} that is not. Iteration
     * 0 (the starting point, no step) is never covered and never counted.
     */
    boolean covers(int k) {
        if (k >= 1 && k >= from) {
            return true;
        }
        if (k >= 1) {
            notCovered++;
        }
        return false;
    }

    Coverage coverage() {
        return new Coverage(property, from, notCovered, reason);
    }

    /** The SKIPPED verdict of a property the theory does not prove: the reason is the claim's condition. */
    Verdict notApplicable(String check, Tolerance tolerance) {
        return Verdict.skip(check, 0, tolerance, 0L, reason);
    }

    /** {@code "; <n> iterations before iteration K not applicable (not checked): <condition>"}, or empty. */
    String note() {
        String text = coverage().describeNotCovered();
        return text.isEmpty() ? "" : "; " + text;
    }
}
