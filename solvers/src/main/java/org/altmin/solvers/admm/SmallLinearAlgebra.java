package org.altmin.solvers.admm;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Regularizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small helpers of the ADMM updates around their {@code n x n} systems (whose sizes are layer widths, never N;
 * their inverses come from {@link org.altmin.solvers.common.SymmetricSystems}).
 */
final class SmallLinearAlgebra {
    private SmallLinearAlgebra() {}

    /** The trace of a square array, as a double. */
    static double trace(INDArray square) {
        double t = 0;
        long n = square.rows();
        for (long i = 0; i < n; i++) {
            t += square.getDouble(i, i);
        }
        return t;
    }

    /** Writes {@code values} ({@code rows x cols}) into {@code out}, cast to out's dtype. */
    static void assign(double[][] values, INDArray out) {
        out.assign(Nd4j.createFromArray(values).castTo(out.dataType()));
    }

    /**
     * lambda such that {@code Omega = (lambda/2)||W||^2} ({@code lambda >= 0}: the regularizers "none" and "l2"),
     * found from {@code prox(v, t) = t v / (t + lambda)} and checked against {@code Omega.value} on a small test
     * matrix (as DLAM's {@code w-exact} block does); any other regularizer is rejected, since only for these does
     * the least-squares W update of ADMM stay the exact minimizer of its subproblem.
     */
    static double quadraticWeight(Regularizer omega, DataType dtype, int layer) {
        java.util.OptionalDouble lambda = org.altmin.solvers.common.QuadraticRegularizer.weight(omega, dtype);
        String found = String.valueOf(omega);
        if (lambda.isEmpty()) {
            throw InvalidParameterException.of(AdmmConfig.COMPONENT, "regularizers[" + layer + "]", found,
                    "none or l2 (Omega = (lambda/2)||W||^2, for which the least-squares W update of ADMM stays exact;"
                            + " Taylor et al. use none)");
        }
        return lambda.getAsDouble();
    }
}
