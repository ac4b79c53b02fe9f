package org.altmin.solvers.admm;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Regularizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The small dense linear algebra of the ADMM updates, in double precision (Commons Math): the {@code n x n}
 * systems of the W and a updates, whose sizes are layer widths, never N.
 */
final class SmallLinearAlgebra {
    private SmallLinearAlgebra() {}

    /**
     * {@code (S + shift I)^{-1}} for a symmetric positive semidefinite {@code S} (symmetrized here, since a product
     * {@code a a^T} is symmetric only up to rounding), by Cholesky; when {@code S + shift I} is not numerically
     * positive definite (pivot below {@code 1e-12} of the largest diagonal entry, e.g. {@code shift = 0} and a
     * unit that is 0 in every sample), the Moore-Penrose pseudo-inverse by SVD instead, which still gives the
     * minimum-norm least-squares solution.
     *
     * @throws ArithmeticException when S or shift is not finite (so that no NaN reaches the decompositions)
     */
    static double[][] inverse(double[][] s, double shift) {
        int n = s.length;
        double[][] m = new double[n][n];
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0.5 * (s[i][j] + s[j][i]);
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("the system matrix has a non-finite entry (" + v + " at " + i + ", "
                            + j + ")");
                }
                m[i][j] = v;
            }
            m[i][i] += shift;
            maxDiag = Math.max(maxDiag, m[i][i]);
        }
        if (!Double.isFinite(shift) || !Double.isFinite(maxDiag)) {
            throw new ArithmeticException("the system matrix shift is " + shift + ", its largest diagonal entry " + maxDiag);
        }
        RealMatrix system = new Array2DRowRealMatrix(m, false);
        if (maxDiag <= 0) {
            return new double[n][n];
        }
        try {
            return new CholeskyDecomposition(system, 1e-12, 1e-12 * maxDiag).getSolver().getInverse().getData();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException singular) {
            return new SingularValueDecomposition(system).getSolver().getInverse().getData();
        }
    }

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
