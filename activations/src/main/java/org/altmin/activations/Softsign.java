package org.altmin.activations;

import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;

/**
 * Softsign {@code h(z) = z / (1 + |z|)}, registered as {@value #NAME}; no parameters. Strictly increasing onto the
 * open range (-1, 1), hence quasilinear (Assumption 3 of DLAM: J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187);
 * {@code h'(z) = 1 / (1 + |z|)^2}. It saturates polynomially, not exponentially like tanh: {@code h(1e12)} is still
 * below 1 by 1e-12, so its boundedness is a limit, not a value reached in floating point.
 *
 * <p><b>Preimage (equation 4), exact.</b> The inverse on (-1, 1) is {@code v / (1 - |v|)}. With {@code lo = a - eps},
 * {@code hi = a + eps}: empty iff {@code hi <= -1} or {@code lo >= 1} (the asymptotes are never attained);
 * otherwise {@code B1 = -inf} if {@code lo <= -1}, else {@code lo / (1 - |lo|)}, and {@code B2 = +inf} if
 * {@code hi >= 1}, else {@code hi / (1 - |hi|)}. The array forms are the interface's loops over these.
 */
public record Softsign() implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "softsign";

    /** Builds it from (empty) parameters. */
    public static Softsign fromParams(Params params) {
        return new Softsign();
    }

    @Override
    public double apply(double z) {
        return z / (1 + Math.abs(z));
    }

    @Override
    public double derivative(double z) {
        double d = 1 + Math.abs(z);
        return 1 / (d * d);
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        check(a, epsilon);
        double lo = a - epsilon;
        return lo <= -1 ? Double.NEGATIVE_INFINITY : lo / (1 - Math.abs(lo));
    }

    @Override
    public double upperBound(double a, double epsilon) {
        check(a, epsilon);
        double hi = a + epsilon;
        return hi >= 1 ? Double.POSITIVE_INFINITY : hi / (1 - Math.abs(hi));
    }

    private static void check(double a, double epsilon) {
        Args.band("Softsign", a, epsilon);
        if (a + epsilon <= -1 || a - epsilon >= 1) {
            throw Args.emptyBand("Softsign", a, epsilon, "in (-1 - epsilon, 1 + epsilon) = (" + (-1 - epsilon) + ", "
                    + (1 + epsilon) + ")", "(-1, 1)");
        }
    }
}
