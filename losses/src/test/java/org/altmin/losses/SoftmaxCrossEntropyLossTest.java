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

class SoftmaxCrossEntropyLossTest {
    private final SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss();
    private final SplittableRandom random = new SplittableRandom(23);

    /** sum_i [log sum_j exp(z_ji) - sum_j y_ji z_ji], evaluated naively (fine for small z). */
    private static double plainValue(INDArray z, INDArray y) {
        double[][] zz = Fixtures.toArray(z);
        double[][] yy = Fixtures.toArray(y);
        double total = 0;
        for (int i = 0; i < zz[0].length; i++) {
            double sumExp = 0;
            double dot = 0;
            for (int j = 0; j < zz.length; j++) {
                sumExp += Math.exp(zz[j][i]);
                dot += yy[j][i] * zz[j][i];
            }
            total += Math.log(sumExp) - dot;
        }
        return total;
    }

    /** The prox objective R(u; y) + (rho/2)||u - v||^2. */
    private double proxObjective(INDArray u, INDArray v, INDArray y, double rho) {
        return loss.value(u, y) + rho / 2 * u.squaredDistance(v);
    }

    /** softmax(u) - y + rho (u - v), the prox objective's gradient, computed independently of the prox. */
    private INDArray proxGradient(INDArray u, INDArray v, INDArray y, double rho) {
        return loss.gradient(u, y).addi(u.sub(v).muli(rho));
    }

    /** max_i ||grad_:,i||_2 of the prox objective at u. */
    private double optimalityResidual(INDArray u, INDArray v, INDArray y, double rho) {
        return proxGradient(u, v, y, rho).norm2(0).maxNumber().doubleValue();
    }

    @Test
    void valueMatchesPlainJavaForOneHotSoftAndUnnormalizedLabels() {
        INDArray z = Fixtures.uniform(random, 3, 4, 3);
        for (INDArray y : new INDArray[] {Fixtures.oneHot(random, 3, 4), Fixtures.softLabels(random, 3, 4),
                Fixtures.uniform(random, 3, 4, 1)}) {
            assertThat(loss.value(z, y)).isCloseTo(plainValue(z, y), offset(1e-12));
        }
    }

    @Test
    void valueIsTheNegativeLogLikelihoodOfOneHotLabels() {
        INDArray z = Nd4j.createFromArray(new double[][] {{0, 1}, {Math.log(3), 0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
        // column 0: p = (1/4, 3/4), label 0 -> log 4; column 1: p = (e/(e+1), 1/(e+1)), label 1 -> log(e+1)
        assertThat(loss.value(z, y)).isCloseTo(Math.log(4) + Math.log(Math.E + 1), offset(1e-14));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.softLabels(random, 3, 4);
        INDArray numeric = Fixtures.finiteDifferenceGradient(u -> loss.value(u, y), z, 1e-5);
        assertThat(maxAbsDiff(loss.gradient(z, y), numeric)).isLessThan(1e-8);
    }

    @Test
    void gradientMayOverwriteZ() {
        INDArray z = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.oneHot(random, 3, 4);
        INDArray expected = loss.gradient(z, y);
        loss.gradient(z, y, z);
        assertThat(maxAbsDiff(z, expected)).isZero();
    }

    @Test
    void hugeLogitsGiveFiniteExactValuesAndGradients() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1e4, -1e4, 1e4}, {0, 1e4, 1e4}, {-1e4, 0, 0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 1, 0}, {0, 0, 1}, {0, 0, 0}});
        // column 0: correct and dominant -> 0; column 1: label at -1e4, max 1e4 -> 2e4;
        // column 2: tie between two classes at 1e4 -> log 2.
        double expected = 0 + 2e4 + Math.log(2);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray zt = z.castTo(type);
            INDArray yt = y.castTo(type);
            assertThat(loss.value(zt, yt)).isCloseTo(expected, offset(type == DataType.DOUBLE ? 1e-9 : 1e-2));
            INDArray grad = loss.gradient(zt, yt);
            assertThat(Fixtures.toArray(grad)).isDeepEqualTo(new double[][] {{0, -1, 0.5}, {0, 1, -0.5}, {0, 0, 0}});
            INDArray out = zt.dup();
            ProxReport report = loss.prox(zt, yt, 1.0, out);
            assertThat(out.isInfinite().any() || out.isNaN().any()).isFalse();
            assertThat(report.converged()).isTrue();
        }
    }

    @Test
    void proxMeetsItsToleranceAndFirstOrderOptimality() {
        INDArray v = Fixtures.uniform(random, 4, 6, 3);
        INDArray y = Fixtures.oneHot(random, 4, 6);
        for (double rho : new double[] {0.01, 1, 100}) {
            INDArray u = v.dup();
            ProxReport report = loss.prox(v, y, rho, u);
            assertThat(report.converged()).isTrue();
            assertThat(report.iterations()).isPositive();
            assertThat(optimalityResidual(u, v, y, rho)).isLessThanOrEqualTo(SoftmaxCrossEntropyLoss.DEFAULT_PROX_TOLERANCE);
            // the reported residual bounds the true gradient norm (Frobenius) at the returned point
            assertThat(proxGradient(u, v, y, rho).norm2Number().doubleValue()).isLessThanOrEqualTo(report.residual() + 1e-12);
            assertThat(report.residual()).isLessThanOrEqualTo(Math.sqrt(6) * SoftmaxCrossEntropyLoss.DEFAULT_PROX_TOLERANCE);
        }
    }

    @Test
    void proxBeatsRandomNearbyPoints() {
        INDArray v = Fixtures.uniform(random, 3, 5, 2);
        INDArray y = Fixtures.softLabels(random, 3, 5);
        double rho = 0.3;
        INDArray u = loss.prox(v, y, rho);
        double best = proxObjective(u, v, y, rho);
        for (int k = 0; k < 50; k++) {
            assertThat(proxObjective(Fixtures.perturbed(random, u, 1e-2), v, y, rho)).isGreaterThan(best);
        }
    }

    @Test
    void newtonConvergesFromABadWarmStartAndAGoodWarmStartNeedsOneEvaluation() {
        INDArray v = Fixtures.uniform(random, 5, 8, 2);
        INDArray y = Fixtures.oneHot(random, 5, 8);
        double rho = 0.05;
        INDArray u = Fixtures.uniform(random, 5, 8, 1000);
        ProxReport cold = loss.prox(v, y, rho, u);
        assertThat(cold.converged()).isTrue();
        assertThat(cold.iterations()).isGreaterThan(3).isLessThan(SoftmaxCrossEntropyLoss.DEFAULT_PROX_MAX_ITERATIONS);
        assertThat(optimalityResidual(u, v, y, rho)).isLessThanOrEqualTo(1e-6);

        INDArray again = u.dup();
        ProxReport warm = loss.prox(v, y, rho, again);
        assertThat(warm.iterations()).isEqualTo(1);
        assertThat(maxAbsDiff(again, u)).isLessThan(1e-6 / rho);
    }

    @Test
    void proxConvergesAcrossRhoAndLogitScales() {
        INDArray y = Fixtures.oneHot(random, 6, 9);
        for (double scale : new double[] {1e-3, 1, 50, 1e4}) {
            INDArray v = Fixtures.uniform(random, 6, 9, scale);
            for (double rho : new double[] {1e-6, 1e-2, 1, 1e6}) {
                INDArray u = v.dup();
                ProxReport report = loss.prox(v, y, rho, u);
                assertThat(report.converged()).as("scale %s rho %s", scale, rho).isTrue();
                // Newton: far below the cap of 1000 even where the solution lies ~sqrt(2)/rho = 1.4e6 from v
                // (measured 89 evaluations at scale 1e4, rho 1e-6; a first-order method with rate 1 - sqrt(2 rho)
                // would need hundreds of thousands)
                assertThat(report.iterations()).as("scale %s rho %s", scale, rho).isLessThan(rho >= 1e-2 ? 40 : 150);
                // the tolerance, raised to the rounding floor of rho (u - v) where rho |v| is huge (1e10 here)
                assertThat(optimalityResidual(u, v, y, rho)).as("scale %s rho %s", scale, rho)
                        .isLessThanOrEqualTo(loss.effectiveTolerance(v, rho));
            }
        }
    }

    @Test
    void manyColumnsInParallelBlocksMatchColumnByColumnSolves() {
        int n = 3 * SoftmaxProxNewton.BLOCK + 17;   // several blocks and a ragged last one
        INDArray v = Fixtures.uniform(random, 4, n, 3);
        INDArray y = Fixtures.softLabels(random, 4, n);
        INDArray all = loss.prox(v, y, 0.2);
        for (int j : new int[] {0, SoftmaxProxNewton.BLOCK - 1, SoftmaxProxNewton.BLOCK, 2 * SoftmaxProxNewton.BLOCK + 5, n - 1}) {
            INDArray one = loss.prox(v.getColumns(j), y.getColumns(j), 0.2);
            assertThat(maxAbsDiff(one, all.getColumns(j))).as("column %d", j).isLessThan(1e-9);
        }
    }

    @Test
    void viewsAndFortranOrderGiveTheSameProx() {
        INDArray v = Fixtures.uniform(random, 5, 12, 2);
        INDArray y = Fixtures.oneHot(random, 5, 12);
        INDArray expected = loss.prox(v, y, 0.7);
        INDArray vF = v.dup('f');
        INDArray yF = y.dup('f');
        INDArray outF = Nd4j.zeros(DataType.DOUBLE, 5, 12).dup('f');
        ProxReport report = loss.prox(vF, yF, 0.7, outF);
        assertThat(report.converged()).isTrue();
        assertThat(maxAbsDiff(outF, expected)).isLessThan(1e-9);
        // a strided view as out: only its entries change
        INDArray big = Nd4j.zeros(DataType.DOUBLE, 5, 24);
        INDArray everyOther = big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 24));
        loss.prox(v, y, 0.7, everyOther);
        assertThat(maxAbsDiff(everyOther, expected)).isLessThan(1e-9);
        assertThat(big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2, 24)).amaxNumber().doubleValue()).isZero();
    }

    @Test
    void nonFiniteWarmStartFallsBackToV() {
        INDArray v = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.oneHot(random, 3, 4);
        INDArray u = Nd4j.valueArrayOf(new long[] {3, 4}, Double.NaN, DataType.DOUBLE);
        ProxReport report = loss.prox(v, y, 1.0, u);
        assertThat(report.converged()).isTrue();
        assertThat(optimalityResidual(u, v, y, 1.0)).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void iterationCapIsReportedAsNotConverged() {
        SoftmaxCrossEntropyLoss capped = new SoftmaxCrossEntropyLoss(1e-10, 3);
        INDArray v = Fixtures.uniform(random, 3, 4, 2);
        INDArray y = Fixtures.oneHot(random, 3, 4);
        INDArray u = Fixtures.uniform(random, 3, 4, 100);
        ProxReport report = capped.prox(v, y, 0.01, u);
        assertThat(report.iterations()).isEqualTo(3);
        assertThat(report.converged()).isFalse();
        assertThat(report.residual()).isGreaterThan(1e-10);
    }

    @Test
    void proxInPlaceAndBufferReuseGiveTheSameAnswer() {
        INDArray y = Fixtures.oneHot(random, 3, 7);
        INDArray v1 = Fixtures.uniform(random, 3, 7, 2);
        INDArray v2 = Fixtures.uniform(random, 3, 7, 2);
        INDArray fresh = new SoftmaxCrossEntropyLoss().prox(v2, y, 0.5);
        loss.prox(v1, y, 0.5);                  // fills the scratch buffers with another problem's state
        INDArray inPlace = v2.dup();
        loss.prox(inPlace, y, 0.5, inPlace);     // out is v
        assertThat(maxAbsDiff(inPlace, fresh)).isLessThan(1e-12);
        // a new shape (another batch size) works too
        INDArray small = loss.prox(v1.getColumns(0, 1), y.getColumns(0, 1), 0.5);
        assertThat(maxAbsDiff(small, loss.prox(v1, y, 0.5).getColumns(0, 1))).isLessThan(1e-6);
    }

    @Test
    void worksInFloat() {
        INDArray v = Fixtures.uniform(random, 10, 40, 5);
        INDArray y = Fixtures.oneHot(random, 10, 40);
        INDArray vf = v.castTo(DataType.FLOAT);
        INDArray yf = y.castTo(DataType.FLOAT);
        assertThat(loss.value(vf, yf)).isCloseTo(loss.value(v, y), offset(1e-3));
        for (double rho : new double[] {0.02, 1}) {
            INDArray uf = vf.dup();
            ProxReport report = loss.prox(vf, yf, rho, uf);
            assertThat(uf.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(report.converged()).isTrue();
            INDArray u = loss.prox(v, y, rho);
            // both within residual / rho of the exact prox
            assertThat(maxAbsDiff(uf, u)).isLessThan((report.residual() + 1e-6) / rho + 1e-4);
        }
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        assertThatThrownBy(() -> loss.value(z, Nd4j.zeros(DataType.DOUBLE, 3, 5)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("SoftmaxCrossEntropyLoss.y");
        assertThatThrownBy(() -> loss.prox(z, y, -2.0)).hasMessageContaining("SoftmaxCrossEntropyLoss.rho")
                .hasMessageContaining("-2.0");
        assertThatThrownBy(() -> loss.prox(z, y, Double.NaN)).hasMessageContaining("SoftmaxCrossEntropyLoss.rho");
        assertThatThrownBy(() -> loss.prox(z, y, 1, Nd4j.zeros(DataType.FLOAT, 3, 4)))
                .hasMessageContaining("SoftmaxCrossEntropyLoss.out");
        assertThatThrownBy(() -> loss.gradient(z, y, y)).hasMessageContaining("SoftmaxCrossEntropyLoss.out");
        assertThatThrownBy(() -> loss.value(Nd4j.zeros(DataType.DOUBLE, 12), Nd4j.zeros(DataType.DOUBLE, 12)))
                .hasMessageContaining("SoftmaxCrossEntropyLoss.z");
        assertThatThrownBy(() -> new SoftmaxCrossEntropyLoss(0, 10))
                .hasMessageContaining("SoftmaxCrossEntropyLoss.proxTolerance");
        assertThatThrownBy(() -> new SoftmaxCrossEntropyLoss(1e-6, 0))
                .hasMessageContaining("SoftmaxCrossEntropyLoss.proxMaxIterations");
    }
}
