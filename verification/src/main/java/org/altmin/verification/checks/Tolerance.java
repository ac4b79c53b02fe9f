package org.altmin.verification.checks;

import org.altmin.api.InvalidParameterException;

/**
 * A mixed tolerance: an inequality {@code lhs <= rhs} counts as satisfied when
 * {@code lhs - rhs <= absolute + relative * scale}, where {@code scale} is the magnitude of the terms involved
 * (each check states which). Relative alone fails near 0; absolute alone fails for sums over many samples.
 *
 * @param relative the part proportional to the scale, {@code >= 0}
 * @param absolute the floor, {@code >= 0}
 */
public record Tolerance(double relative, double absolute) {
    public Tolerance {
        if (!(relative >= 0) || !Double.isFinite(relative)) {
            throw InvalidParameterException.of("Tolerance", "relative", relative, ">= 0 and finite");
        }
        if (!(absolute >= 0) || !Double.isFinite(absolute)) {
            throw InvalidParameterException.of("Tolerance", "absolute", absolute, ">= 0 and finite");
        }
    }

    /** The allowed slack at magnitude {@code scale}: {@code absolute + relative * |scale|}. */
    public double slack(double scale) {
        return absolute + relative * Math.abs(scale);
    }

    /** Whether {@code lhs <= rhs} holds up to this tolerance at magnitude {@code scale}; NaN never holds. */
    public boolean allowsAtMost(double lhs, double rhs, double scale) {
        double excess = lhs - rhs;
        return excess <= slack(scale);
    }

    @Override
    public String toString() {
        return "rel " + relative + " + abs " + absolute;
    }
}
