package org.altmin.losses;

import static org.altmin.losses.Fixtures.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Regularizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks shared by the tests of the (entrywise separable) regularizers; each subclass gives the component, a
 * plain-Java value and the scalar subdifferential.
 */
abstract class RegularizerChecks {
    final SplittableRandom random = new SplittableRandom(47);

    abstract Regularizer subject();

    /** The class's simple name, which every error message starts with. */
    abstract String component();

    /** Omega(W), computed entry by entry. */
    abstract double plainValue(double[][] w);

    /** Whether g is in the subdifferential of the scalar penalty at u (within tolerance). */
    abstract boolean inSubdifferential(double u, double g);

    /** A weight matrix with some exact zeros (kinks of the l1 terms). */
    INDArray weights() {
        INDArray w = Fixtures.uniform(random, 3, 4, 2);
        w.putScalar(0, 1, 0.0);
        w.putScalar(2, 3, 0.0);
        return w;
    }

    @Test
    void valueMatchesPlainJava() {
        INDArray w = weights();
        assertThat(subject().value(w)).isCloseTo(plainValue(Fixtures.toArray(w)), offset(1e-12));
    }

    @Test
    void proxSatisfiesTheSubgradientInclusion() {
        INDArray v = Fixtures.uniform(random, 5, 6, 3);
        for (double t : new double[] {1e-3, 0.5, 20}) {
            INDArray u = subject().prox(v, t);
            double[][] uu = Fixtures.toArray(u);
            double[][] vv = Fixtures.toArray(v);
            for (int r = 0; r < uu.length; r++) {
                for (int c = 0; c < uu[0].length; c++) {
                    double g = t * (vv[r][c] - uu[r][c]);
                    assertThat(inSubdifferential(uu[r][c], g))
                            .as("t (v - u) = %s in the subdifferential at u = %s (t = %s)", g, uu[r][c], t).isTrue();
                }
            }
        }
    }

    @Test
    void proxBeatsRandomNearbyPoints() {
        INDArray v = Fixtures.uniform(random, 3, 4, 1e-3).addi(Fixtures.uniform(random, 3, 4, 2));
        double t = 0.05;
        INDArray u = subject().prox(v, t);
        double best = subject().value(u) + t / 2 * u.squaredDistance(v);
        for (int k = 0; k < 50; k++) {
            INDArray other = Fixtures.perturbed(random, u, 1e-2);
            assertThat(subject().value(other) + t / 2 * other.squaredDistance(v)).isGreaterThanOrEqualTo(best);
        }
    }

    @Test
    void proxInPlaceEqualsOutOfPlace() {
        INDArray v = Fixtures.uniform(random, 3, 4, 2);
        INDArray expected = subject().prox(v, 0.3);
        subject().prox(v, 0.3, v);
        assertThat(maxAbsDiff(v, expected)).isZero();
    }

    @Test
    void subgradientIsInTheSubdifferentialAndZeroWhereZeroIsAllowed() {
        INDArray w = weights();
        INDArray g = subject().subgradient(w);
        double[][] ww = Fixtures.toArray(w);
        double[][] gg = Fixtures.toArray(g);
        for (int r = 0; r < ww.length; r++) {
            for (int c = 0; c < ww[0].length; c++) {
                assertThat(inSubdifferential(ww[r][c], gg[r][c])).isTrue();
                if (ww[r][c] == 0) {
                    assertThat(gg[r][c]).as("minimum-norm subgradient at a zero entry").isZero();
                }
            }
        }
        INDArray inPlace = w.dup();
        subject().subgradient(inPlace, inPlace);
        assertThat(maxAbsDiff(inPlace, g)).isZero();
    }

    @Test
    void subgradientIsTheGradientAwayFromZero() {
        INDArray w = Fixtures.uniform(random, 3, 4, 1).addi(Nd4j.valueArrayOf(new long[] {3, 4}, 0.5, DataType.DOUBLE));
        INDArray numeric = Fixtures.finiteDifferenceGradient(x -> subject().value(x), w, 1e-6);
        assertThat(maxAbsDiff(subject().subgradient(w), numeric)).isLessThan(1e-7);
    }

    @Test
    void worksInFloatAndOnVectors() {
        INDArray v = Fixtures.uniform(random, 3, 4, 2);
        INDArray vf = v.castTo(DataType.FLOAT);
        assertThat(subject().value(vf)).isCloseTo(subject().value(v), offset(1e-5));
        INDArray uf = subject().prox(vf, 0.4);
        assertThat(uf.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(maxAbsDiff(uf, subject().prox(v, 0.4))).isLessThan(1e-6);
        INDArray bias = Fixtures.uniform(random, 1, 5, 2).reshape(5);
        assertThat(subject().prox(bias, 0.4).shape()).isEqualTo(new long[] {5});
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        INDArray v = Nd4j.ones(DataType.DOUBLE, 3, 4);
        assertThatThrownBy(() -> subject().prox(v, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(component() + ".t").hasMessageContaining("0.0");
        assertThatThrownBy(() -> subject().prox(v, -1, v.dup())).hasMessageContaining(component() + ".t");
        assertThatThrownBy(() -> subject().prox(v, 1, Nd4j.ones(DataType.DOUBLE, 4, 3)))
                .hasMessageContaining(component() + ".out");
        assertThatThrownBy(() -> subject().prox(v, 1, Nd4j.ones(DataType.FLOAT, 3, 4)))
                .hasMessageContaining(component() + ".out");
        assertThatThrownBy(() -> subject().subgradient(v, Nd4j.ones(DataType.DOUBLE, 3, 5)))
                .hasMessageContaining(component() + ".out");
        assertThatThrownBy(() -> subject().value(null)).hasMessageContaining(component() + ".w");
    }
}
