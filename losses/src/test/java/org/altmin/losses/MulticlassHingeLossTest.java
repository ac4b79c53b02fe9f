package org.altmin.losses;

import static org.altmin.losses.Fixtures.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.ProxReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MulticlassHingeLossTest {
    private final MulticlassHingeLoss loss = new MulticlassHingeLoss();
    private final SplittableRandom random = new SplittableRandom(31);

    private static double plainValue(INDArray z, INDArray y, double margin) {
        double[][] zz = Fixtures.toArray(z);
        double[][] yy = Fixtures.toArray(y);
        double total = 0;
        for (int j = 0; j < zz.length; j++) {
            for (int i = 0; i < zz[0].length; i++) {
                double s = yy[j][i] == 1 ? 1 : -1;
                total += Math.max(0, margin - s * zz[j][i]);
            }
        }
        return total;
    }

    @Test
    void valueMatchesPlainJava() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.oneHot(random, 3, 4);
        assertThat(loss.value(z, y)).isCloseTo(plainValue(z, y, 1), offset(1e-12));
        assertThat(new MulticlassHingeLoss(0.5).value(z, y)).isCloseTo(plainValue(z, y, 0.5), offset(1e-12));
        assertThat(loss.isSmooth()).isFalse();
    }

    @Test
    void subgradientIsTheGradientAwayFromKinksAndZeroAtThem() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.oneHot(random, 3, 4);
        // uniform entries are almost surely not at a kink (|z| = 1) within the difference step
        INDArray numeric = Fixtures.finiteDifferenceGradient(u -> loss.value(u, y), z, 1e-7);
        assertThat(maxAbsDiff(loss.gradient(z, y), numeric)).isLessThan(1e-6);

        INDArray atKink = Nd4j.createFromArray(new double[][] {{1, 0.5}, {-1, 3}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 1}, {0, 0}});
        // entries: s z = 1 (kink), 0.5 (active), 1 (kink), -3 (active)
        assertThat(Fixtures.toArray(loss.gradient(atKink, labels))).isDeepEqualTo(new double[][] {{0, -1}, {0, 1}});
    }

    @Test
    void proxSatisfiesTheSubgradientInclusion() {
        INDArray v = Fixtures.uniform(random, 4, 6, 3);
        INDArray y = Fixtures.oneHot(random, 4, 6);
        for (double rho : new double[] {0.2, 1, 5}) {
            INDArray u = loss.prox(v, y, rho);
            double[][] uu = Fixtures.toArray(u);
            double[][] vv = Fixtures.toArray(v);
            double[][] yy = Fixtures.toArray(y);
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 6; i++) {
                    // rho (v - u) must lie in the subdifferential of max(0, 1 - s u): {-s} inside the margin,
                    // {0} beyond it, -s [0, 1] on it.
                    double s = 2 * yy[j][i] - 1;
                    double theta = rho * (vv[j][i] - uu[j][i]) * -s;
                    double su = s * uu[j][i];
                    if (Math.abs(su - 1) < 1e-12) {
                        assertThat(theta).isBetween(-1e-12, 1 + 1e-12);
                    } else if (su < 1) {
                        assertThat(theta).isCloseTo(1, offset(1e-12));
                    } else {
                        assertThat(theta).isCloseTo(0, offset(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void proxBeatsRandomNearbyPoints() {
        INDArray v = Fixtures.uniform(random, 3, 5, 2);
        INDArray y = Fixtures.oneHot(random, 3, 5);
        double rho = 0.8;
        INDArray u = loss.prox(v, y, rho);
        double best = loss.value(u, y) + rho / 2 * u.squaredDistance(v);
        for (int k = 0; k < 100; k++) {
            INDArray other = Fixtures.perturbed(random, u, 0.05);
            assertThat(loss.value(other, y) + rho / 2 * other.squaredDistance(v)).isGreaterThanOrEqualTo(best);
        }
    }

    @Test
    void proxInPlaceAndInFloat() {
        INDArray v = Fixtures.uniform(random, 3, 5, 2);
        INDArray y = Fixtures.oneHot(random, 3, 5);
        INDArray expected = loss.prox(v, y, 0.7);
        INDArray inPlace = v.dup();
        assertThat(loss.prox(inPlace, y, 0.7, inPlace)).isEqualTo(ProxReport.EXACT);
        assertThat(maxAbsDiff(inPlace, expected)).isZero();
        INDArray floatResult = loss.prox(v.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), 0.7);
        assertThat(floatResult.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(maxAbsDiff(floatResult, expected)).isLessThan(1e-6);
        assertThat(loss.value(v.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT))).isCloseTo(loss.value(v, y), offset(1e-5));
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        assertThatThrownBy(() -> new MulticlassHingeLoss(-1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("MulticlassHingeLoss.margin").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> loss.value(z, Nd4j.valueArrayOf(new long[] {3, 4}, 0.5, DataType.DOUBLE)))
                .hasMessageContaining("MulticlassHingeLoss.y");
        assertThatThrownBy(() -> loss.value(z, Nd4j.valueArrayOf(new long[] {3, 4}, Double.NaN, DataType.DOUBLE)))
                .hasMessageContaining("MulticlassHingeLoss.y");
        assertThatThrownBy(() -> loss.prox(z, y, 0)).hasMessageContaining("MulticlassHingeLoss.rho");
        assertThatThrownBy(() -> loss.gradient(z, y, Nd4j.zeros(DataType.DOUBLE, 4, 3)))
                .hasMessageContaining("MulticlassHingeLoss.out");
        assertThatThrownBy(() -> loss.value(z, Nd4j.zeros(DataType.DOUBLE, 3, 3)))
                .hasMessageContaining("MulticlassHingeLoss.y");
    }
}
