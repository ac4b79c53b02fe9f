package org.altmin.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.altmin.api.Regularizer;
import org.junit.jupiter.api.Test;

class L2RegularizerTest extends RegularizerChecks {
    private static final double LAMBDA = 0.3;

    @Override
    Regularizer subject() {
        return new L2Regularizer(LAMBDA);
    }

    @Override
    String component() {
        return "L2Regularizer";
    }

    @Override
    double plainValue(double[][] w) {
        double sum = 0;
        for (double[] row : w) {
            for (double x : row) {
                sum += x * x;
            }
        }
        return LAMBDA / 2 * sum;
    }

    @Override
    boolean inSubdifferential(double u, double g) {
        return Math.abs(g - LAMBDA * u) <= 1e-12;
    }

    @Test
    void defaultsAndValidation() {
        assertThat(new L2Regularizer().lambda()).isEqualTo(L2Regularizer.DEFAULT_LAMBDA);
        assertThatThrownBy(() -> new L2Regularizer(-0.1)).hasMessageContaining("L2Regularizer.lambda")
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new L2Regularizer(Double.POSITIVE_INFINITY)).hasMessageContaining("L2Regularizer.lambda");
    }
}
