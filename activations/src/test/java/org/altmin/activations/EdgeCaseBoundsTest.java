package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bounds at hand-picked points, against closed forms written independently of the implementation. */
class EdgeCaseBoundsTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double ND0 = Math.nextDown(0.0);

    private static double atanh(double y) {
        return 0.5 * Math.log((1 + y) / (1 - y));
    }

    private static double logit(double y) {
        return Math.log(y) - Math.log(1 - y);
    }

    private static void assertBounds(QuasilinearActivation h, double a, double epsilon, double b1, double b2) {
        assertThat(h.lowerBound(a, epsilon)).as("%s B1(%s, %s)", h, a, epsilon).isCloseTo(b1, within(1e-12));
        assertThat(h.upperBound(a, epsilon)).as("%s B2(%s, %s)", h, a, epsilon).isCloseTo(b2, within(1e-12));
        for (DataType type : Fixtures.TYPES) {
            INDArray as = Nd4j.valueArrayOf(new long[] {2, 3}, a, type);
            INDArray lower = as.ulike();
            INDArray upper = as.ulike();
            h.preimageBounds(as, epsilon, lower, upper);
            double tol = type == DataType.FLOAT ? 1e-5 : 1e-12;
            double expectedUpper = b2 == ND0 ? FloatingPoint.largestBelowZero(type) : b2;
            for (double v : Fixtures.flat(lower)) {
                assertThat(v).as("%s %s B1(%s, %s)", h, type, a, epsilon).isCloseTo(b1, within(tol));
            }
            for (double v : Fixtures.flat(upper)) {
                assertThat(v).as("%s %s B2(%s, %s)", h, type, a, epsilon).isCloseTo(expectedUpper, within(tol));
            }
        }
    }

    @Test
    void relu() {
        Relu h = new Relu();
        assertBounds(h, 0.5, 0.25, 0.25, 0.75);
        assertBounds(h, 0.25, 0.25, -INF, 0.5); // lo = 0: every z <= 0 maps into the band
        assertBounds(h, -0.25, 0.25, -INF, 0.0); // hi = 0: nonempty, {z <= 0}
        assertBounds(h, 0.0, 0.0, -INF, 0.0);
        assertBounds(h, 3.0, 0.0, 3.0, 3.0);
    }

    @Test
    void leakyRelu() {
        assertBounds(new LeakyRelu(0.25), -0.5, 0.25, -3.0, -1.0);
        assertBounds(new LeakyRelu(0.25), 0.0, 0.5, -2.0, 0.5);
        assertBounds(new LeakyRelu(), -0.005, 0.005, -1.0, 0.0);
    }

    @Test
    void tanhIsAtanhOfTheClippedBand() {
        Tanh h = new Tanh();
        assertBounds(h, 0.5, 0.125, atanh(0.375), atanh(0.625));
        assertBounds(h, 0.0, 0.0, 0.0, 0.0);
        assertBounds(h, 0.75, 0.5, atanh(0.25), INF); // saturating end
        assertBounds(h, -0.75, 0.5, -INF, atanh(-0.25));
        assertBounds(h, 0.0, 3.0, -INF, INF);
    }

    @Test
    void sigmoidIsLogitOfTheClippedBand() {
        Sigmoid h = new Sigmoid();
        assertBounds(h, 0.5, 0.25, -Math.log(3), Math.log(3));
        assertBounds(h, 0.125, 0.125, -INF, logit(0.25));
        assertBounds(h, 0.875, 0.125, logit(0.75), INF);
        assertBounds(h, 0.5, 0.5, -INF, INF);
        assertThat(h.lowerBound(1e-300, 0.0)).isCloseTo(Math.log(1e-300), within(1e-9)); // far out, still exact
    }

    @Test
    void hardTanh() {
        HardTanh h = new HardTanh();
        assertBounds(h, 0.5, 0.25, 0.25, 0.75);
        assertBounds(h, 1.0, 0.0, 1.0, INF); // the saturated value 1 is attained on [1, inf)
        assertBounds(h, -1.0, 0.0, -INF, -1.0);
        assertBounds(h, 1.25, 0.25, 1.0, INF);
        assertBounds(h, 0.0, 2.0, -INF, INF);
    }

    @Test
    void identity() {
        assertBounds(new Identity(), -7.5, 0.5, -8.0, -7.0);
        assertBounds(new Identity(), 2.0, 0.0, 2.0, 2.0);
    }

    @Test
    void stepAndSign() {
        Step step = new Step();
        assertBounds(step, 0.0, 0.0, -INF, ND0); // only 0 in the band: the open {z < 0}
        assertBounds(step, 0.125, 0.25, -INF, ND0);
        assertBounds(step, 1.0, 0.0, 0.0, INF); // only 1: [0, inf)
        assertBounds(step, 0.75, 0.25, 0.0, INF);
        assertBounds(step, 0.5, 0.5, -INF, INF); // both
        Sign sign = new Sign();
        assertBounds(sign, -1.0, 0.0, -INF, ND0);
        assertBounds(sign, 1.0, 0.5, 0.0, INF);
        assertBounds(sign, 0.0, 1.0, -INF, INF);
        assertBounds(new Sign(true), 0.0, 1.0, -INF, INF); // the estimator flag does not change the bounds
    }

    /** The open end {z < 0} closed at the type's largest number below 0 is exact in that type. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void stepBoundsAreExactInTheirTypeOnLargeArrays(DataType type) {
        for (QuasilinearActivation h : new QuasilinearActivation[] {new Step(), new Sign()}) {
            double low = h.apply(-1.0);
            double high = h.apply(1.0);
            // Large enough (60,000 entries) for ND4J's parallel code paths.
            INDArray a = Nd4j.valueArrayOf(new long[] {200, 300}, low, type);
            INDArray lower = a.ulike();
            INDArray upper = a.ulike();
            h.preimageBounds(a, 0.0, lower, upper);
            assertThat(upper.minNumber().doubleValue()).isEqualTo(FloatingPoint.largestBelowZero(type));
            assertThat(upper.maxNumber().doubleValue()).isEqualTo(FloatingPoint.largestBelowZero(type));
            h.apply(upper, upper);
            assertThat(upper.minNumber().doubleValue()).isEqualTo(low);
            assertThat(upper.maxNumber().doubleValue()).isEqualTo(low);
            // And the other level's bound 0 (also -0.0) maps to high.
            INDArray zeros = Nd4j.zeros(type, 200, 300);
            zeros.getRow(7).assign(-0.0);
            h.apply(zeros, zeros);
            assertThat(zeros.minNumber().doubleValue()).isEqualTo(high);
        }
    }

    /** A band edge that rounds onto the asymptote in the array's type still gives a finite, sound bound. */
    @Test
    void bandEdgeRoundingOntoTheAsymptoteKeepsTheBoundFinite() {
        INDArray a = Nd4j.valueArrayOf(new long[] {1, 4}, -1.0, DataType.FLOAT);
        INDArray lower = a.ulike();
        INDArray upper = a.ulike();
        // -1 + 2^-30 > -1, but rounds to -1 in float.
        new Tanh().preimageBounds(a, 0x1p-30, lower, upper);
        assertThat(lower.getDouble(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(upper.getDouble(0)).isFinite().isLessThan(-8.0);
        INDArray b = Nd4j.valueArrayOf(new long[] {1, 4}, 1.0, DataType.FLOAT);
        new Sigmoid().preimageBounds(b, 0x1p-30, lower, upper);
        assertThat(lower.getDouble(0)).isFinite().isGreaterThan(15.0);
        assertThat(upper.getDouble(0)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
