package org.example.plugin;

import org.altmin.api.QuasilinearActivation;

/** h(z) = z, whose eps-band preimage is [a - eps, a + eps]. */
public final class Identity implements QuasilinearActivation {
    public static final String NAME = "test-identity";

    @Override
    public double apply(double z) {
        return z;
    }

    @Override
    public double derivative(double z) {
        return 1.0;
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        return a - epsilon;
    }

    @Override
    public double upperBound(double a, double epsilon) {
        return a + epsilon;
    }
}
