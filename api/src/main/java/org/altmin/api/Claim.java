package org.altmin.api;

/**
 * One property an optimizer's paper proves (or does not), for this optimizer's settings: part of its {@link Theory}.
 *
 * @param property      the property
 * @param fromIteration the first iteration k whose step (from k-1 to k) the proof covers under these settings: 1
 *                      when it covers the whole run, a later k when the settings reach the proof's assumptions only
 *                      then (DLAM's eps schedule reaching its floor), {@link #NEVER} when it does not apply
 * @param source        where it is proved, e.g. {@code "arXiv:1811.04187, Property 2 (inequality 7)"}
 * @param condition     the assumptions it needs and whether these settings meet them, in words
 */
public record Claim(Property property, int fromIteration, String source, String condition) {
    /** {@link #fromIteration()} of a claim that does not hold under the settings. */
    public static final int NEVER = Integer.MAX_VALUE;

    public Claim {
        if (property == null || source == null || condition == null) {
            throw InvalidParameterException.of("Claim", "property/source/condition", "null", "non-null");
        }
        if (fromIteration < 1) {
            throw InvalidParameterException.of("Claim", "fromIteration", fromIteration, ">= 1 (NEVER when it does not apply)");
        }
    }

    /** A property proved for the whole run. */
    public static Claim holds(Property property, String source, String condition) {
        return new Claim(property, 1, source, condition);
    }

    /** A property whose assumptions these settings do not meet. */
    public static Claim notApplicable(Property property, String source, String condition) {
        return new Claim(property, NEVER, source, condition);
    }

    /** Whether the proof covers the step into iteration {@code k}. */
    public boolean coversIteration(int k) {
        return k >= fromIteration;
    }

    /** Whether it applies at some point of a run. */
    public boolean applies() {
        return fromIteration != NEVER;
    }
}
