package org.altmin.verification.monitors;

import org.altmin.api.Claim;
import org.altmin.api.Property;

/**
 * Which iterations a monitor checked, and why not the others: read from the optimizer's
 * {@link org.altmin.api.Theory} in {@code onStart}, part of every monitor's report.
 *
 * <ul>
 *   <li>The theory proves the property for the whole run: {@code fromIteration} 1, every iteration is checked,
 *       {@code reason} is the claim's condition.</li>
 *   <li>It proves it from iteration K > 1 (e.g. DLAM with an eps schedule, once eps has reached its floor):
 *       iterations 1..K-1 are observed but not checked, {@code notCovered} counts them and {@code reason} is the
 *       claim's condition, which says why.</li>
 *   <li>It does not prove it (no claim, or {@link Claim#applies()} false): {@code fromIteration} is
 *       {@link Claim#NEVER}, nothing is checked, the verdict is SKIPPED and {@code reason} is
 *       {@link org.altmin.api.Theory#whyNot}.</li>
 *   <li>The monitor was used without {@code onStart} (plain Java, replaying reports): every iteration is checked and
 *       {@code reason} is {@link #STANDALONE}.</li>
 * </ul>
 *
 * @param property      the property the monitor checks
 * @param fromIteration the first iteration k whose step (k-1 to k) is checked; {@link Claim#NEVER} when none is
 * @param notCovered    iterations {@code k >= 1} observed but not checked because the claim does not cover them
 * @param reason        the claim's condition, {@code Theory.whyNot}, or {@link #STANDALONE}
 */
public record Coverage(Property property, int fromIteration, int notCovered, String reason) {
    /** The reason of a monitor that was never given a run context. */
    public static final String STANDALONE = "no run context (onStart not called): every iteration is checked";

    /** Whether the property is checked at some point of the run. */
    public boolean applies() {
        return fromIteration != Claim.NEVER;
    }

    /**
     * For a verdict's detail: e.g. {@code "4 iterations before iteration 5 not applicable (not checked): <condition>"}; empty when
     * every observed iteration was checked.
     */
    public String describeNotCovered() {
        if (notCovered == 0) {
            return "";
        }
        String before = applies() ? " before iteration " + fromIteration : "";
        return notCovered + (notCovered == 1 ? " iteration" : " iterations") + before + " not applicable (not checked): " + reason;
    }
}
