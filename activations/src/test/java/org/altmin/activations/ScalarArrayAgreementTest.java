package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The vectorized array forms agree with the scalar methods, on random arrays with edge cases (signed zeros,
 * kinks, subnormals, saturation, ±large, eps = 0 and tiny), in DOUBLE and FLOAT.
 */
class ScalarArrayAgreementTest {
    private static final int ROWS = 4;
    private static final java.util.Set<Class<?>> PIECEWISE_LINEAR =
            java.util.Set.of(Relu.class, LeakyRelu.class, HardTanh.class, Identity.class, Step.class, Sign.class);

    /** Few ulps of max(1, |v|) in the type: ND4J's and Java's tanh, exp, log differ in the last bits. */
    private static double tolerance(DataType type, double v) {
        return 8 * FloatingPoint.ulp(type, Math.max(1.0, Math.abs(v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void applyAndDerivativeAgree(QuasilinearActivation h, DataType type) {
        double[] z = Fixtures.zValues(new SplittableRandom(11), 200, type);
        INDArray zs = Fixtures.array(z, ROWS, type);
        INDArray values = zs.ulike();
        INDArray slopes = zs.ulike();
        h.apply(zs, values);
        h.derivative(zs, slopes);
        double[] v = Fixtures.flat(values);
        double[] d = Fixtures.flat(slopes);
        for (int i = 0; i < z.length; i++) {
            double expected = Fixtures.round(type, h.apply(z[i]));
            if (type == DataType.DOUBLE && PIECEWISE_LINEAR.contains(h.getClass())) {
                // No transcendental function: bit for bit (rounding is monotone, e.g. max(z, alpha z)). In FLOAT,
                // alpha is rounded to float first.
                assertThat(v[i]).as("h(%s)", z[i]).isEqualTo(expected);
            }
            assertThat(v[i]).as("h(%s)", z[i]).isCloseTo(expected, within(tolerance(type, expected)));
            double slope = Fixtures.round(type, h.derivative(z[i]));
            assertThat(d[i]).as("h'(%s)", z[i]).isCloseTo(slope, within(tolerance(type, slope)));
        }
        // In place (out == z) gives the same.
        h.apply(zs, zs);
        assertThat(Fixtures.flat(zs)).containsExactly(v);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void boundsAgree(QuasilinearActivation h, DataType type) {
        SplittableRandom random = new SplittableRandom(23);
        for (double epsilon : Fixtures.EPSILONS) {
            double[] a = Fixtures.centres(h, epsilon, random, 120, type);
            INDArray as = Fixtures.array(a, ROWS, type);
            INDArray lower = as.ulike();
            INDArray upper = as.ulike();
            h.preimageBounds(as, epsilon, lower, upper);
            double[] l = Fixtures.flat(lower);
            double[] u = Fixtures.flat(upper);
            for (int i = 0; i < a.length; i++) {
                String what = h + " a = " + a[i] + ", eps = " + epsilon + ", " + type;
                double b1 = h.lowerBound(a[i], epsilon);
                double b2 = h.upperBound(a[i], epsilon);
                if (Fixtures.isStep(h)) {
                    // Exact, with the type's largest number below 0 for the open end.
                    assertThat(l[i]).as(what).isEqualTo(b1);
                    assertThat(u[i]).as(what).isEqualTo(b2 < 0 ? FloatingPoint.largestBelowZero(type) : b2);
                } else if (type == DataType.DOUBLE) {
                    assertSameBound(l[i], b1, what);
                    assertSameBound(u[i], b2, what);
                } else {
                    // FLOAT: the band edges are rounded to float; compare where it matters, through h.
                    double tol = FloatingPoint.bandTolerance(type, a[i], epsilon);
                    assertThat(h.apply(l[i])).as(what).isCloseTo(h.apply(b1), within(tol));
                    assertThat(h.apply(u[i])).as(what).isCloseTo(h.apply(b2), within(tol));
                }
            }
        }
    }

    private static void assertSameBound(double actual, double expected, String what) {
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(tolerance(DataType.DOUBLE, expected)));
        }
    }
}
