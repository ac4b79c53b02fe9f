package org.altmin.activations;

import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The identity {@code h(z) = z}, registered as {@value #NAME}; no parameters. A linear layer (e.g. the last
 * hidden layer of a linear model) as a DLAM layer: quasilinear (Assumption 3 of DLAM: J. Wang, F. Yu, X. Chen,
 * L. Zhao, deep learning alternating minimization, arXiv:1811.04187), {@code h' = 1}, and the preimage of
 * equation 4 is the band itself, {@code [a - eps, a + eps]}, never empty.
 */
public record Identity() implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "identity";

    /** Builds it from (empty) parameters. */
    public static Identity fromParams(Params params) {
        return new Identity();
    }

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
        Args.band("Identity", a, epsilon);
        return a - epsilon;
    }

    @Override
    public double upperBound(double a, double epsilon) {
        Args.band("Identity", a, epsilon);
        return a + epsilon;
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        Args.elementwise("Identity", z, out);
        if (out != z) {
            out.assign(z);
        }
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        Args.elementwise("Identity", z, out);
        out.assign(1.0);
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.bounds("Identity", a, epsilon, lower, upper);
        // One pass, in the array's type: lower = a - eps, upper = a + eps.
        float e = (float) epsilon;
        Elementwise.Pass pass = Elementwise.bounds(a, lower, upper, Elementwise.Extremes.NONE, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                l[k] = x[k] - e;
                u[k] = x[k] + e;
            }
            return true;
        }, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                l[k] = x[k] - epsilon;
                u[k] = x[k] + epsilon;
            }
            return true;
        });
        if (pass == null || !pass.clean()) {
            // The ND4J form: also the one that throws for a non-finite a.
            Args.extremes("Identity", a);
            Ops.sub(a, epsilon, lower);
            Ops.add(a, epsilon, upper);
        }
    }
}
