package org.altmin.api;

/**
 * The terms of DLAM's Problem 2 objective
 * {@code F = R(z_L; y) + sum_l Omega_l(W_l) + sum_l (rho/2)||z_l - W_l a_{l-1} - b_l||^2 + sum_{l<L} I(...)}.
 *
 * @param risk           {@code R(z_L; y)}, summed over samples
 * @param regularization {@code sum_l Omega_l(W_l)}
 * @param coupling       {@code sum_l (rho/2)||z_l - W_l a_{l-1} - b_l||^2}
 * @param infeasibility  {@code max_l max |a_l - h_l(z_l)| - eps_l} clipped at 0: 0 when the indicator terms
 *                       are 0, positive (and F infinite) otherwise
 */
public record ObjectiveTerms(double risk, double regularization, double coupling, double infeasibility) {
    /** F: the sum of the finite terms, or {@code +inf} where a constraint is violated. */
    public double objective() {
        return infeasibility > 0 ? Double.POSITIVE_INFINITY : risk + regularization + coupling;
    }

    /** Terms of an optimizer without an objective of this form (e.g. SGD): risk only. */
    public static ObjectiveTerms riskOnly(double risk, double regularization) {
        return new ObjectiveTerms(risk, regularization, 0.0, 0.0);
    }
}
