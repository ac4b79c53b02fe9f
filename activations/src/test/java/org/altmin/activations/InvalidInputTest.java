package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Empty preimages and bad arguments are rejected with messages naming component, parameter and value. */
class InvalidInputTest {

    /** (activation, a, eps, text of the message) with an empty preimage. */
    private static Object[][] emptyBands() {
        return new Object[][] {
            {new Relu(), -0.5, 0.25, "Relu.a"},
            {new Tanh(), 1.25, 0.125, "Tanh.a"},
            {new Tanh(), -1.5, 0.5, "Tanh.a"}, // hi = -1 exactly: tanh never attains -1
            {new Tanh(), 1.0, 0.0, "Tanh.a"},
            {new Sigmoid(), -0.25, 0.125, "Sigmoid.a"},
            {new Sigmoid(), 1.5, 0.25, "Sigmoid.a"},
            {new Sigmoid(), -0.125, 0.125, "Sigmoid.a"}, // hi = 0 exactly
            {new Sigmoid(), 0.0, 0.0, "Sigmoid.a"},
            {new HardTanh(), 1.5, 0.25, "HardTanh.a"},
            {new HardTanh(), -2.0, 0.5, "HardTanh.a"},
            {new Step(), 0.5, 0.25, "Step.a"}, // neither 0 nor 1 in the band
            {new Step(), -0.5, 0.25, "Step.a"},
            {new Step(true), 1.5, 0.25, "Step.a"},
            {new Sign(), 0.0, 0.5, "Sign.a"},
            {new Sign(), 2.5, 1.0, "Sign.a"},
        };
    }

    @ParameterizedTest(name = "{0} a = {1}, eps = {2}")
    @MethodSource("emptyBands")
    void emptyPreimageIsRejectedByScalarAndArrayForms(QuasilinearActivation h, double a, double epsilon, String name) {
        assertThatThrownBy(() -> h.lowerBound(a, epsilon)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(name).hasMessageContaining(String.valueOf(a)).hasMessageContaining("empty");
        assertThatThrownBy(() -> h.upperBound(a, epsilon)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(name);
        for (DataType type : Fixtures.TYPES) {
            // One bad entry among good ones (the centre of the range of h); the message names its value.
            double good = h.apply(0.5);
            INDArray as = Nd4j.valueArrayOf(new long[] {3, 50}, good, type);
            as.putScalar(1, 17, a);
            INDArray lower = as.ulike();
            INDArray upper = as.ulike();
            assertThatThrownBy(() -> h.preimageBounds(as, epsilon, lower, upper))
                    .as("%s %s", h, type).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining(name).hasMessageContaining(String.valueOf(a));
        }
    }

    @Test
    void eachActivationAcceptsTheCentreUsedAbove() {
        for (Object[] row : emptyBands()) {
            QuasilinearActivation h = (QuasilinearActivation) row[0];
            double epsilon = (double) row[2];
            assertThatCode(() -> h.lowerBound(h.apply(0.5), epsilon)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.altmin.activations.Fixtures#activations")
    void badScalarArgumentsAreRejected(QuasilinearActivation h) {
        double a = h.apply(0.5);
        assertThatThrownBy(() -> h.lowerBound(a, -0.125)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("epsilon").hasMessageContaining("-0.125");
        assertThatThrownBy(() -> h.upperBound(a, Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> h.upperBound(Double.NaN, 0.5)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(".a").hasMessageContaining("NaN");
        assertThatThrownBy(() -> h.lowerBound(Double.NEGATIVE_INFINITY, 0.5))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(".a");
    }

    @SuppressWarnings("deprecation") // DataType.HALF, the unsupported type
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.altmin.activations.Fixtures#activations")
    void badArrayArgumentsAreRejected(QuasilinearActivation h) {
        INDArray a = Nd4j.valueArrayOf(new long[] {2, 5}, h.apply(0.5), DataType.FLOAT);
        INDArray lower = a.ulike();
        INDArray upper = a.ulike();
        assertThatThrownBy(() -> h.preimageBounds(a, -1.0, lower, upper))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> h.preimageBounds(a, 0.5, a, upper))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("alias");
        assertThatThrownBy(() -> h.preimageBounds(a, 0.5, lower, lower))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("alias");
        assertThatThrownBy(() -> h.preimageBounds(a, 0.5, Nd4j.zeros(DataType.FLOAT, 5, 2), upper))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("lower").hasMessageContaining("[5, 2]");
        assertThatThrownBy(() -> h.preimageBounds(a, 0.5, lower, Nd4j.zeros(DataType.DOUBLE, 2, 5)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("upper").hasMessageContaining("DOUBLE");
        assertThatThrownBy(() -> h.apply(a, Nd4j.zeros(DataType.FLOAT, 3, 5)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("out");
        assertThatThrownBy(() -> h.derivative(a, Nd4j.zeros(DataType.DOUBLE, 2, 5)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("out");
        INDArray half = a.castTo(DataType.HALF);
        assertThatThrownBy(() -> h.apply(half, half.ulike()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("FLOAT or DOUBLE");
        INDArray withNan = a.dup();
        withNan.putScalar(1, 3, Float.NaN);
        assertThatThrownBy(() -> h.preimageBounds(withNan, 0.5, lower, upper))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("NaN");
        INDArray withInf = a.dup();
        withInf.putScalar(0, 2, Float.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> h.preimageBounds(withInf, 0.5, lower, upper))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Infinity");
    }

    @Test
    void leakyReluAlphaMustBeInTheOpenUnitInterval() {
        for (double alpha : new double[] {0.0, 1.0, 2.0, -0.5, Double.NaN}) {
            assertThatThrownBy(() -> new LeakyRelu(alpha)).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("LeakyRelu.alpha must be in (0, 1), found " + alpha);
        }
    }
}
