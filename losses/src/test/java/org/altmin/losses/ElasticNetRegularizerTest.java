package org.altmin.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.altmin.api.Regularizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ElasticNetRegularizerTest extends RegularizerChecks {
    private static final double LAMBDA1 = 0.2;
    private static final double LAMBDA2 = 0.7;

    @Override
    Regularizer subject() {
        return new ElasticNetRegularizer(LAMBDA1, LAMBDA2);
    }

    @Override
    String component() {
        return "ElasticNetRegularizer";
    }

    @Override
    double plainValue(double[][] w) {
        double l1 = 0;
        double l2 = 0;
        for (double[] row : w) {
            for (double x : row) {
                l1 += Math.abs(x);
                l2 += x * x;
            }
        }
        return LAMBDA1 * l1 + LAMBDA2 / 2 * l2;
    }

    @Override
    boolean inSubdifferential(double u, double g) {
        double smooth = g - LAMBDA2 * u;
        return u == 0 ? Math.abs(smooth) <= LAMBDA1 + 1e-12 : Math.abs(smooth - LAMBDA1 * Math.signum(u)) <= 1e-12;
    }

    @Test
    void reducesToL1AndL2() {
        INDArray v = Fixtures.uniform(random, 3, 4, 2);
        assertThat(Fixtures.maxAbsDiff(new ElasticNetRegularizer(0.4, 0).prox(v, 0.5), new L1Regularizer(0.4).prox(v, 0.5)))
                .isLessThan(1e-15);
        assertThat(Fixtures.maxAbsDiff(new ElasticNetRegularizer(0, 0.4).prox(v, 0.5), new L2Regularizer(0.4).prox(v, 0.5)))
                .isLessThan(1e-15);
    }

    @Test
    void defaultsAndValidation() {
        ElasticNetRegularizer defaults = new ElasticNetRegularizer();
        assertThat(defaults.lambda1()).isEqualTo(ElasticNetRegularizer.DEFAULT_LAMBDA1);
        assertThat(defaults.lambda2()).isEqualTo(ElasticNetRegularizer.DEFAULT_LAMBDA2);
        assertThatThrownBy(() -> new ElasticNetRegularizer(-1, 0)).hasMessageContaining("ElasticNetRegularizer.lambda1");
        assertThatThrownBy(() -> new ElasticNetRegularizer(0, Double.NaN)).hasMessageContaining("ElasticNetRegularizer.lambda2");
    }
}
