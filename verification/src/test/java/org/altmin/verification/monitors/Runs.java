package org.altmin.verification.monitors;

import java.util.List;
import org.altmin.api.Claim;
import org.altmin.api.Property;
import org.altmin.api.Theory;

/** Theories for the monitor tests. */
final class Runs {
    static final String PAPER = "a test paper";

    private Runs() {}

    /** A theory with one claim for {@code property}, from iteration {@code from} (Claim.NEVER: not applicable). */
    static Theory claiming(Property property, int from, String condition) {
        return new Theory(PAPER, List.of(new Claim(property, from, PAPER + ", " + property.title(), condition)));
    }
}
