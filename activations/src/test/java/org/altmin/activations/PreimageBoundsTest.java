package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bounds [B1, B2] of {z : a - eps <= h(z) <= a + eps} (DLAM equation 4) are sound (every z inside satisfies
 * the band, evaluated in the arrays' type, up to FloatingPoint.bandTolerance; exactly for the steps) and tight
 * (a point just outside violates it, or the bound is infinite).
 */
class PreimageBoundsTest {

    /** Scalar bounds, h in double: sound and tight. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.altmin.activations.Fixtures#activations")
    void scalarBoundsAreSoundAndTight(QuasilinearActivation h) {
        SplittableRandom random = new SplittableRandom(5);
        int tightChecked = 0;
        int finiteBounds = 0;
        for (double epsilon : Fixtures.EPSILONS) {
            for (double a : Fixtures.centres(h, epsilon, random, 150, DataType.DOUBLE)) {
                double b1 = h.lowerBound(a, epsilon);
                double b2 = h.upperBound(a, epsilon);
                String what = h + " a = " + a + ", eps = " + epsilon + ", [" + b1 + ", " + b2 + "]";
                assertThat(b1).as(what).isLessThanOrEqualTo(b2).isLessThan(Double.POSITIVE_INFINITY);
                assertThat(b2).as(what).isGreaterThan(Double.NEGATIVE_INFINITY);
                double tol = Fixtures.isStep(h) ? 0 : FloatingPoint.bandTolerance(DataType.DOUBLE, a, epsilon);
                for (double z : Fixtures.pointsIn(b1, b2, random)) {
                    assertThat(h.apply(z)).as(what + " at z = " + z)
                            .isBetween(a - epsilon - tol, a + epsilon + tol);
                }
                for (int side : new int[] {-1, 1}) {
                    double bound = side < 0 ? b1 : b2;
                    if (Double.isInfinite(bound)) {
                        continue;
                    }
                    finiteBounds++;
                    // Just outside; where h is too flat there to show it in double, a point further out.
                    double outside = Fixtures.isStep(h) ? (side < 0 ? Math.nextDown(bound) : Math.nextUp(bound))
                            : bound + side * 1e-6 * Math.max(1, Math.abs(bound));
                    if (Math.abs(h.apply(outside) - h.apply(bound)) < 1e-9) {
                        continue;
                    }
                    tightChecked++;
                    double value = h.apply(outside);
                    assertThat(value < a - epsilon || value > a + epsilon)
                            .as(what + ": h(" + outside + ") = " + value + " should leave the band").isTrue();
                }
            }
        }
        // Not vacuous: most finite bounds were checked for tightness.
        assertThat(tightChecked).as("tightness checks of " + finiteBounds).isGreaterThan(finiteBounds / 2);
    }

    /** Array bounds, h evaluated by the array form in the same type: sound. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void arrayBoundsAreSoundInTheirType(QuasilinearActivation h, DataType type) {
        SplittableRandom random = new SplittableRandom(7);
        for (double epsilon : Fixtures.EPSILONS) {
            double[] a = Fixtures.centres(h, epsilon, random, 100, type);
            INDArray as = Fixtures.array(a, 5, type);
            INDArray lower = as.ulike();
            INDArray upper = as.ulike();
            h.preimageBounds(as, epsilon, lower, upper);
            double[] l = Fixtures.flat(lower);
            double[] u = Fixtures.flat(upper);
            for (int i = 0; i < a.length; i++) {
                // A nonempty set of reals: B1 <= B2, B1 < +inf, B2 > -inf.
                assertThat(l[i]).as("%s %s a = %s, eps = %s", h, type, a[i], epsilon)
                        .isLessThanOrEqualTo(u[i]).isLessThan(Double.POSITIVE_INFINITY);
                assertThat(u[i]).as("%s %s a = %s, eps = %s", h, type, a[i], epsilon)
                        .isGreaterThan(Double.NEGATIVE_INFINITY);
            }
            // Points of [B1, B2] per entry, as rows of a (points x entries) array evaluated in the type.
            int perEntry = 9;
            double[] z = new double[perEntry * a.length];
            for (int i = 0; i < a.length; i++) {
                var points = Fixtures.pointsIn(l[i], u[i], random);
                for (int k = 0; k < perEntry; k++) {
                    // Rounding a point of [B1, B2] to the type keeps it in [B1, B2] (they are of the type).
                    z[k * a.length + i] = Fixtures.round(type, points.get(k % points.size()));
                }
            }
            INDArray zs = Fixtures.array(z, perEntry, type);
            h.apply(zs, zs);
            double[] values = Fixtures.flat(zs);
            for (int k = 0; k < perEntry; k++) {
                for (int i = 0; i < a.length; i++) {
                    double tol = Fixtures.isStep(h) ? 0 : FloatingPoint.bandTolerance(type, a[i], epsilon);
                    double value = values[k * a.length + i];
                    assertThat(value).as("%s %s a = %s, eps = %s, [%s, %s], z = %s", h, type, a[i], epsilon, l[i],
                            u[i], z[k * a.length + i]).isBetween(a[i] - epsilon - tol, a[i] + epsilon + tol);
                }
            }
        }
    }

    /**
     * The current point is feasible: with {@code a = h(z)} computed by the array form, every z lies in its own
     * [B1, B2], so DLAM's clipping (equation 4) leaves a consistent (z, a) unchanged. eps = 0 for the
     * activations computed without rounding error; 2^-10 where h(z) is rounded: tanh and sigmoid (which also
     * saturate to the unattainable ±1, 0 in floating point) and leaky ReLU (alpha z rounds, and underflows to
     * -0.0 for subnormal z, whose exact preimage is {0}).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void everyPointLiesInThePreimageOfItsOwnValue(QuasilinearActivation h, DataType type) {
        double[] z = Fixtures.zValues(new SplittableRandom(19), 300, type);
        INDArray zs = Fixtures.array(z, 3, type);
        INDArray a = zs.ulike();
        h.apply(zs, a);
        double epsilon = h instanceof Tanh || h instanceof Sigmoid || h instanceof LeakyRelu ? 0x1p-10 : 0.0;
        INDArray lower = zs.ulike();
        INDArray upper = zs.ulike();
        h.preimageBounds(a, epsilon, lower, upper);
        double[] l = Fixtures.flat(lower);
        double[] u = Fixtures.flat(upper);
        for (int i = 0; i < z.length; i++) {
            // IEEE comparison (-0.0 == 0.0), as the clipping uses; AssertJ's isBetween orders -0.0 below 0.0.
            assertThat(l[i] <= z[i] && z[i] <= u[i]).as("%s %s z = %s in [%s, %s]", h, type, z[i], l[i], u[i])
                    .isTrue();
        }
    }
}
