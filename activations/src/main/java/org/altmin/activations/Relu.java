package org.altmin.activations;

import java.util.Optional;
import org.altmin.api.Params;
import org.altmin.api.Validate;
import org.altmin.api.kernels.BoundsKernel;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The rectified linear unit {@code h(z) = max(z, 0)}, registered as {@value #NAME}; no parameters.
 *
 * <p>Nondecreasing, hence quasilinear (Assumption 3 of DLAM: J. Wang, F. Yu, X. Chen, L. Zhao, deep learning
 * alternating minimization, arXiv:1811.04187). <b>Kink:</b> {@code h'(0) = 0}, the smaller one-sided derivative
 * (the convention of PyTorch and TensorFlow); {@code h'(z) = 1} for {@code z > 0}.
 *
 * <p><b>Preimage (equation 4).</b> With {@code lo = a - eps}, {@code hi = a + eps}: empty iff {@code hi < 0}
 * (i.e. {@code a < -eps}); otherwise {@code (-inf, hi]} if {@code lo <= 0} (every {@code z <= 0} maps to 0,
 * which is in the band) and {@code [lo, hi]} if {@code lo > 0}.
 *
 * <p>Array forms: apply and derivative one ND4J pass each; the bounds one pass ({@link Elementwise}) computing,
 * bit for bit, what their ND4J form computes (six cheap passes and three reductions of a: min, max and a NaN
 * check), which remains the fallback for views, mixed layouts and bad a (for which it throws). See
 * {@link FloatingPoint} for FLOAT arrays.
 */
public record Relu() implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "relu";

    /** Builds it from (empty) parameters. */
    public static Relu fromParams(Params params) {
        return new Relu();
    }

    @Override
    public double apply(double z) {
        return Math.max(z, 0.0);
    }

    @Override
    public double derivative(double z) {
        return z > 0 ? 1.0 : 0.0;
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        check(a, epsilon);
        double lo = a - epsilon;
        return lo > 0 ? lo : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double upperBound(double a, double epsilon) {
        check(a, epsilon);
        return a + epsilon;
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        Args.elementwise("Relu", z, out);
        Ops.max(z, 0.0, out);
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        Args.elementwise("Relu", z, out);
        Ops.greaterThan(z, 0.0, out);
    }

    /**
     * {@code delta .*= [z > 0]} in one pass ({@link Elementwise#zip}): the product with the derivative's 0 or 1, so
     * the same bits as {@code derivative(z, z)} then {@code delta.muli(z)} (a NaN or infinite delta times 0 stays
     * NaN); z is left unchanged. Other layouts take that two-op form.
     */
    @Override
    public void backpropagate(INDArray z, INDArray delta) {
        Args.elementwise("Relu", z, delta);
        // The mask [x > 0] branch-free (Elementwise.positive; a ternary compiles to a branch, mispredicted about half
        // the time on ReLU inputs), then a NaN check of the results: positive(NaN) is NaN where the ternary gives 0,
        // so a chunk with a NaN result (a NaN z, or a NaN or infinite delta) is reread and redone with the ternary.
        if (!Elementwise.zip(z, delta, (x, d, n) -> {
            for (int k = 0; k < n; k++) {
                d[k] *= Elementwise.positive(x[k]);
            }
            float m = 0f;
            for (int k = 0; k < n; k++) {
                m = Math.max(m, d[k] * 0f);
            }
            return m == 0f;
        }, (x, d, n) -> {
            for (int k = 0; k < n; k++) {
                d[k] *= Elementwise.positive(x[k]);
            }
            double m = 0.0;
            for (int k = 0; k < n; k++) {
                m = Math.max(m, d[k] * 0.0);
            }
            return m == 0.0;
        }, (x, d, n) -> {
            for (int k = 0; k < n; k++) {
                d[k] *= x[k] > 0 ? 1f : 0f;
            }
        }, (x, d, n) -> {
            for (int k = 0; k < n; k++) {
                d[k] *= x[k] > 0 ? 1.0 : 0.0;
            }
        })) {
            QuasilinearActivation.super.backpropagate(z, delta);
        }
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.bounds("Relu", a, epsilon, lower, upper);
        // One pass of Bounds, the ND4J ops below entry by entry in the array's type. A non-finite a or an empty
        // band: the ND4J path, which throws.
        Bounds kernel = new Bounds(epsilon);
        Elementwise.Pass pass = Elementwise.bounds(a, lower, upper, Elementwise.Extremes.MIN, (x, l, u, n) -> {
            kernel.bounds(x, l, u, n);
            return true;
        }, (x, l, u, n) -> {
            kernel.bounds(x, l, u, n);
            return true;
        });
        if (pass == null || !pass.clean() || !Elementwise.passes(() -> check(pass.min(), epsilon))) {
            preimageBoundsNd4j(a, epsilon, lower, upper);
        }
    }

    /** The bounds kernel of the pass above ({@link Bounds}). */
    @Override
    public Optional<BoundsKernel> boundsKernel(double epsilon) {
        Validate.nonNegative("Relu", "epsilon", epsilon);
        return Optional.of(new Bounds(epsilon));
    }

    /**
     * ReLU's bounds on a chunk, for the array form's single pass and as its {@link BoundsKernel}: lower = a - eps plus
     * the mask {@code 1 - 1/[lower > 0]} (0 or -inf), upper = a + eps, in the chunk's type (eps rounded to float for
     * FLOAT). A chunk is accepted when its smallest entry {@code m} passes the array form's check {@code m + eps >= 0}
     * (in double) and every entry is finite: one min reduction over {@code x * 0 + x}, which is x for a finite x and
     * NaN otherwise (Math.min propagates NaN).
     */
    private record Bounds(double epsilon, float e) implements BoundsKernel {
        Bounds(double epsilon) {
            this(epsilon, (float) epsilon);
        }

        @Override
        public boolean accepts(float[] x, int n) {
            float min = Float.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                min = Math.min(min, x[k] * 0f + x[k]);
            }
            return min == min && !(min + epsilon < 0);
        }

        @Override
        public boolean accepts(double[] x, int n) {
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                min = Math.min(min, x[k] * 0.0 + x[k]);
            }
            return min == min && !(min + epsilon < 0);
        }

        @Override
        public void bounds(float[] x, float[] l, float[] u, int n) {
            for (int k = 0; k < n; k++) {
                float lo = x[k] - e;
                l[k] = lo + (1f - 1f / Elementwise.positive(lo));
                u[k] = x[k] + e;
            }
        }

        @Override
        public void bounds(double[] x, double[] l, double[] u, int n) {
            for (int k = 0; k < n; k++) {
                double lo = x[k] - epsilon;
                l[k] = lo + (1.0 - 1.0 / Elementwise.positive(lo));
                u[k] = x[k] + epsilon;
            }
        }
    }

    /** The ND4J form of the bounds (after the argument checks): also the one that throws for bad a. */
    private static void preimageBoundsNd4j(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.Extremes extremes = Args.extremes("Relu", a);
        check(extremes.min(), epsilon);
        Ops.sub(a, epsilon, lower);
        // upper is free until its own turn: the scratch of the -inf mask.
        Ops.minusInfinityUnlessAbove(lower, 0.0, upper);
        Ops.add(a, epsilon, upper);
    }

    private static void check(double a, double epsilon) {
        Args.band("Relu", a, epsilon);
        if (a + epsilon < 0) {
            throw Args.emptyBand("Relu", a, epsilon, ">= -epsilon = " + (-epsilon), "[0, +inf)");
        }
    }
}
