package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The single-pass fast path ({@link Elementwise}: every activation's bounds, leaky ReLU's apply; the other apply and
 * derivative forms are ND4J's and are compared too) gives, entry by entry and bit for bit (signed zeros included;
 * any NaN as NaN), what the ND4J fallback gives on the same arrays, and throws the same exceptions with the same
 * messages; on shapes of one chunk, several chunks with a partial last one (calling thread), and enough entries for
 * the parallel path; in FLOAT and DOUBLE. Views and mixed layouts take the fallback.
 */
class SinglePassTest {
    /** Rows x columns: one partial chunk, exactly one chunk, several chunks, and parallel with a partial last one. */
    private static final int[][] SHAPES = {{5, 7}, {1, Elementwise.CHUNK}, {3, 5000}, {100, 3001}};
    /** Including eps not representable in float (0.1) and one that overflows float (1e300). */
    private static final double[] EPSILONS = {0.0, 0x1p-30, 0.1, 0.125, 0.5, 3.0, 1e300};

    static Stream<Arguments> activationsTypesAndShapes() {
        return Fixtures.activations().stream().flatMap(h -> Stream.of(Fixtures.TYPES)
                .flatMap(t -> Stream.of(SHAPES).map(s -> Arguments.of(h, t, s[0], s[1]))));
    }

    /**
     * A plain (non-view) c-order array of the values: {@link Fixtures#array} reshapes, which makes a view, and
     * views take the fallback.
     */
    private static INDArray plain(double[] values, int rows, DataType type) {
        return Fixtures.array(values, rows, type).dup('c');
    }

    private static boolean large(int rows, int cols) {
        return (long) rows * cols >= Elementwise.PARALLEL_MIN;
    }

    private static INDArray[] fastAndFallbackBounds(QuasilinearActivation h, INDArray a, double epsilon) {
        INDArray lower = a.ulike();
        INDArray upper = a.ulike();
        assertThat(Elementwise.applicable(a, lower, upper)).isTrue();
        h.preimageBounds(a, epsilon, lower, upper);
        INDArray oldLower = a.ulike();
        INDArray oldUpper = a.ulike();
        Elementwise.fallbackOnly(() -> h.preimageBounds(a, epsilon, oldLower, oldUpper));
        return new INDArray[] {lower, upper, oldLower, oldUpper};
    }

    /** Entry by entry, as doubles (exact for FLOAT), signed zeros distinct, every NaN equal to every NaN. */
    private static void assertSameEntries(INDArray actual, INDArray expected, String what) {
        double[] x = Fixtures.flat(actual);
        double[] y = Fixtures.flat(expected);
        assertThat(x).hasSameSizeAs(y);
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToLongBits(x[i]) != Double.doubleToLongBits(y[i])) {
                throw new AssertionError(what + ": entry " + i + " is " + x[i] + ", expected " + y[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("activationsTypesAndShapes")
    void boundsEqualTheFallback(QuasilinearActivation h, DataType type, int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows * 31L + cols);
        double[] epsilons = rows * cols < 100 ? EPSILONS
                : large(rows, cols) || cols == Elementwise.CHUNK ? new double[] {0.1}
                : new double[] {0.0, 0.1, 0.5, 1e300};
        for (double epsilon : epsilons) {
            // Centres with band edges often exactly on a value of h (kinks, saturation, the steps' levels).
            double[] a = Fixtures.centres(h, epsilon, random, rows * cols, type);
            INDArray as = plain(a, rows, type);
            INDArray[] out = fastAndFallbackBounds(h, as, epsilon);
            String what = h + " " + type + " " + rows + "x" + cols + " eps = " + epsilon;
            assertSameEntries(out[0], out[2], what + " lower");
            assertSameEntries(out[1], out[3], what + " upper");
        }
    }

    /** Band edges at the kinks and asymptotes, signed zeros, subnormals, at and around the chunk boundaries. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void boundsEqualTheFallbackOnEdgeCentres(QuasilinearActivation h, DataType type) {
        int rows = 2;
        int cols = Elementwise.CHUNK + 100;
        for (double epsilon : new double[] {0.0, 0x1p-30, 0.25, 1.0}) {
            List<Double> edges = new ArrayList<>();
            for (double level : new double[] {0.0, -0.0, 1.0, -1.0, Math.nextDown(1.0), Math.nextUp(-1.0),
                Math.nextDown(1f), Math.nextUp(-1f), Float.MIN_VALUE, -Float.MIN_VALUE, Double.MIN_VALUE, 0.5, 3.0}) {
                for (double shift : new double[] {0.0, epsilon, -epsilon}) {
                    double candidate = Fixtures.round(type, level + shift);
                    if (Fixtures.nonempty(h, candidate, epsilon)) {
                        edges.add(candidate);
                    }
                }
            }
            double fill = Fixtures.round(type, h.apply(0.5));
            double[] a = new double[rows * cols];
            java.util.Arrays.fill(a, fill);
            // Around the chunk boundaries and at both ends.
            int[] starts = {0, Elementwise.CHUNK - edges.size() / 2, a.length - edges.size()};
            for (int start : starts) {
                for (int i = 0; i < edges.size(); i++) {
                    a[start + i] = edges.get(i);
                }
            }
            INDArray[] out = fastAndFallbackBounds(h, plain(a, rows, type), epsilon);
            assertSameEntries(out[0], out[2], h + " " + type + " eps = " + epsilon + " lower");
            assertSameEntries(out[1], out[3], h + " " + type + " eps = " + epsilon + " upper");
        }
    }

    /** Inputs of apply and derivative: edge values (NaN, infinities, signed zeros, subnormals, ±1 and neighbours). */
    private static final double[] SPECIAL_Z = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
        -0.0, 1.0, -1.0, Math.nextDown(1.0), Math.nextUp(1.0), Math.nextDown(-1.0), Math.nextUp(-1.0),
        Math.nextDown(1f), Math.nextUp(1f), -Math.nextDown(1f), -Math.nextUp(1f), Float.MIN_VALUE, -Float.MIN_VALUE,
        Double.MIN_VALUE, -Double.MIN_VALUE, Math.nextDown(0f), Math.nextDown(0.0), 1e-40, -1e-40, 3e38, -3e38};

    private static INDArray zArray(int rows, int cols, DataType type, long seed) {
        double[] z = Fixtures.zValues(new SplittableRandom(seed), rows * cols, type);
        int n = z.length;
        for (int start : new int[] {0, Math.max(0, Math.min(Elementwise.CHUNK, n) - SPECIAL_Z.length / 2),
            n / 2, n - SPECIAL_Z.length}) {
            for (int i = 0; i < SPECIAL_Z.length && start + i < n && start >= 0; i++) {
                z[start + i] = Fixtures.round(type, SPECIAL_Z[i]);
            }
        }
        return plain(z, rows, type);
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("activationsTypesAndShapes")
    void applyAndDerivativeEqualTheFallbackAlsoInPlace(QuasilinearActivation h, DataType type, int rows, int cols) {
        if (rows * cols < 2 * SPECIAL_Z.length) {
            rows = 2;
            cols = 2 * SPECIAL_Z.length;
        }
        INDArray z = zArray(rows, cols, type, 41L * rows + cols);
        String what = h + " " + type + " " + rows + "x" + cols;
        INDArray values = z.ulike();
        INDArray slopes = z.ulike();
        assertThat(Elementwise.applicable(z, values)).isTrue();
        h.apply(z, values);
        h.derivative(z, slopes);
        INDArray oldValues = z.ulike();
        INDArray oldSlopes = z.ulike();
        Elementwise.fallbackOnly(() -> {
            h.apply(z, oldValues);
            h.derivative(z, oldSlopes);
        });
        assertSameEntries(values, oldValues, what + " apply");
        assertSameEntries(slopes, oldSlopes, what + " derivative");
        INDArray inPlace = z.dup();
        h.apply(inPlace, inPlace);
        assertSameEntries(inPlace, oldValues, what + " apply in place");
        INDArray slopesInPlace = z.dup();
        h.derivative(slopesInPlace, slopesInPlace);
        assertSameEntries(slopesInPlace, oldSlopes, what + " derivative in place");
    }

    /**
     * backpropagate gives {@code delta .* h'(z)} as its documented two-op form ({@code derivative(z, z)} then
     * {@code delta.muli(z)}) does, bit for bit, with special z (NaN, infinities, signed zeros) and a delta holding
     * NaN and infinities in some chunks.
     */
    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("activationsTypesAndShapes")
    void backpropagateIsTheDerivativeTimesDelta(QuasilinearActivation h, DataType type, int rows, int cols) {
        if (rows * cols < 2 * SPECIAL_Z.length) {
            rows = 2;
            cols = 2 * SPECIAL_Z.length;
        }
        INDArray z = zArray(rows, cols, type, 43L * rows + cols);
        double[] d = Fixtures.zValues(new SplittableRandom(7L * rows + cols), rows * cols, type);
        d[d.length / 3] = Double.NaN;
        d[d.length / 3 + 1] = Double.POSITIVE_INFINITY;
        d[d.length - 1] = Double.NEGATIVE_INFINITY;
        INDArray delta = plain(d, rows, type);
        INDArray expected = delta.dup();
        INDArray slopes = z.dup();
        Elementwise.fallbackOnly(() -> h.derivative(slopes, slopes));
        expected.muli(slopes);
        INDArray actual = delta.dup();
        h.backpropagate(z.dup(), actual);
        assertSameEntries(actual, expected, h + " " + type + " " + rows + "x" + cols + " backpropagate");
    }

    /** (activation, a, eps) with an empty preimage, as in InvalidInputTest, plus two more. */
    private static Object[][] emptyBands() {
        return new Object[][] {
            {new Relu(), -0.5, 0.25},
            {new Tanh(), 1.25, 0.125},
            {new Tanh(), -1.5, 0.5},
            {new Tanh(), 1.0, 0.0},
            {new Sigmoid(), -0.25, 0.125},
            {new Sigmoid(), 1.5, 0.25},
            {new Sigmoid(), -0.125, 0.125},
            {new Sigmoid(), 0.0, 0.0},
            {new HardTanh(), 1.5, 0.25},
            {new HardTanh(), -2.0, 0.5},
            {new Step(), 0.5, 0.25},
            {new Step(), -0.5, 0.25},
            {new Step(true), 1.5, 0.25},
            {new Sign(), 0.0, 0.5},
            {new Sign(), 2.5, 1.0},
            {new Sign(), 0.5, 0.25},
            {new Relu(), -1e-3, 0.0},
        };
    }

    private static String failure(Runnable call) {
        try {
            call.run();
            return null;
        } catch (InvalidParameterException e) {
            return e.getMessage();
        }
    }

    /** The fast call throws, and with the very message of the fallback. */
    private static void assertSameFailure(QuasilinearActivation h, INDArray a, double epsilon, String what) {
        INDArray lower = a.ulike();
        INDArray upper = a.ulike();
        String fast = failure(() -> h.preimageBounds(a, epsilon, lower, upper));
        String[] old = new String[1];
        Elementwise.fallbackOnly(() -> old[0] = failure(() -> h.preimageBounds(a, epsilon, a.ulike(), a.ulike())));
        assertThat(fast).as(what).isNotNull().isEqualTo(old[0]);
    }

    /** Every row on the sequential path; one row per activation on the parallel path. */
    static Stream<Arguments> emptyBandsTypesAndShapes() {
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        return Stream.of(emptyBands()).flatMap(row -> {
            boolean first = seen.add(row[0].getClass());
            return Stream.of(Fixtures.TYPES).flatMap(t -> (first ? Stream.of(new int[] {3, 5000}, new int[] {100, 3001})
                    : Stream.of(new int[] {3, 5000})).map(s -> Arguments.of(row[0], row[1], row[2], t, s[0], s[1])));
        });
    }

    @ParameterizedTest(name = "{0} a = {1}, eps = {2}, {3} {4}x{5}")
    @MethodSource("emptyBandsTypesAndShapes")
    void emptyBandsThrowTheFallbacksException(QuasilinearActivation h, double bad, double epsilon, DataType type,
            int rows, int cols) {
        int n = rows * cols;
        double good = h.apply(0.5);
        int[] positions = large(rows, cols) ? new int[] {n - 1} : new int[] {0, Elementwise.CHUNK, n - 1};
        for (int position : positions) {
            INDArray a = Nd4j.valueArrayOf(new long[] {rows, cols}, good, type);
            a.reshape(n).putScalar(position, bad);
            assertSameFailure(h, a, epsilon, h + " bad a at " + position);
        }
        if (large(rows, cols)) {
            return;
        }
        // Two bad entries, and at both ends of the range of h where there are two: the message names one value.
        INDArray a = Nd4j.valueArrayOf(new long[] {rows, cols}, good, type);
        a.reshape(n).putScalar(n - 3, bad);
        a.reshape(n).putScalar(7, 2 * h.apply(0.5) - bad);
        assertSameFailure(h, a, epsilon, h + " two bad entries");
    }

    static Stream<Arguments> activationsAndLargeShapes() {
        return Fixtures.activations().stream().flatMap(h -> Stream.of(Fixtures.TYPES)
                .flatMap(t -> Stream.of(new int[] {3, 5000}, new int[] {100, 3001})
                        .map(s -> Arguments.of(h, t, s[0], s[1]))));
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("activationsAndLargeShapes")
    void nonFiniteEntriesThrowTheFallbacksException(QuasilinearActivation h, DataType type, int rows, int cols) {
        int n = rows * cols;
        double good = h.apply(0.5);
        double[][] bads = large(rows, cols) ? new double[][] {{Double.NEGATIVE_INFINITY, Double.NaN}}
                : new double[][] {{Double.NaN}, {Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY},
                    {Double.NaN, Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}};
        int[] positions = large(rows, cols) ? new int[] {n - 2} : new int[] {Elementwise.CHUNK - 1, n - 2};
        for (double[] bad : bads) {
            for (int position : positions) {
                INDArray a = Nd4j.valueArrayOf(new long[] {rows, cols}, good, type);
                for (int i = 0; i < bad.length; i++) {
                    a.reshape(n).putScalar(position + i, bad[i]);
                }
                assertSameFailure(h, a, 0.25, h + " " + java.util.Arrays.toString(bad) + " at " + position);
            }
        }
        if (large(rows, cols)) {
            return;
        }
        // Entirely NaN (ND4J's min and max skip NaN: the fallback's message is its own, and so is the fast one's).
        INDArray allNan = Nd4j.valueArrayOf(new long[] {rows, cols}, Double.NaN, type);
        assertSameFailure(h, allNan, 0.25, h + " all NaN");
    }

    /** Column-major arrays all alike take the fast path; views and mixed layouts the fallback; all agree. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void layoutsAgree(QuasilinearActivation h, DataType type) {
        int rows = 30;
        int cols = 9000; // 270,000 entries: the parallel path
        double epsilon = 0.125;
        INDArray plain = plain(Fixtures.centres(h, epsilon, new SplittableRandom(5), rows * cols, type), rows, type);
        INDArray[] reference = fastAndFallbackBounds(h, plain, epsilon);
        // Column-major, all three arrays: fast.
        INDArray fortran = plain.dup('f');
        INDArray fLower = Nd4j.createUninitialized(type, plain.shape(), 'f');
        INDArray fUpper = Nd4j.createUninitialized(type, plain.shape(), 'f');
        assertThat(Elementwise.applicable(fortran, fLower, fUpper)).isTrue();
        h.preimageBounds(fortran, epsilon, fLower, fUpper);
        assertSameEntries(fLower, reference[0], h + " f-order lower");
        assertSameEntries(fUpper, reference[1], h + " f-order upper");
        // Mixed: c-order a, f-order lower: the fallback.
        INDArray mixedLower = Nd4j.createUninitialized(type, plain.shape(), 'f');
        INDArray mixedUpper = plain.ulike();
        assertThat(Elementwise.applicable(plain, mixedLower, mixedUpper)).isFalse();
        h.preimageBounds(plain, epsilon, mixedLower, mixedUpper);
        assertSameEntries(mixedLower, reference[0], h + " mixed lower");
        assertSameEntries(mixedUpper, reference[1], h + " mixed upper");
        // A strided view as a: the fallback.
        INDArray wide = Nd4j.zeros(type, rows, 2 * cols);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2, 2 * cols));
        view.assign(plain);
        INDArray vLower = plain.ulike();
        INDArray vUpper = plain.ulike();
        assertThat(Elementwise.applicable(view, vLower, vUpper)).isFalse();
        h.preimageBounds(view, epsilon, vLower, vUpper);
        assertSameEntries(vLower, reference[0], h + " view lower");
        assertSameEntries(vUpper, reference[1], h + " view upper");
        // apply: f-order fast, into a view (fallback), in place on f-order.
        INDArray z = zArray(rows, cols, type, 3);
        INDArray expected = z.ulike();
        Elementwise.fallbackOnly(() -> h.apply(z, expected));
        INDArray zf = z.dup('f');
        INDArray outF = zf.ulike();
        h.apply(zf, outF);
        assertSameEntries(outF, expected, h + " f-order apply");
        INDArray outView = Nd4j.zeros(type, rows, 2 * cols).get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, 2, 2 * cols));
        h.apply(z, outView);
        assertSameEntries(outView, expected, h + " apply into a view");
        h.apply(zf, zf);
        assertSameEntries(zf, expected, h + " f-order apply in place");
    }

    @Test
    void whatQualifiesForTheFastPath() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 4, 5);
        assertThat(Elementwise.applicable(a, a.ulike(), a.ulike())).isTrue();
        assertThat(Elementwise.applicable(a, Nd4j.zeros(DataType.DOUBLE, 4, 5))).isFalse();
        assertThat(Elementwise.applicable(a, Nd4j.zeros(DataType.FLOAT, 5, 4))).isFalse();
        assertThat(Elementwise.applicable(a, Nd4j.zeros(DataType.FLOAT, 20))).isFalse();
        assertThat(Elementwise.applicable(a.getRow(1))).isFalse(); // a view at an offset
        assertThat(Elementwise.applicable(a.reshape(20))).isFalse(); // a view of a's buffer
        assertThat(Elementwise.applicable(Nd4j.zeros(DataType.INT, 4, 5))).isFalse();
        assertThat(Elementwise.applicable(Nd4j.create(DataType.FLOAT, 0))).isFalse();
        // Three arrays over one buffer (possible without a view): the bounds keep to the fallback.
        INDArray alias = Nd4j.create(a.data(), a.shape());
        assertThat(Elementwise.bounds(a, alias, a.ulike(), Elementwise.Extremes.BOTH, (x, l, u, n) -> true,
                (x, l, u, n) -> true)).isNull();
        boolean[] fast = new boolean[1];
        Elementwise.fallbackOnly(() -> fast[0] = Elementwise.applicable(a));
        assertThat(fast[0]).isFalse();
        assertThat(Elementwise.applicable(a)).isTrue();
    }

    @Test
    void positiveIsAnExactIndicator() {
        float[] floats = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, 1f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float t : floats) {
            assertThat(Float.floatToRawIntBits(Elementwise.positive(t))).as("%s", t)
                    .isEqualTo(Float.floatToRawIntBits(t > 0 ? 1f : 0f));
        }
        double[] doubles = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, 1.0, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double t : doubles) {
            assertThat(Double.doubleToRawLongBits(Elementwise.positive(t))).as("%s", t)
                    .isEqualTo(Double.doubleToRawLongBits(t > 0 ? 1.0 : 0.0));
        }
        assertThat(Elementwise.positive(Float.NaN)).isNaN();
    }

    /** Concurrent calls on the parallel path (several callers sharing the common pool) give the sequential results. */
    @Test
    void concurrentLargeCallsAgreeWithSequentialOnes() throws Exception {
        List<QuasilinearActivation> hs = List.of(new Relu(), new HardTanh(), new Tanh(), new Sign(), new LeakyRelu());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (QuasilinearActivation h : hs) {
            for (DataType type : Fixtures.TYPES) {
                INDArray a = plain(Fixtures.centres(h, 0.1, new SplittableRandom(9), 100 * 3001, type), 100, type);
                INDArray[] expected = fastAndFallbackBounds(h, a, 0.1);
                tasks.add(() -> {
                    INDArray lower = a.ulike();
                    INDArray upper = a.ulike();
                    for (int k = 0; k < 3; k++) {
                        h.preimageBounds(a, 0.1, lower, upper);
                        assertSameEntries(lower, expected[2], h + " concurrent lower");
                        assertSameEntries(upper, expected[3], h + " concurrent upper");
                    }
                    return null;
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> result : pool.invokeAll(tasks)) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
