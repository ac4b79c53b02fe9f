package org.altmin.activations;

import org.altmin.api.Params;
import org.altmin.api.QuasilinearActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hard tanh {@code h(z) = min(max(z, -1), 1)}, registered as {@value #NAME}; no parameters.
 *
 * <p>Nondecreasing, hence quasilinear (Assumption 3 of DLAM: J. Wang, F. Yu, X. Chen, L. Zhao, deep learning
 * alternating minimization, arXiv:1811.04187). <b>Kinks:</b> {@code h'(-1) = h'(1) = 0}, the smaller one-sided
 * derivative (as ReLU's {@code h'(0) = 0}; PyTorch's convention); {@code h'(z) = 1} for {@code |z| < 1}, 0
 * for {@code |z| > 1}.
 *
 * <p><b>Preimage (equation 4).</b> With {@code lo = a - eps}, {@code hi = a + eps}: empty iff {@code hi < -1}
 * or {@code lo > 1}; otherwise {@code B1 = -inf} if {@code lo <= -1} (h saturates at -1 below), else
 * {@code lo}; {@code B2 = +inf} if {@code hi >= 1}, else {@code hi}.
 *
 * <p>Array forms: apply one ND4J pass, derivative three; the bounds one pass ({@link Elementwise}) computing, bit
 * for bit, what their ND4J form computes (eleven cheap passes, the infinities by arithmetic, see {@code Ops}; three
 * reductions of a; one per-thread scratch buffer, {@link Scratch}), which remains the fallback for views, mixed
 * layouts and bad a (for which it throws).
 */
public record HardTanh() implements QuasilinearActivation {
    /** The registered name. */
    public static final String NAME = "hard-tanh";

    /** Builds it from (empty) parameters. */
    public static HardTanh fromParams(Params params) {
        return new HardTanh();
    }

    @Override
    public double apply(double z) {
        return Math.max(-1.0, Math.min(1.0, z));
    }

    @Override
    public double derivative(double z) {
        return Math.abs(z) < 1 ? 1.0 : 0.0;
    }

    @Override
    public double lowerBound(double a, double epsilon) {
        check(a, a, epsilon);
        double lo = a - epsilon;
        return lo <= -1 ? Double.NEGATIVE_INFINITY : lo;
    }

    @Override
    public double upperBound(double a, double epsilon) {
        check(a, a, epsilon);
        double hi = a + epsilon;
        return hi >= 1 ? Double.POSITIVE_INFINITY : hi;
    }

    @Override
    public void apply(INDArray z, INDArray out) {
        Args.elementwise("HardTanh", z, out);
        Ops.hardTanh(z, out);
    }

    @Override
    public void derivative(INDArray z, INDArray out) {
        Args.elementwise("HardTanh", z, out);
        // 1 - [|z| >= 1]; ND4J's HardTanhDerivative gives 1 at |z| = 1, this convention 0.
        Ops.abs(z, out);
        Ops.greaterThan(out, FloatingPoint.nextDown(z.dataType(), 1.0), out);
        Ops.rsub(1.0, out, out);
    }

    @Override
    public void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.bounds("HardTanh", a, epsilon, lower, upper);
        // One pass, the ND4J ops below entry by entry in the array's type: lower = a - eps plus the mask
        // 1 - 1/[lower > -1] (0 or -inf; the "+ 0" turns a -0.0 into 0.0, as there), upper = a + eps plus the mask
        // 1/(1 - [upper > nextDown(1)]) - 1 (0 or +inf).
        float e = (float) epsilon;
        float nd1f = Math.nextDown(1f);
        double nd1 = Math.nextDown(1.0);
        Elementwise.Pass pass = Elementwise.bounds(a, lower, upper, Elementwise.Extremes.BOTH, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                float lo = x[k] - e;
                float hi = x[k] + e;
                l[k] = lo + (1f - 1f / Elementwise.positive(lo + 1f));
                u[k] = hi + (1f / (1f - Elementwise.positive(hi - nd1f)) - 1f);
            }
            return true;
        }, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                double lo = x[k] - epsilon;
                double hi = x[k] + epsilon;
                l[k] = lo + (1.0 - 1.0 / Elementwise.positive(lo + 1.0));
                u[k] = hi + (1.0 / (1.0 - Elementwise.positive(hi - nd1)) - 1.0);
            }
            return true;
        });
        if (pass == null || !pass.clean() || !Elementwise.passes(() -> check(pass.min(), pass.max(), epsilon))) {
            preimageBoundsNd4j(a, epsilon, lower, upper);
        }
    }

    /** The ND4J form of the bounds (after the argument checks): also the one that throws for bad a. */
    private static void preimageBoundsNd4j(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.Extremes extremes = Args.extremes("HardTanh", a);
        check(extremes.min(), extremes.max(), epsilon);
        // upper is free until its turn: the scratch of lower's -inf mask; upper's mask needs a scratch buffer.
        Ops.sub(a, epsilon, lower);
        Ops.minusInfinityUnlessAbove(lower, -1.0, upper);
        INDArray scratch = Scratch.like(a);
        Ops.add(a, epsilon, upper);
        Ops.plusInfinityIfAbove(upper, FloatingPoint.nextDown(a.dataType(), 1.0), scratch);
    }

    /** Both the smallest and the largest a (equal for a scalar) must leave the band meeting [-1, 1]. */
    private static void check(double min, double max, double epsilon) {
        Args.band("HardTanh", min, epsilon);
        Args.band("HardTanh", max, epsilon);
        if (min + epsilon < -1) {
            throw Args.emptyBand("HardTanh", min, epsilon, validA(epsilon), "[-1, 1]");
        }
        if (max - epsilon > 1) {
            throw Args.emptyBand("HardTanh", max, epsilon, validA(epsilon), "[-1, 1]");
        }
    }

    /** The valid range of a, in words and numbers (built only for the message). */
    private static String validA(double epsilon) {
        return "in [-1 - epsilon, 1 + epsilon] = [" + (-1 - epsilon) + ", " + (1 + epsilon) + "]";
    }
}
