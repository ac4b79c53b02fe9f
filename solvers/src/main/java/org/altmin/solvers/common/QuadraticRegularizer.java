package org.altmin.solvers.common;

import java.util.OptionalDouble;
import org.altmin.api.Regularizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recognizes a regularizer of the form {@code Omega = (lambda/2)||W||^2} with {@code lambda >= 0} (the shipped
 * "none" and "l2", or a researcher's own of that form) by its behaviour rather than its class: the least-squares W
 * updates (DLAM's {@code w-exact} block, the ADMM baseline) are exact minimizers only for these.
 */
public final class QuadraticRegularizer {
    private QuadraticRegularizer() {}

    /**
     * lambda if {@code Omega = (lambda/2)||W||^2}, found from {@code prox(v, t) = t v / (t + lambda)} at t = 1 and
     * checked at t = 3 and against {@code Omega.value} on a small test matrix in {@code dtype} (tolerance 1e-9 in
     * DOUBLE, 1e-4 otherwise); empty for any other regularizer, including one that throws on the probe.
     */
    public static OptionalDouble weight(Regularizer omega, DataType dtype) {
        double[] probe = {1.0, -2.0, 0.5, 3.0, -0.25, 1.5};
        try {
            INDArray v = Nd4j.create(probe, new long[] {2, 3}, DataType.DOUBLE).castTo(dtype);
            double tol = dtype == DataType.DOUBLE ? 1e-9 : 1e-4;
            double[] p1 = omega.prox(v, 1.0).castTo(DataType.DOUBLE).reshape(probe.length).toDoubleVector();
            double lambda = probe[0] / p1[0] - 1.0;
            if (!(Double.isFinite(lambda) && lambda >= -tol)) {
                return OptionalDouble.empty();
            }
            lambda = Math.max(lambda, 0.0);
            double[] p3 = omega.prox(v, 3.0).castTo(DataType.DOUBLE).reshape(probe.length).toDoubleVector();
            double sq = 0;
            for (int i = 0; i < probe.length; i++) {
                boolean matches = Math.abs(p1[i] - probe[i] / (1 + lambda)) <= tol * Math.abs(probe[i])
                        && Math.abs(p3[i] - 3 * probe[i] / (3 + lambda)) <= tol * Math.abs(probe[i]);
                if (!matches) {
                    return OptionalDouble.empty();
                }
                sq += probe[i] * probe[i];
            }
            double value = omega.value(v);
            return Math.abs(value - 0.5 * lambda * sq) <= tol * Math.max(1.0, Math.abs(value))
                    ? OptionalDouble.of(lambda) : OptionalDouble.empty();
        } catch (RuntimeException notQuadratic) {
            return OptionalDouble.empty();
        }
    }
}
