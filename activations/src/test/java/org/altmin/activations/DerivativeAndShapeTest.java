package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Derivatives against finite differences, the documented kink conventions, and quasilinearity. */
class DerivativeAndShapeTest {

    /** Kinks and jumps, where finite differences do not apply. */
    private static final double[] KINKS = {0.0, -1.0, 1.0};

    /** All but the straight-through variants, whose "derivative" is a surrogate (tested below). */
    static java.util.stream.Stream<QuasilinearActivation> trueDerivatives() {
        return Fixtures.activations().stream()
                .filter(h -> !(h instanceof Step s && s.straightThrough() || h instanceof Sign g && g.straightThrough()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trueDerivatives")
    void derivativeMatchesCentralDifferencesAwayFromKinks(QuasilinearActivation h) {
        SplittableRandom random = new SplittableRandom(3);
        double step = 1e-6;
        int checked = 0;
        for (int i = 0; i < 400; i++) {
            double z = i % 2 == 0 ? 3 * Fixtures.gaussian(random) : random.nextDouble(-25, 25);
            boolean nearKink = false;
            for (double kink : KINKS) {
                nearKink |= Math.abs(z - kink) < 1e-3;
            }
            if (nearKink) {
                continue;
            }
            double difference = (h.apply(z + step) - h.apply(z - step)) / (2 * step);
            assertThat(h.derivative(z)).as("%s h'(%s)", h, z).isCloseTo(difference, within(1e-6));
            checked++;
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void kinkConventionsAreTheSmallerOneSidedDerivative() {
        assertThat(new Relu().derivative(0.0)).isEqualTo(0.0);
        assertThat(new Relu().derivative(-0.0)).isEqualTo(0.0);
        assertThat(new LeakyRelu(0.25).derivative(0.0)).isEqualTo(0.25);
        assertThat(new HardTanh().derivative(1.0)).isEqualTo(0.0);
        assertThat(new HardTanh().derivative(-1.0)).isEqualTo(0.0);
        assertThat(new HardTanh().derivative(Math.nextDown(1.0))).isEqualTo(1.0);
        for (double z : new double[] {-2.0, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0}) {
            assertThat(new Step().derivative(z)).isEqualTo(0.0);
            assertThat(new Sign().derivative(z)).isEqualTo(0.0);
        }
    }

    @Test
    void stepValuesAtZeroAndStraightThroughEstimator() {
        assertThat(new Step().apply(0.0)).isEqualTo(1.0);
        assertThat(new Step().apply(-0.0)).isEqualTo(1.0);
        assertThat(new Step().apply(Math.nextDown(0.0))).isEqualTo(0.0);
        assertThat(new Sign().apply(0.0)).isEqualTo(1.0);
        assertThat(new Sign().apply(-0.0)).isEqualTo(1.0);
        assertThat(new Sign().apply(Math.nextDown(0.0))).isEqualTo(-1.0);
        // The estimator: the derivative of the hard-tanh surrogate, scaled to the levels, 0 outside [-1, 1].
        assertThat(new Step(true).derivative(0.0)).isEqualTo(0.5);
        assertThat(new Step(true).derivative(-1.0)).isEqualTo(0.5);
        assertThat(new Step(true).derivative(1.5)).isEqualTo(0.0);
        assertThat(new Sign(true).derivative(0.25)).isEqualTo(1.0);
        assertThat(new Sign(true).derivative(1.0)).isEqualTo(1.0);
        assertThat(new Sign(true).derivative(-3.0)).isEqualTo(0.0);
        // The flag changes only the derivative.
        assertThat(new Sign(true).apply(-0.5)).isEqualTo(new Sign().apply(-0.5));
    }

    /** Assumption 3: for x < y < w, min(h(x), h(w)) <= h(y) <= max(h(x), h(w)). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.altmin.activations.Fixtures#activations")
    void quasilinearOnRandomTriples(QuasilinearActivation h) {
        SplittableRandom random = new SplittableRandom(13);
        double[] z = Fixtures.zValues(random, 300, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        for (int i = 0; i < 2000; i++) {
            double[] t = {z[random.nextInt(z.length)], z[random.nextInt(z.length)], z[random.nextInt(z.length)]};
            java.util.Arrays.sort(t);
            double hx = h.apply(t[0]);
            double hy = h.apply(t[1]);
            double hw = h.apply(t[2]);
            assertThat(hy).as("%s at %s", h, java.util.Arrays.toString(t))
                    .isBetween(Math.min(hx, hw), Math.max(hx, hw));
        }
    }
}
