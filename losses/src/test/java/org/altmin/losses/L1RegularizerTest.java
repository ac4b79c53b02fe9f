package org.altmin.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.altmin.api.Regularizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class L1RegularizerTest extends RegularizerChecks {
    private static final double LAMBDA = 0.3;

    @Override
    Regularizer subject() {
        return new L1Regularizer(LAMBDA);
    }

    @Override
    String component() {
        return "L1Regularizer";
    }

    @Override
    double plainValue(double[][] w) {
        double sum = 0;
        for (double[] row : w) {
            for (double x : row) {
                sum += Math.abs(x);
            }
        }
        return LAMBDA * sum;
    }

    @Override
    boolean inSubdifferential(double u, double g) {
        return u == 0 ? Math.abs(g) <= LAMBDA + 1e-12 : Math.abs(g - LAMBDA * Math.signum(u)) <= 1e-12;
    }

    @Test
    void proxSoftThresholdsAtLambdaOverT() {
        // tau = 0.3 / 0.5 = 0.6
        double[] out = new L1Regularizer(LAMBDA).prox(Nd4j.createFromArray(2.0, -2.0, 0.5, -0.6, 0.0), 0.5).toDoubleVector();
        assertThat(out).containsExactly(new double[] {1.4, -1.4, 0, 0, 0}, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void defaultsAndValidation() {
        assertThat(new L1Regularizer().lambda()).isEqualTo(L1Regularizer.DEFAULT_LAMBDA);
        assertThatThrownBy(() -> new L1Regularizer(-1)).hasMessageContaining("L1Regularizer.lambda")
                .hasMessageContaining("-1.0");
    }
}
