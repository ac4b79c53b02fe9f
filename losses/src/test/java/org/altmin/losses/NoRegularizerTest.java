package org.altmin.losses;

import org.altmin.api.Regularizer;

class NoRegularizerTest extends RegularizerChecks {
    @Override
    Regularizer subject() {
        return new NoRegularizer();
    }

    @Override
    String component() {
        return "NoRegularizer";
    }

    @Override
    double plainValue(double[][] w) {
        return 0;
    }

    @Override
    boolean inSubdifferential(double u, double g) {
        return g == 0;
    }
}
