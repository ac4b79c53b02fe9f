package org.altmin.solvers.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method's objective at its current point, as a {@link Session} measures it after each iteration: the value, its
 * terms by name, the method's point-wise diagnostics (e.g. DLAM's band residuals), and a diagnosis when a term or a
 * variable is not finite or a hard constraint is violated (the run then ends as DIVERGED).
 *
 * @param objective   the value; {@code +inf} where a hard constraint is violated
 * @param terms       by name, in the method's order
 * @param diagnostics by name
 * @param problem     null when every term and variable is finite and feasible
 */
public record Measurement(double objective, Map<String, Double> terms, Map<String, Double> diagnostics, String problem) {
    public Measurement {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }
}
