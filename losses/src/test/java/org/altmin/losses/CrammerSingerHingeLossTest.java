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

class CrammerSingerHingeLossTest {
    private static final double TOL = 1e-10;
    private final CrammerSingerHingeLoss loss = new CrammerSingerHingeLoss();
    private final SplittableRandom random = new SplittableRandom(59);

    private static int trueClass(double[][] y, int i) {
        for (int j = 0; j < y.length; j++) {
            if (y[j][i] == 1) {
                return j;
            }
        }
        throw new AssertionError("not one-hot");
    }

    /** max(0, max_{j != c} (margin + z_j - z_c)) for column i. */
    private static double columnLoss(double[][] z, double[][] y, int i, double margin) {
        int c = trueClass(y, i);
        double worst = 0;
        for (int j = 0; j < z.length; j++) {
            if (j != c) {
                worst = Math.max(worst, margin + z[j][i] - z[c][i]);
            }
        }
        return worst;
    }

    @Test
    void valueMatchesPlainJava() {
        INDArray z = Fixtures.uniform(random, 4, 6, 2);
        INDArray y = Fixtures.oneHot(random, 4, 6);
        double[][] zz = Fixtures.toArray(z);
        double[][] yy = Fixtures.toArray(y);
        for (double margin : new double[] {1, 0.3}) {
            double expected = 0;
            for (int i = 0; i < 6; i++) {
                expected += columnLoss(zz, yy, i, margin);
            }
            assertThat(new CrammerSingerHingeLoss(margin).value(z, y)).isCloseTo(expected, offset(1e-12));
        }
        assertThat(loss.isSmooth()).isFalse();
    }

    @Test
    void subgradientIsTheGradientAwayFromTiesAndMinimumNormAtThem() {
        INDArray z = Fixtures.uniform(random, 4, 6, 2);
        INDArray y = Fixtures.oneHot(random, 4, 6);
        INDArray numeric = Fixtures.finiteDifferenceGradient(u -> loss.value(u, y), z, 1e-7);
        assertThat(maxAbsDiff(loss.gradient(z, y), numeric)).isLessThan(1e-6);

        // column 0: true class 0 with two wrong classes tied at the max -> (0, ... ) = (e_1 + e_2)/2 - e_0
        // column 1: loss exactly 0 (margin met with equality) -> 0
        INDArray tied = Nd4j.createFromArray(new double[][] {{0, 2}, {1, 1}, {1, -3}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 1}, {0, 0}, {0, 0}});
        assertThat(Fixtures.toArray(loss.gradient(tied, labels)))
                .isDeepEqualTo(new double[][] {{-1, 0}, {0.5, 0}, {0.5, 0}});
    }

    /**
     * g = rho (v - u) must be sum_j lambda_j (e_j - e_c), lambda >= 0, sum lambda <= 1, with weight only on pieces
     * attaining the max at u, and weight 1 - sum lambda on the zero piece (then the loss at u is 0).
     */
    private static void assertOptimal(INDArray v, INDArray y, double rho, INDArray u) {
        double[][] uu = Fixtures.toArray(u);
        double[][] vv = Fixtures.toArray(v);
        double[][] yy = Fixtures.toArray(y);
        for (int i = 0; i < uu[0].length; i++) {
            int c = trueClass(yy, i);
            double atU = columnLoss(uu, yy, i, 1);
            double total = 0;
            for (int j = 0; j < uu.length; j++) {
                if (j == c) {
                    continue;
                }
                double lambda = rho * (vv[j][i] - uu[j][i]);
                assertThat(lambda).isGreaterThanOrEqualTo(-TOL);
                if (lambda > TOL) {
                    assertThat(1 + uu[j][i] - uu[c][i]).as("an active piece attains the max").isCloseTo(atU, offset(1e-9));
                }
                total += lambda;
            }
            assertThat(rho * (vv[c][i] - uu[c][i])).isCloseTo(-total, offset(1e-9));
            assertThat(total).isLessThanOrEqualTo(1 + 1e-9);
            if (total < 1 - 1e-9) {
                assertThat(atU).as("the zero piece is active").isCloseTo(0, offset(1e-9));
            }
        }
    }

    @Test
    void proxSatisfiesTheOptimalityConditions() {
        for (double rho : new double[] {0.05, 0.5, 1, 20}) {
            INDArray v = Fixtures.uniform(random, 5, 30, 2);
            INDArray y = Fixtures.oneHot(random, 5, 30);
            assertOptimal(v, y, rho, loss.prox(v, y, rho));
        }
    }

    @Test
    void proxHandlesTiedClassesAndBothCases() {
        // columns: two wrong classes tied (loss 2 at v); tied and barely violating; all three classes equal
        INDArray v = Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0.3, 1}, {1, 0.3, 1}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 1, 1}, {0, 0, 0}, {0, 0, 0}});
        for (double rho : new double[] {0.1, 1, 10}) {
            INDArray u = loss.prox(v, y, rho);
            assertOptimal(v, y, rho, u);
            assertThat(u.getDouble(1, 0)).isEqualTo(u.getDouble(2, 0));   // symmetric in the tied classes
        }
    }

    @Test
    void proxBeatsRandomNearbyPoints() {
        INDArray v = Fixtures.uniform(random, 4, 5, 2);
        INDArray y = Fixtures.oneHot(random, 4, 5);
        double rho = 0.4;
        INDArray u = loss.prox(v, y, rho);
        double best = loss.value(u, y) + rho / 2 * u.squaredDistance(v);
        for (int k = 0; k < 100; k++) {
            INDArray other = Fixtures.perturbed(random, u, 0.05);
            assertThat(loss.value(other, y) + rho / 2 * other.squaredDistance(v)).isGreaterThanOrEqualTo(best - 1e-12);
        }
    }

    @Test
    void proxKeepsPointsBeyondTheMarginAndWorksInPlaceAndInFloat() {
        INDArray v = Nd4j.createFromArray(new double[][] {{5, 0}, {0, 0}, {1, 0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 1}, {0, 0}, {0, 0}});
        INDArray u = loss.prox(v, y, 1.0);
        assertThat(u.getColumn(0).toDoubleVector()).containsExactly(5, 0, 1);   // loss 0 already
        assertThat(u.getColumn(1).toDoubleVector()).doesNotContain(Double.NaN);
        INDArray inPlace = v.dup();
        assertThat(loss.prox(inPlace, y, 1.0, inPlace)).isEqualTo(ProxReport.EXACT);
        assertThat(maxAbsDiff(inPlace, u)).isZero();
        INDArray w = Fixtures.uniform(random, 4, 6, 2);
        INDArray labels = Fixtures.oneHot(random, 4, 6);
        INDArray floatResult = loss.prox(w.castTo(DataType.FLOAT), labels.castTo(DataType.FLOAT), 0.3);
        assertThat(floatResult.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(maxAbsDiff(floatResult, loss.prox(w, labels, 0.3))).isLessThan(1e-5);
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        assertThatThrownBy(() -> new CrammerSingerHingeLoss(0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("CrammerSingerHingeLoss.margin");
        assertThatThrownBy(() -> loss.value(z, Nd4j.createFromArray(new double[][] {{1, 1}, {1, 0}, {0, 0}})))
                .hasMessageContaining("CrammerSingerHingeLoss.y");
        assertThatThrownBy(() -> loss.value(z, Nd4j.zeros(DataType.DOUBLE, 3, 2))).hasMessageContaining("CrammerSingerHingeLoss.y");
        assertThatThrownBy(() -> loss.prox(z, y, -1)).hasMessageContaining("CrammerSingerHingeLoss.rho");
        assertThatThrownBy(() -> loss.prox(z, y, 1, y)).hasMessageContaining("CrammerSingerHingeLoss.out");
        assertThatThrownBy(() -> loss.gradient(z, y, Nd4j.zeros(DataType.DOUBLE, 2, 3)))
                .hasMessageContaining("CrammerSingerHingeLoss.out");
    }
}
