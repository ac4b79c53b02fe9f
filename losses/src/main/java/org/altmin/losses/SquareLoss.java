package org.altmin.losses;

import org.altmin.api.Loss;
import org.altmin.api.Params;
import org.altmin.api.ProxReport;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The square loss {@code R(z; y) = (1/2)||z - y||_F^2}, summed over the samples (columns), the risk used for
 * regression in DLAM (J. Wang, F. Yu, X. Chen and L. Zhao, deep learning alternating minimization,
 * arXiv:1811.04187). It is smooth and 1-strongly convex in z, so Assumption 2 of the paper holds.
 *
 * <p>Gradient {@code z - y}. Proximal map (DLAM equation 5) in closed form:
 * {@code argmin_u (1/2)||u - y||^2 + (rho/2)||u - v||^2 = (rho v + y) / (1 + rho)}; the warm start is ignored.
 *
 * <p>Stateless and thread-safe. In {@link #gradient} {@code out} may be {@code z}; in {@link #prox} {@code out}
 * may be {@code v}; neither may be {@code y}.
 */
public record SquareLoss() implements Loss {
    /** The registered name. */
    public static final String NAME = "square";

    private static final String COMPONENT = "SquareLoss";

    /** Builds the loss from its (empty) parameter set. */
    public static SquareLoss fromParams(Params params) {
        return new SquareLoss();
    }

    @Override
    public double value(INDArray z, INDArray y) {
        check(z, y);
        // One fused reduction: no array of z's size is allocated.
        return 0.5 * z.squaredDistance(y);
    }

    @Override
    public void gradient(INDArray z, INDArray y, INDArray out) {
        check(z, y);
        Checks.like(COMPONENT, "out", out, z);
        Checks.notSame(COMPONENT, "out", out, "y", y);
        z.sub(y, out);
    }

    @Override
    public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
        Checks.matrix(COMPONENT, "v", v);
        Checks.like(COMPONENT, "y", y, v);
        Validate.positive(COMPONENT, "rho", rho);
        Checks.like(COMPONENT, "out", out, v);
        Checks.notSame(COMPONENT, "out", out, "y", y);
        Nd4j.exec(new Axpy(v, y, out, rho));   // out <- rho v + y (elementwise, so out may be v)
        out.divi(1 + rho);
        return ProxReport.EXACT;
    }

    private static void check(INDArray z, INDArray y) {
        Checks.matrix(COMPONENT, "z", z);
        Checks.like(COMPONENT, "y", y, z);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
