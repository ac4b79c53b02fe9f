package org.altmin.activations;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The leaky rectified linear unit {@code h(z) = z} for {@code z >= 0}, {@code alpha z} for {@code z < 0},
 * registered as {@value #NAME} with parameter {@code alpha} in (0, 1), default {@value #DEFAULT_ALPHA}.
 *
 * <p>Strictly increasing, hence quasilinear (Assumption 3 of DLAM: J. Wang, F. Yu, X. Chen, L. Zhao, deep
 * learning alternating minimization, arXiv:1811.04187), and a bijection of the reals. <b>Kink:</b>
 * {@code h'(0) = alpha}, the smaller one-sided derivative (as ReLU's {@code h'(0) = 0}, which is the case
 * {@code alpha = 0}; PyTorch's convention).
 *
 * <p><b>Preimage (equation 4).</b> Never empty: {@code [g(a - eps), g(a + eps)]} with the inverse
 * {@code g(y) = y} for {@code y >= 0}, {@code y / alpha} for {@code y < 0}.
 *
 * <p>Array forms: as {@code h(z) = max(z, alpha z)} and {@code g(y) = min(y, y / alpha)} (valid for
 * {@code 0 < alpha < 1}, and equal to the scalar forms bit for bit: rounding is monotone). Apply and the bounds:
 * one pass ({@link Elementwise}), bit for bit what their ND4J form computes; that form, the fallback for views,
 * mixed layouts and bad a, takes two cheap passes each, with a per-thread scratch buffer ({@link Scratch}) for
 * {@code alpha z} or {@code y / alpha}; ND4J's own LeakyReLU op is some fifty times slower. Derivative: two ND4J
 * passes.
 *
 * @param alpha the slope for negative inputs, in (0, 1)
 */
public record LeakyRelu(double alpha) implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "leaky-relu";
    /** The default slope for negative inputs (as in PyTorch). */
    public static final double DEFAULT_ALPHA = 0.01;

    public LeakyRelu {
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidParameterException.of("LeakyRelu", "alpha", alpha, "in (0, 1)");
        }
    }

    /** With the default slope {@value #DEFAULT_ALPHA}. */
    public LeakyRelu() {
        this(DEFAULT_ALPHA);
    }

    /** Builds it from parameter {@code alpha} (default {@value #DEFAULT_ALPHA}). */
    public static LeakyRelu fromParams(Params params) {
        return new LeakyRelu(params.get("alpha", DEFAULT_ALPHA));
    }

    @Override
    public double apply(double z) {
        return z >= 0 ? z : alpha * z;
    }

    @Override
    public double derivative(double z) {
        return z > 0 ? 1.0 : alpha;
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        Args.band("LeakyRelu", a, epsilon);
        return inverse(a - epsilon);
    }

    @Override
    public double upperBound(double a, double epsilon) {
        Args.band("LeakyRelu", a, epsilon);
        return inverse(a + epsilon);
    }

    private double inverse(double y) {
        return y >= 0 ? y : y / alpha;
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        Args.elementwise("LeakyRelu", z, out);
        // As ND4J's max(z, alpha z) (NaN-propagating; z and alpha z never differ in the sign of a zero).
        float af = (float) alpha;
        if (!Elementwise.map(z, out, (x, n) -> {
            for (int k = 0; k < n; k++) {
                x[k] = Math.max(x[k], x[k] * af);
            }
        }, (x, n) -> {
            for (int k = 0; k < n; k++) {
                x[k] = Math.max(x[k], x[k] * alpha);
            }
        })) {
            INDArray scaled = Scratch.like(z);
            Ops.mul(z, alpha, scaled);
            Ops.max(z, scaled, out);
        }
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        Args.elementwise("LeakyRelu", z, out);
        // max([z > 0], alpha) is 1 or alpha; ND4J's LeakyReLUDerivative gives 1 at z = 0, this convention alpha.
        Ops.greaterThan(z, 0.0, out);
        Ops.max(out, alpha, out);
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.bounds("LeakyRelu", a, epsilon, lower, upper);
        // One pass: g(y) = min(y, y / alpha) of y = a -/+ eps, in the array's type, as the ND4J ops below.
        float e = (float) epsilon;
        float af = (float) alpha;
        Elementwise.Pass pass = Elementwise.bounds(a, lower, upper, Elementwise.Extremes.NONE, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                float lo = x[k] - e;
                float hi = x[k] + e;
                l[k] = Math.min(lo, lo / af);
                u[k] = Math.min(hi, hi / af);
            }
            return true;
        }, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                double lo = x[k] - epsilon;
                double hi = x[k] + epsilon;
                l[k] = Math.min(lo, lo / alpha);
                u[k] = Math.min(hi, hi / alpha);
            }
            return true;
        });
        if (pass == null || !pass.clean()) {
            preimageBoundsNd4j(a, epsilon, lower, upper);
        }
    }

    /** The ND4J form of the bounds (after the argument checks): also the one that throws for bad a. */
    private void preimageBoundsNd4j(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.extremes("LeakyRelu", a);
        INDArray scaled = Scratch.like(a);
        Ops.sub(a, epsilon, lower);
        Ops.div(lower, alpha, scaled);
        Ops.min(lower, scaled, lower);
        Ops.add(a, epsilon, upper);
        Ops.div(upper, alpha, scaled);
        Ops.min(upper, scaled, upper);
    }
}
