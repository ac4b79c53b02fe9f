package org.altmin.solvers.common;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.Precision;

/**
 * The (pseudo-)inverse of the small symmetric positive semidefinite systems {@code S + shift I} of the least-squares
 * updates (DLAM's {@code w-exact} block, the W and a updates of the ADMM of Taylor et al.), in double precision with
 * Commons Math. Their sizes are layer widths, never N, but layer 1's is {@code n_0 x n_0} (784 on MNIST), where the
 * method matters: Cholesky takes tens of milliseconds there, an SVD seconds.
 *
 * <p>The order of attempts:
 * <ol>
 *   <li>Rows (and columns) of S that are exactly 0 — a unit that is 0 in every sample, such as MNIST's border pixels,
 *       with {@code shift = 0} — are set aside: the Moore-Penrose pseudo-inverse of a matrix that is block diagonal
 *       with a zero block is the pseudo-inverse of the other block, padded with zeros. Without such rows the matrix
 *       goes to step 2 whole.</li>
 *   <li>Cholesky of what remains, with pivots required above {@code 1e-12} of the largest diagonal entry; the
 *       inverse from it. For a numerically positive definite system this is the whole computation.</li>
 *   <li>Otherwise (dependent units, e.g. two pixels that are non-zero in the same single sample only) the
 *       pseudo-inverse from the symmetric eigendecomposition, eigenvalues at or below
 *       {@code max(n lambda_max 2^-52, sqrt(SAFE_MIN))} counted as zero — the threshold Commons Math's SVD solver
 *       applies to singular values, which equal the eigenvalues of a positive semidefinite matrix, so the result is
 *       the SVD pseudo-inverse, several times faster.</li>
 * </ol>
 * Each gives the minimum-norm least-squares solution {@code x = (S + shift I)^+ r}.
 */
public final class SymmetricSystems {
    /** Cholesky's relative pivot threshold (against the largest diagonal entry) and its symmetry tolerance. */
    public static final double CHOLESKY_THRESHOLD = 1e-12;

    private SymmetricSystems() {}

    /**
     * {@code (S + shift I)^+} for a symmetric positive semidefinite {@code S} ({@code n x n}, symmetrized here since a
     * product {@code a a^T} is symmetric only up to rounding); see the class javadoc for the method.
     *
     * @throws ArithmeticException when S or shift is not finite (so that no NaN reaches the decompositions)
     */
    public static double[][] inverse(double[][] s, double shift) {
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
        if (maxDiag <= 0) {
            return new double[n][n];
        }
        int[] kept = nonZeroRows(m);
        if (kept.length == n) {
            return invert(m, maxDiag);
        }
        double[][] reduced = new double[kept.length][kept.length];
        for (int i = 0; i < kept.length; i++) {
            for (int j = 0; j < kept.length; j++) {
                reduced[i][j] = m[kept[i]][kept[j]];
            }
        }
        double[][] inverse = invert(reduced, maxDiag);
        double[][] full = new double[n][n];
        for (int i = 0; i < kept.length; i++) {
            for (int j = 0; j < kept.length; j++) {
                full[kept[i]][kept[j]] = inverse[i][j];
            }
        }
        return full;
    }

    /** The indices of the rows with a non-zero entry. */
    private static int[] nonZeroRows(double[][] m) {
        int n = m.length;
        int[] kept = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (double v : m[i]) {
                if (v != 0) {
                    kept[count++] = i;
                    break;
                }
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /** Steps 2 and 3 of the class javadoc on a symmetric matrix without zero rows. */
    private static double[][] invert(double[][] m, double maxDiag) {
        RealMatrix system = new Array2DRowRealMatrix(m, false);
        try {
            return new CholeskyDecomposition(system, CHOLESKY_THRESHOLD, CHOLESKY_THRESHOLD * maxDiag).getSolver()
                    .getInverse().getData();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException singular) {
            return pseudoInverse(system);
        }
    }

    /** {@code V diag(1/lambda_k) V^T} over the eigenvalues above the SVD solver's threshold. */
    static double[][] pseudoInverse(RealMatrix symmetric) {
        int n = symmetric.getRowDimension();
        EigenDecomposition eigen = new EigenDecomposition(symmetric);
        double[] lambda = eigen.getRealEigenvalues();
        double largest = 0;
        for (double v : lambda) {
            largest = Math.max(largest, Math.abs(v));
        }
        double tol = Math.max(n * largest * Math.ulp(1.0), Math.sqrt(Precision.SAFE_MIN));
        RealMatrix v = eigen.getV();
        int rank = 0;
        for (double value : lambda) {
            rank += value > tol ? 1 : 0;
        }
        BlockRealMatrix scaled = new BlockRealMatrix(n, rank);
        BlockRealMatrix kept = new BlockRealMatrix(n, rank);
        int k = 0;
        for (int j = 0; j < lambda.length; j++) {
            if (lambda[j] > tol) {
                for (int i = 0; i < n; i++) {
                    double vij = v.getEntry(i, j);
                    kept.setEntry(i, k, vij);
                    scaled.setEntry(i, k, vij / lambda[j]);
                }
                k++;
            }
        }
        return rank == 0 ? new double[n][n] : scaled.multiply(kept.transpose()).getData();
    }
}
