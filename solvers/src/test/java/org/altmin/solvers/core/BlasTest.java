package org.altmin.solvers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Blas#gemm} gives {@code Nd4j.gemm}'s result bit for bit, in FLOAT and DOUBLE, for every combination of
 * transposes, c- and f-order operands and outputs, views with an offset and a leading dimension larger than the
 * matrix, alpha and beta; and falls back to it where the direct call does not apply.
 */
class BlasTest {
    /** An {@code rows x cols} matrix of the given layout: 0 c-order, 1 f-order, 2 and 3 a c- or f-order view. */
    private static INDArray matrix(SplittableRandom rng, DataType type, int rows, int cols, int layout) {
        int padRows = layout >= 2 ? 1 + rng.nextInt(3) : 0;
        int padCols = layout >= 2 ? 1 + rng.nextInt(3) : 0;
        char order = layout % 2 == 0 ? 'c' : 'f';
        INDArray parent = Nd4j.create(type, new long[] {rows + padRows, cols + padCols}, order);
        for (int i = 0; i < parent.rows(); i++) {
            for (int j = 0; j < parent.columns(); j++) {
                parent.putScalar(i, j, rng.nextGaussian());
            }
        }
        if (layout < 2) {
            return parent;
        }
        return parent.get(NDArrayIndex.interval(padRows, padRows + rows),
                NDArrayIndex.interval(padCols, padCols + cols));
    }

    /** The entries in c order as doubles (exact for FLOAT), for a bit-for-bit comparison ({@code INDArray.equals}
     * allows a tolerance). */
    private static double[] entries(INDArray x) {
        return x.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    private static boolean same(INDArray x, INDArray y) {
        return Arrays.equals(x.shape(), y.shape()) && Arrays.equals(entries(x), entries(y));
    }

    @Test
    void givesNd4jsProductBitForBitInEveryLayout() {
        assertThat(Blas.direct()).as("the CPU backend's OpenBLAS is called directly").isTrue();
        qt().withExamples(300).withFixedSeed(11).forAll(integers().between(0, Integer.MAX_VALUE)).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DataType type = rng.nextBoolean() ? DataType.FLOAT : DataType.DOUBLE;
            int m = 2 + rng.nextInt(40);
            int n = 2 + rng.nextInt(40);
            int k = 2 + rng.nextInt(70);
            boolean transA = rng.nextBoolean();
            boolean transB = rng.nextBoolean();
            INDArray a = transA ? matrix(rng, type, k, m, rng.nextInt(4)) : matrix(rng, type, m, k, rng.nextInt(4));
            INDArray b = transB ? matrix(rng, type, n, k, rng.nextInt(4)) : matrix(rng, type, k, n, rng.nextInt(4));
            INDArray c = matrix(rng, type, m, n, rng.nextInt(4));
            double alpha = rng.nextBoolean() ? 1.0 : rng.nextGaussian();
            double beta = new double[] {0.0, 1.0, -0.5}[rng.nextInt(3)];
            INDArray expected = c.dup(c.ordering());
            Nd4j.gemm(a, b, expected, transA, transB, alpha, beta);
            INDArray result = Blas.gemm(a, b, c, transA, transB, alpha, beta);
            assertThat(result).isSameAs(c);
            assertThat(same(c, expected))
                    .as("%s m=%d n=%d k=%d transA=%s transB=%s a %s b %s c %s beta=%s: max difference %s", type, m,
                            n, k, transA, transB, a.ordering(), b.ordering(), c.ordering(), beta,
                            c.sub(expected).amaxNumber())
                    .isTrue();
            // With beta = 0 the old entries are ignored (NaN here), in either ordering of the output.
            if (beta == 0) {
                char order = c.ordering() == 'c' ? 'f' : 'c';
                INDArray other = Nd4j.create(type, new long[] {m, n}, order).assign(Double.NaN);
                INDArray reference = Nd4j.create(type, new long[] {m, n}, order).assign(Double.NaN);
                Nd4j.gemm(a, b, reference, transA, transB, alpha, 0.0);
                Blas.gemm(a, b, other, transA, transB, alpha, 0.0);
                assertThat(same(other, reference)).as("%s m=%d n=%d k=%d transA=%s transB=%s a %s b %s into %s: %s",
                        type, m, n, k, transA, transB, a.ordering(), b.ordering(), other.ordering(),
                        other.sub(reference).amaxNumber()).isTrue();
            }
        });
    }

    /** Past OpenBLAS's blocking sizes (the products of a layer of 100 units over 3000 samples of 784 pixels). */
    @Test
    void largeProductsAreBitForBitToo() {
        SplittableRandom rng = new SplittableRandom(9);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray w = matrix(rng, type, 100, 784, 0);
            INDArray x = matrix(rng, type, 784, 3000, 1);
            INDArray r = matrix(rng, type, 100, 3000, 0);
            INDArray[][] cases = {{w, x, Nd4j.create(type, 100, 3000)}, {r, x, Nd4j.create(type, 100, 784)},
                {w, r, Nd4j.create(type, new long[] {784, 3000}, 'f')}};
            boolean[][] flags = {{false, false}, {false, true}, {true, false}};
            for (int i = 0; i < cases.length; i++) {
                INDArray expected = cases[i][2].dup(cases[i][2].ordering());
                Nd4j.gemm(cases[i][0], cases[i][1], expected, flags[i][0], flags[i][1], 1.0, 0.0);
                Blas.gemm(cases[i][0], cases[i][1], cases[i][2], flags[i][0], flags[i][1], 1.0, 0.0);
                assertThat(same(cases[i][2], expected)).as("%s case %d", type, i).isTrue();
            }
        }
    }

    @Test
    void aViewWritesOnlyItsOwnEntries() {
        INDArray parent = Nd4j.ones(DataType.FLOAT, 6, 7);
        INDArray c = parent.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 5));
        INDArray a = Nd4j.linspace(DataType.FLOAT, 1, 6, 1).reshape(3, 2);
        INDArray b = Nd4j.linspace(DataType.FLOAT, 1, 6, 1).reshape(2, 3);
        Blas.gemm(a, b, c, false, false, 1.0, 0.0);
        assertThat(same(c, a.mmul(b))).isTrue();
        assertThat(parent.sumNumber().doubleValue()).isEqualTo(6 * 7 - 9 + a.mmul(b).sumNumber().doubleValue());
    }

    @Test
    void vectorProductsTakeNd4jsRoute() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int[] shape : new int[][] {{1, 4, 9}, {6, 1, 9}, {6, 4, 1}}) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray a = matrix(rng, type, shape[0], shape[2], 0);
                INDArray b = matrix(rng, type, shape[2], shape[1], 1);
                INDArray c = Nd4j.create(type, shape[0], shape[1]);
                INDArray expected = c.dup();
                Nd4j.gemm(a, b, expected, false, false, 1.0, 0.0);
                Blas.gemm(a, b, c, false, false, 1.0, 0.0);
                assertThat(same(c, expected)).isTrue();
            }
        }
    }

    @Test
    void mismatchedShapesGetNd4jsMessage() {
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.create(DataType.FLOAT, 5, 2);
        INDArray c = Nd4j.create(DataType.FLOAT, 3, 2);
        assertThatThrownBy(() -> Blas.gemm(a, b, c, false, false, 1.0, 0.0)).isInstanceOf(RuntimeException.class);
    }
}
