package org.altmin.solvers.sgd;

import org.altmin.api.InvalidParameterException;

/** Range checks that {@link org.altmin.api.Validate} does not have. */
final class SgdChecks {
    private SgdChecks() {}

    /** {@code 0 <= value < 1}: the decay rates beta1, beta2, rho and the momentum coefficient. */
    static double fraction(String component, String parameter, double value) {
        if (!(value >= 0 && value < 1)) {
            throw InvalidParameterException.of(component, parameter, value, "in [0, 1)");
        }
        return value;
    }
}
