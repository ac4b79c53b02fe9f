package org.altmin.losses;

import static org.altmin.losses.Fixtures.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.ProxReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SquareLossTest {
    private final SquareLoss loss = new SquareLoss();
    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void valueIsHalfTheSquaredFrobeniusDistanceSummedOverSamples() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.uniform(random, 3, 4, 2);
        double[][] zz = Fixtures.toArray(z);
        double[][] yy = Fixtures.toArray(y);
        double expected = 0;
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                expected += 0.5 * (zz[j][i] - yy[j][i]) * (zz[j][i] - yy[j][i]);
            }
        }
        assertThat(loss.value(z, y)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.uniform(random, 3, 4, 2);
        INDArray numeric = Fixtures.finiteDifferenceGradient(u -> loss.value(u, y), z, 1e-6);
        assertThat(maxAbsDiff(loss.gradient(z, y), numeric)).isLessThan(1e-7);
    }

    @Test
    void gradientMayOverwriteZ() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.uniform(random, 3, 4, 2);
        INDArray expected = z.sub(y);
        loss.gradient(z, y, z);
        assertThat(maxAbsDiff(z, expected)).isZero();
    }

    @Test
    void proxSatisfiesFirstOrderOptimalityAndBeatsNearbyPoints() {
        INDArray v = Fixtures.uniform(random, 3, 4, 3);
        INDArray y = Fixtures.uniform(random, 3, 4, 3);
        double rho = 0.7;
        INDArray u = loss.prox(v, y, rho);
        // rho (u - v) + grad R(u) = 0
        INDArray residual = u.sub(v).muli(rho).addi(loss.gradient(u, y));
        assertThat(residual.amaxNumber().doubleValue()).isLessThan(1e-12);
        double best = loss.value(u, y) + rho / 2 * u.squaredDistance(v);
        for (int k = 0; k < 50; k++) {
            INDArray other = Fixtures.perturbed(random, u, 0.1);
            assertThat(loss.value(other, y) + rho / 2 * other.squaredDistance(v)).isGreaterThan(best);
        }
    }

    @Test
    void proxInPlaceEqualsOutOfPlaceAndIsExact() {
        INDArray v = Fixtures.uniform(random, 3, 4, 3);
        INDArray y = Fixtures.uniform(random, 3, 4, 3);
        INDArray expected = loss.prox(v, y, 2.0);
        ProxReport report = loss.prox(v, y, 2.0, v);
        assertThat(maxAbsDiff(v, expected)).isZero();
        assertThat(report).isEqualTo(ProxReport.EXACT);
    }

    @Test
    void worksInFloat() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.uniform(random, 3, 4, 2);
        INDArray zf = z.castTo(DataType.FLOAT);
        INDArray yf = y.castTo(DataType.FLOAT);
        assertThat(loss.value(zf, yf)).isCloseTo(loss.value(z, y), org.assertj.core.data.Offset.offset(1e-5));
        INDArray u = loss.prox(zf, yf, 0.5);
        assertThat(u.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(maxAbsDiff(u, loss.prox(z, y, 0.5))).isLessThan(1e-6);
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        assertThatThrownBy(() -> loss.value(z, Nd4j.zeros(DataType.DOUBLE, 4, 3)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("SquareLoss.y");
        assertThatThrownBy(() -> loss.value(z, Nd4j.zeros(DataType.FLOAT, 3, 4)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("SquareLoss.y");
        assertThatThrownBy(() -> loss.value(null, z)).hasMessageContaining("SquareLoss.z");
        assertThatThrownBy(() -> loss.prox(z, z.dup(), 0.0)).hasMessageContaining("SquareLoss.rho").hasMessageContaining("0.0");
        assertThatThrownBy(() -> loss.prox(z, z.dup(), -1, Nd4j.zeros(DataType.DOUBLE, 3, 4)))
                .hasMessageContaining("SquareLoss.rho");
        assertThatThrownBy(() -> loss.prox(z, z.dup(), 1, Nd4j.zeros(DataType.DOUBLE, 3, 5)))
                .hasMessageContaining("SquareLoss.out");
        INDArray y = z.dup();
        assertThatThrownBy(() -> loss.prox(z, y, 1, y)).hasMessageContaining("SquareLoss.out");
        assertThatThrownBy(() -> loss.gradient(z, y, Nd4j.zeros(DataType.DOUBLE, 2, 4)))
                .hasMessageContaining("SquareLoss.out");
    }
}
