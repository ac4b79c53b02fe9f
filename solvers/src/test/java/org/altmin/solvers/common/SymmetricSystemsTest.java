package org.altmin.solvers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * {@link SymmetricSystems#inverse}: a positive definite system takes the Cholesky path unchanged (the same inverse
 * to the bit as Commons Math's Cholesky); a singular one, with zero rows, dependent rows or both, gives the SVD
 * pseudo-inverse (the Moore-Penrose conditions hold) without an SVD.
 */
class SymmetricSystemsTest {
    /** {@code B B^T} for a random {@code n x rank} B, with the rows and columns in {@code zero} set to 0. */
    private static double[][] psd(SplittableRandom rng, int n, int rank, int... zero) {
        double[][] b = new double[n][rank];
        for (double[] row : b) {
            for (int j = 0; j < rank; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        for (int i : zero) {
            b[i] = new double[rank];
        }
        return MatrixUtils.createRealMatrix(b).multiply(MatrixUtils.createRealMatrix(b).transpose()).getData();
    }

    private static double maxAbsDifference(RealMatrix a, RealMatrix b) {
        return a.subtract(b).getNorm() / Math.max(1e-300, b.getNorm());
    }

    @Test
    void positiveDefiniteSystemsTakeTheCholeskyPathBitForBit() {
        SplittableRandom rng = new SplittableRandom(3);
        for (double shift : new double[] {0, 0.5}) {
            double[][] s = psd(rng, 12, 20);
            double[][] inverse = SymmetricSystems.inverse(s, shift);
            double[][] shifted = new double[12][12];
            double maxDiag = 0;
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    shifted[i][j] = 0.5 * (s[i][j] + s[j][i]);
                }
                shifted[i][i] += shift;
                maxDiag = Math.max(maxDiag, shifted[i][i]);
            }
            double[][] cholesky = new CholeskyDecomposition(new Array2DRowRealMatrix(shifted), 1e-12, 1e-12 * maxDiag)
                    .getSolver().getInverse().getData();
            assertThat(inverse).isDeepEqualTo(cholesky);
        }
    }

    @Test
    void singularSystemsGiveTheSvdPseudoInverse() {
        qt().withExamples(20).withFixedSeed(7).forAll(integers().between(0, 10_000)).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = 3 + rng.nextInt(12);
            int rank = 1 + rng.nextInt(n - 1);
            int[] zero = rng.nextBoolean() ? new int[] {rng.nextInt(n)} : new int[0];
            double[][] s = psd(rng, n, rank, zero);
            RealMatrix pinv = MatrixUtils.createRealMatrix(SymmetricSystems.inverse(s, 0));
            RealMatrix svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(s)).getSolver().getInverse();
            assertThat(maxAbsDifference(pinv, svd)).as("n %d rank %d zero rows %d", n, rank, zero.length)
                    .isLessThan(1e-9);
            RealMatrix a = MatrixUtils.createRealMatrix(s);
            assertThat(maxAbsDifference(a.multiply(pinv).multiply(a), a)).isLessThan(1e-9);
            assertThat(maxAbsDifference(pinv.multiply(a).multiply(pinv), pinv)).isLessThan(1e-9);
            for (int i : zero) {
                for (int j = 0; j < n; j++) {
                    assertThat(pinv.getEntry(i, j)).isZero();
                    assertThat(pinv.getEntry(j, i)).isZero();
                }
            }
        });
    }

    @Test
    void zeroSystemHasTheZeroPseudoInverse() {
        assertThat(SymmetricSystems.inverse(new double[3][3], 0)).isDeepEqualTo(new double[3][3]);
    }

    @Test
    void nonFiniteEntriesAreRejected() {
        double[][] s = {{1, 0}, {0, Double.NaN}};
        assertThatThrownBy(() -> SymmetricSystems.inverse(s, 0)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("non-finite entry (NaN at 1, 1)");
        assertThatThrownBy(() -> SymmetricSystems.inverse(new double[][] {{1}}, Double.POSITIVE_INFINITY))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("shift is Infinity");
    }
}
