package org.altmin.solvers.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.kernels.BoundsKernel;
import org.altmin.api.kernels.Segments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused kernels against the plain ND4J computations they replace: the same values entry by entry (the same
 * operations in the same order and precision), sums equal up to rounding; on shapes with a partial last segment,
 * several segments per row, one row and tiny arrays; and the ND4J fallback for arrays that are not one flat
 * c-order buffer (views, f-order) gives the same results. (The DLAM context's buffers taking the fast path, and the
 * zero-residual shortcuts of the W and a blocks, are {@code org.altmin.solvers.dlam.FusedPathTest}.)
 */
public class FusedTest {
    static final int C = Segments.CHUNK;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        // The last is above Segments.PARALLEL_MIN: several threads.
        int[][] shapes = {{3, 2 * C + 17}, {5, 7}, {2, C}, {1, 3 * C - 1}, {4, C + 1}, {66, C + 3}};
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] s : shapes) {
                out.add(Arguments.of(dtype, s[0], s[1]));
            }
        }
        return out.stream();
    }

    /** Entries uniform in (-1, 1), seeded. */
    static INDArray random(DataType dtype, long seed, int rows, int cols) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, rows, cols).muli(2).subi(1).castTo(dtype);
    }

    /** The entries in c order, as doubles (exact for FLOAT). */
    public static double[] values(INDArray x) {
        return x.dup('c').castTo(DataType.DOUBLE).reshape(x.length()).toDoubleVector();
    }

    /** {@code sum x^2} in double, sequentially: the reference for the kernels' squared norms. */
    public static double sumSq(INDArray x) {
        double s = 0;
        for (double v : values(x)) {
            s += v * v;
        }
        return s;
    }

    /** {@code norm2Number()} squared: the ND4J reduction the kernels' squared norms replace. */
    static double norm2Squared(INDArray x) {
        double n = x.norm2Number().doubleValue();
        return n * n;
    }

    /** Relative tolerance against ND4J's sums, which accumulate FLOAT arrays in float. */
    static double tol(DataType dtype) {
        return dtype == DataType.DOUBLE ? 1e-12 : 1e-4;
    }

    public static void assertSameEntries(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double[] x = values(actual);
        double[] y = values(expected);
        int mismatch = java.util.Arrays.mismatch(x, y);
        assertThat(mismatch).as("first differing entry %d: %s vs %s", mismatch, mismatch < 0 ? "" : x[mismatch],
                mismatch < 0 ? "" : y[mismatch]).isEqualTo(-1);
    }

    /** Copies of x that force the fallback: a strided view, a contiguous view at an offset, an f-order array. */
    static List<INDArray> nonFlat(INDArray x) {
        long rows = x.rows();
        long cols = x.columns();
        INDArray wide = Nd4j.create(x.dataType(), rows, cols + 3);
        INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + cols)).assign(x);
        INDArray tall = Nd4j.create(x.dataType(), rows + 2, cols);
        INDArray shifted = tall.get(NDArrayIndex.interval(1, 1 + rows), NDArrayIndex.all()).assign(x);
        INDArray fOrder = Nd4j.create(x.dataType(), new long[] {rows, cols}, 'f').assign(x);
        return List.of(strided, shifted, fOrder);
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void residualIsZMinusWaMinusB(DataType dtype, int rows, int cols) {
        INDArray z = random(dtype, 1, rows, cols);
        INDArray wa = random(dtype, 2, rows, cols);
        INDArray b = random(dtype, 3, rows, 1);
        INDArray expected = z.dup().subi(wa).subiColumnVector(b);
        INDArray out = Nd4j.create(dtype, rows, cols);
        assertThat(Fused.flat(z, wa, out)).isTrue();
        double sq = Fused.residual(z, wa, b, out);
        assertSameEntries(out, expected);
        assertThat(sq).isCloseTo(sumSq(expected), within(1e-12 * sumSq(expected)));
        assertThat(sq).isCloseTo(norm2Squared(expected), within(tol(dtype) * sumSq(expected)));
        // In place (out = z), and a b given as a row vector of the same length.
        INDArray zCopy = z.dup();
        assertThat(Fused.residual(zCopy, wa, b.reshape(1, rows), zCopy)).isEqualTo(sq);
        assertSameEntries(zCopy, expected);
        for (INDArray view : nonFlat(z)) {
            INDArray o = Nd4j.create(dtype, rows, cols);
            assertThat(Fused.flat(view, wa, o)).isFalse();
            assertThat(Fused.residual(view, wa, b, o)).isCloseTo(sq, within(tol(dtype) * sq));
            assertSameEntries(o, expected);
        }
        for (INDArray view : nonFlat(out)) {
            assertThat(Fused.residual(z, wa, b, view)).isCloseTo(sq, within(tol(dtype) * sq));
            assertSameEntries(view, expected);
        }
    }

    /** The a block's trial as ABacktrack computed it before the fusion. */
    static INDArray[] plainTrial(INDArray a, INDArray grad, INDArray hz, double scale, double band) {
        INDArray beta = (grad == null ? a.dup() : grad.dup().muli(scale).addi(a)).subi(hz);
        Transforms.max(beta, -band, false);
        Transforms.min(beta, band, false);
        beta.addi(hz);
        return new INDArray[] {beta, beta.sub(a)};
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void bandTrialIsTheProjectionAndItsStep(DataType dtype, int rows, int cols) {
        INDArray a = random(dtype, 4, rows, cols);
        INDArray grad = random(dtype, 5, rows, cols);
        INDArray hz = random(dtype, 6, rows, cols);
        double scale = -1.0 / 1.3;
        double band = 0.2;   // entries clip on both sides and pass unclipped
        for (INDArray g : new INDArray[] {grad, null}) {
            INDArray[] expected = plainTrial(a, g, hz, scale, band);
            INDArray beta = Nd4j.create(dtype, rows, cols);
            INDArray delta = Nd4j.create(dtype, rows, cols);
            double sq = Fused.bandTrial(a, g, hz, scale, band, beta, delta);
            assertSameEntries(beta, expected[0]);
            assertSameEntries(delta, expected[1]);
            assertThat(sq).isCloseTo(sumSq(expected[1]), within(1e-12 * sumSq(expected[1])));
            for (INDArray view : nonFlat(hz)) {
                INDArray b2 = Nd4j.create(dtype, rows, cols);
                INDArray d2 = Nd4j.create(dtype, rows, cols);
                assertThat(Fused.bandTrial(a, g, view, scale, band, b2, d2)).isCloseTo(sq, within(tol(dtype) * sq));
                assertSameEntries(b2, expected[0]);
                assertSameEntries(d2, expected[1]);
            }
        }
        // A zero gradient as null equals a zero array.
        INDArray b1 = Nd4j.create(dtype, rows, cols);
        INDArray d1 = Nd4j.create(dtype, rows, cols);
        INDArray b2 = Nd4j.create(dtype, rows, cols);
        INDArray d2 = Nd4j.create(dtype, rows, cols);
        assertThat(Fused.bandTrial(a, null, hz, scale, band, b1, d1))
                .isEqualTo(Fused.bandTrial(a, Nd4j.zeros(dtype, rows, cols), hz, scale, band, b2, d2));
        assertSameEntries(b1, b2);
        assertSameEntries(d1, d2);
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void sumOfSquaresAndMaxAbsMatchThePlainReductions(DataType dtype, int rows, int cols) {
        INDArray x = random(dtype, 13, rows, cols);
        x.putScalar(rows * cols - 1, -3.5);   // the largest magnitude, negative, in the last chunk
        double expected = sumSq(x);
        assertThat(Fused.sumOfSquares(x)).isCloseTo(expected, within(1e-12 * expected));
        assertThat(Fused.maxAbs(x)).isEqualTo(3.5);
        for (INDArray view : nonFlat(x)) {
            assertThat(Fused.sumOfSquares(view)).isCloseTo(expected, within(tol(dtype) * expected));
            assertThat(Fused.maxAbs(view)).isEqualTo(3.5);
        }
        x.putScalar(0, Double.NaN);
        assertThat(Fused.maxAbs(x)).isNaN();
        assertThat(Fused.sumOfSquares(x)).isNaN();
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void clampIsTheNd4jMaxThenMin(DataType dtype, int rows, int cols) {
        INDArray x = random(dtype, 21, rows, cols).muli(3);
        x.putScalar(0, Double.NaN);
        x.putScalar(rows * cols - 1, Double.POSITIVE_INFINITY);
        if (rows * cols > 2) {
            x.putScalar(1, Double.NEGATIVE_INFINITY);
        }
        if (rows * cols > 4) {
            // Signed zeros against zero bounds: where Math.max/min and ND4J's ternaries part ways.
            x.putScalar(2, -0.0);
            x.putScalar(3, 0.0);
        }
        double[][] bounds = {{-0.999, 2.001}, {-0.999, Double.NaN}, {Double.NaN, 1.3}, {Double.NaN, Double.NaN},
            {0.0, 1.3}, {-0.0, 0.0}, {-1.0, -0.0}, {Double.NaN, 0.0}};
        for (double[] lh : bounds) {
            INDArray expected = x.dup();
            if (Double.isFinite(lh[0])) {
                Transforms.max(expected, lh[0], false);
            }
            if (Double.isFinite(lh[1])) {
                Transforms.min(expected, lh[1], false);
            }
            INDArray out = Nd4j.create(dtype, rows, cols);
            Fused.clamp(x, lh[0], lh[1], out);
            assertSameEntries(out, expected);
            for (INDArray view : nonFlat(x)) {
                INDArray o2 = Nd4j.create(dtype, rows, cols);
                Fused.clamp(view, lh[0], lh[1], o2);
                assertSameEntries(o2, expected);
            }
            INDArray inPlace = x.dup();
            Fused.clamp(inPlace, lh[0], lh[1], inPlace);
            assertSameEntries(inPlace, expected);
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void clipIsEquationFour(DataType dtype, int rows, int cols) {
        INDArray wa = random(dtype, 7, rows, cols);
        INDArray b = random(dtype, 8, rows, 1).muli(0.1);
        INDArray lower = random(dtype, 9, rows, cols).muli(0.5).subi(0.3);
        INDArray upper = lower.add(0.6);
        // Unbounded sides, as the ReLU preimage has.
        for (long i = 0; i < lower.length(); i += 5) {
            lower.putScalar(i, Double.NEGATIVE_INFINITY);
        }
        for (long i = 0; i < upper.length(); i += 7) {
            upper.putScalar(i, Double.POSITIVE_INFINITY);
        }
        INDArray z0 = random(dtype, 10, rows, cols);
        INDArray u = wa.dup().addiColumnVector(b);
        Transforms.max(u, lower, false);
        Transforms.min(u, upper, false);
        double expectedSq = sumSq(u.sub(z0));
        INDArray z = z0.dup();
        double sq = Fused.clip(wa, b, lower, upper, z, Nd4j.create(dtype, rows, cols));
        assertSameEntries(z, u);
        assertThat(sq).isCloseTo(expectedSq, within(1e-12 * expectedSq));
        assertThat(sq).isCloseTo(u.squaredDistance(z0), within(tol(dtype) * expectedSq));
        for (INDArray view : nonFlat(z0)) {
            double viewSq = Fused.clip(wa, b, lower, upper, view, Nd4j.create(dtype, rows, cols));
            assertThat(viewSq).isCloseTo(sq, within(tol(dtype) * sq));
            assertSameEntries(view, u);
        }
    }

    /** Bounds {@code [a - 0.25, a + 0.5]}, rejecting a chunk with an entry below -0.9: a kernel of the test's own. */
    private static final BoundsKernel BAND = new BoundsKernel() {
        @Override
        public boolean accepts(float[] a, int n) {
            boolean ok = true;
            for (int k = 0; k < n; k++) {
                ok &= a[k] >= -0.9f;   // false for NaN
            }
            return ok;
        }

        @Override
        public boolean accepts(double[] a, int n) {
            boolean ok = true;
            for (int k = 0; k < n; k++) {
                ok &= a[k] >= -0.9;
            }
            return ok;
        }

        @Override
        public void bounds(float[] a, float[] lower, float[] upper, int n) {
            for (int k = 0; k < n; k++) {
                lower[k] = a[k] - 0.25f;
                upper[k] = a[k] + 0.5f;
            }
        }

        @Override
        public void bounds(double[] a, double[] lower, double[] upper, int n) {
            for (int k = 0; k < n; k++) {
                lower[k] = a[k] - 0.25;
                upper[k] = a[k] + 0.5;
            }
        }
    };

    /** BAND over a whole array, as the three-pass z block computes its bound arrays. */
    private static INDArray[] bandArrays(INDArray a) {
        double[] av = values(a);
        INDArray lower = a.ulike();
        INDArray upper = a.ulike();
        if (a.dataType() == DataType.DOUBLE) {
            double[] l = new double[av.length];
            double[] u = new double[av.length];
            BAND.bounds(av, l, u, av.length);
            lower.assign(Nd4j.createFromArray(l).reshape(a.shape()));
            upper.assign(Nd4j.createFromArray(u).reshape(a.shape()));
        } else {
            float[] x = new float[av.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) av[i];
            }
            float[] l = new float[x.length];
            float[] u = new float[x.length];
            BAND.bounds(x, l, u, x.length);
            lower.assign(Nd4j.createFromArray(l).reshape(a.shape()));
            upper.assign(Nd4j.createFromArray(u).reshape(a.shape()));
        }
        return new INDArray[] {lower, upper};
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void clampedClipIsTheClampTheBoundsAndTheClipInOnePass(DataType dtype, int rows, int cols) {
        INDArray a = random(dtype, 31, rows, cols).muli(0.8);   // inside BAND's accepted range
        INDArray wa = random(dtype, 32, rows, cols);
        INDArray b = random(dtype, 33, rows, 1).muli(0.1);
        INDArray z0 = random(dtype, 34, rows, cols);
        if (rows * cols > 3) {
            a.putScalar(1, -0.0);
            a.putScalar(2, 0.0);
        }
        // Clamp bounds on both sides, one side, none; and a zero bound (the clamp's ternary path).
        double[][] clamps = {{-0.5, 0.75}, {-0.5, Double.NaN}, {Double.NaN, Double.NaN}, {0.0, Double.NaN}};
        for (double[] c : clamps) {
            INDArray reachable = a.ulike();
            Fused.clamp(a, c[0], c[1], reachable);
            INDArray[] bounds = bandArrays(reachable);
            INDArray expected = z0.dup();
            double expectedSq = Fused.clip(wa, b, bounds[0], bounds[1], expected, a.ulike());
            assertThat(Fused.boundsAccepted(a, c[0], c[1], BAND)).isTrue();
            INDArray z = z0.dup();
            double sq = Fused.clampedClip(a, c[0], c[1], BAND, wa, b, z);
            assertSameEntries(z, expected);
            assertThat(sq).isEqualTo(expectedSq);
        }
        // One entry the kernel rejects (below -0.9, not clamped away) makes the check fail; a clamp that lifts it
        // passes.
        INDArray bad = a.dup();
        bad.putScalar(rows * cols - 1, -0.95);
        assertThat(Fused.boundsAccepted(bad, Double.NaN, Double.NaN, BAND)).isFalse();
        assertThat(Fused.boundsAccepted(bad, -0.5, Double.NaN, BAND)).isTrue();
        // A NaN stays NaN through the fused clamp, so the kernel rejects it (the three passes clamp it to the bound).
        bad.putScalar(0, Double.NaN);
        assertThat(Fused.boundsAccepted(bad, -0.5, Double.NaN, BAND)).isFalse();
        for (INDArray view : nonFlat(a)) {
            assertThat(Fused.boundsAccepted(view, -0.5, 0.75, BAND)).isFalse();
            assertThatThrownBy(() -> Fused.clampedClip(view, -0.5, 0.75, BAND, wa, b, z0.dup()))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("flat");
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void replaceWritesTheNewValueAndReturnsTheSquaredStep(DataType dtype, int rows, int cols) {
        INDArray x = random(dtype, 41, rows, cols);
        INDArray old = random(dtype, 42, rows, cols);
        double expected = sumSq(x.sub(old));   // differences rounded to dtype, summed in double
        INDArray out = old.dup();
        double step = Fused.replace(x, out);
        assertSameEntries(out, x);
        assertThat(step).isCloseTo(expected, within(1e-12 * expected));
        assertThat(step).isCloseTo(old.squaredDistance(x), within(tol(dtype) * expected));
        for (INDArray view : nonFlat(old)) {
            double viewStep = Fused.replace(x, view);
            assertSameEntries(view, x);
            assertThat(viewStep).isCloseTo(expected, within(tol(dtype) * expected));
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void rowSumsAreThoseOfTheDifference(DataType dtype, int rows, int cols) {
        INDArray z = random(dtype, 11, rows, cols).addi(0.25);
        INDArray wa = random(dtype, 12, rows, cols);
        INDArray diff = z.sub(wa);   // rounded to dtype, as before the fusion
        double[] expected = new double[rows];
        double[] plain = values(diff.sum(1));
        for (int i = 0; i < rows; i++) {
            for (double v : values(diff.getRow(i))) {
                expected[i] += v;
            }
        }
        double[] sums = new double[rows];
        Fused.rowSumsOfDifference(z, wa, sums, Nd4j.create(dtype, rows, cols));
        for (int i = 0; i < rows; i++) {
            double scale = 1e-12 * cols;
            assertThat(sums[i]).isCloseTo(expected[i], within(scale));
            assertThat(sums[i]).isCloseTo(plain[i], within(tol(dtype) * cols));
        }
        for (INDArray view : nonFlat(wa)) {
            double[] viewSums = new double[rows];
            Fused.rowSumsOfDifference(z, view, viewSums, Nd4j.create(dtype, rows, cols));
            for (int i = 0; i < rows; i++) {
                assertThat(viewSums[i]).isCloseTo(sums[i], within(tol(dtype) * cols));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void scaledAddAndDifferenceAreTheWSteps(DataType dtype, int rows, int cols) {
        INDArray grad = random(dtype, 13, rows, cols);
        INDArray w = random(dtype, 14, rows, cols);
        double scale = -1.0 / 3.7;
        INDArray expected = grad.dup().muli(scale).addi(w);
        INDArray d = Nd4j.create(dtype, rows, cols);
        Fused.scaledAdd(grad, scale, w, d);
        assertSameEntries(d, expected);
        Fused.scaledAdd(null, scale, w, d);
        assertSameEntries(d, w);
        INDArray zeta = random(dtype, 15, rows, cols);
        INDArray diff = zeta.sub(w);
        double sq = Fused.difference(zeta, w, d);
        assertSameEntries(d, diff);
        assertThat(sq).isCloseTo(sumSq(diff), within(1e-12 * sumSq(diff)));
        for (INDArray view : nonFlat(w)) {
            INDArray o = Nd4j.create(dtype, rows, cols);
            Fused.scaledAdd(grad, scale, view, o);
            assertSameEntries(o, expected);
            assertThat(Fused.difference(zeta, view, o)).isCloseTo(sq, within(tol(dtype) * sq));
            assertSameEntries(o, diff);
        }
    }

    @Test
    void mixedTypesAndShapesAreNotFlat() {
        INDArray f = Nd4j.create(DataType.FLOAT, 3, 4);
        assertThat(Fused.flat(f, Nd4j.create(DataType.DOUBLE, 3, 4))).isFalse();
        assertThat(Fused.flat(f, Nd4j.create(DataType.FLOAT, 4, 3))).isFalse();
        assertThat(Fused.flat(Nd4j.create(DataType.INT, 3, 4))).isFalse();
        assertThat(Fused.flat(Nd4j.create(DataType.FLOAT, 2, 3, 4))).isFalse();
        assertThat(Fused.flat(f, Nd4j.create(DataType.FLOAT, 3, 4))).isTrue();
    }
}
