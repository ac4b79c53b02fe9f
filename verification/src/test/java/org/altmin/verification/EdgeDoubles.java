package org.altmin.verification;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Test components at the edges where the checks used to give false verdicts (issue 10, "No false verdicts"): for
 * each edge a correct component that must pass (positive control) and a planted violation that must be caught
 * (negative control).
 */
public final class EdgeDoubles {
    private EdgeDoubles() {}

    // ------------------------------------------------------------------ gradient: a once-differentiable loss

    /**
     * Huber loss {@code sum huber_delta(z - y)}: {@code r^2/2} for {@code |r| <= delta}, {@code delta (|r| - delta/2)}
     * beyond. C^1 with a jump of the second derivative at {@code |r| = delta}, so smooth (isSmooth true) but not C^2.
     */
    public static class Huber implements Loss {
        final double delta;

        public Huber(double delta) {
            this.delta = Validate.positive("Huber", "delta", delta);
        }

        @Override
        public double value(INDArray z, INDArray y) {
            Validate.sameShape("Huber", "z", z, y);
            double[] r = z.sub(y.castTo(z.dataType())).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup()
                    .data().asDouble();
            double sum = 0;
            for (double ri : r) {
                double a = Math.abs(ri);
                sum += a <= delta ? 0.5 * ri * ri : delta * (a - 0.5 * delta);
            }
            return sum;
        }

        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            Validate.sameShape("Huber", "z", z, y);
            INDArray r = z.sub(y.castTo(z.dataType()));
            out.assign(Transforms.min(Transforms.max(r, -slope(), true), slope(), false));
        }

        /** The gradient's magnitude in the linear region: delta. */
        double slope() {
            return delta;
        }

        @Override
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            Validate.sameShape("Huber", "v", v, y);
            Validate.positive("Huber", "rho", rho);
            INDArray yy = y.castTo(v.dataType());
            INDArray r = v.sub(yy);
            INDArray u = r.dup();
            double edge = delta * (1 + rho) / rho;
            for (long i = 0; i < r.length(); i++) {
                double ri = r.getDouble(i);
                u.putScalar(i, Math.abs(ri) <= edge ? rho * ri / (1 + rho) : ri - Math.signum(ri) * delta / rho);
            }
            out.assign(u.addi(yy));
            return ProxReport.EXACT;
        }
    }

    /** Huber whose gradient in the linear region is 1.01 delta: wrong by 1% wherever |z - y| > delta. */
    public static class HuberWrongSlope extends Huber {
        public HuberWrongSlope(double delta) {
            super(delta);
        }

        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            INDArray r = z.sub(y.castTo(z.dataType()));
            super.gradient(z, y, out);
            INDArray outside = Transforms.abs(r, true).gt(delta).castTo(out.dataType());
            out.addi(out.mul(outside).muli(0.01));
        }
    }

    // ------------------------------------------------------------------ subgradient at a kink

    /** L1 whose subgradient at 0 is 2 lambda, outside the subdifferential [-lambda, lambda] there. */
    public static class L1TwiceAtZero extends Doubles.L1 {
        public L1TwiceAtZero(double lambda) {
            super(lambda);
        }

        @Override
        public void subgradient(INDArray w, INDArray out) {
            INDArray zero = w.eq(0.0).castTo(w.dataType());
            out.assign(Transforms.sign(w, true).addi(zero.muli(2)).muli(lambda));
        }
    }

    // ------------------------------------------------------------------ lower-boundedness of R

    /** {@code R(z; y) = -<y, z>}: linear, convex, exact prox {@code v + y / rho}, and unbounded below. */
    public static class LinearLoss implements Loss {
        @Override
        public double value(INDArray z, INDArray y) {
            Validate.sameShape("LinearLoss", "z", z, y);
            return -z.mul(y.castTo(z.dataType())).sumNumber().doubleValue();
        }

        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            Validate.sameShape("LinearLoss", "z", z, y);
            out.assign(y.castTo(z.dataType()).neg());
        }

        @Override
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            Validate.sameShape("LinearLoss", "v", v, y);
            Validate.positive("LinearLoss", "rho", rho);
            out.assign(v.add(y.castTo(v.dataType()).div(rho)));
            return ProxReport.EXACT;
        }
    }

    /**
     * Logistic loss {@code sum log(1 + exp(-s z))} with {@code s = 2y - 1}: bounded below by 0 but falling almost
     * linearly until it flattens, the closest bounded-below neighbour of a linear loss. Only its value is used.
     */
    public static class Logistic extends LinearLoss {
        @Override
        public double value(INDArray z, INDArray y) {
            Validate.sameShape("Logistic", "z", z, y);
            double[] zz = z.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().data().asDouble();
            double[] yy = y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().data().asDouble();
            double sum = 0;
            for (int i = 0; i < zz.length; i++) {
                double m = -(2 * yy[i] - 1) * zz[i];
                sum += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
            }
            return sum;
        }
    }

    // ------------------------------------------------------------------ empty preimage of a bounded activation

    /**
     * softsign {@code h(z) = z / (1 + |z|)}, bounded in (-1, 1) but converging only like 1/z (h(1e12) != h(1e15)),
     * with exact bounds {@code h^-1(a -+ eps)}, {@code h^-1(x) = x / (1 - |x|)}, infinite where the band passes
     * -1 or 1, and an {@link InvalidParameterException} for an empty preimage.
     */
    public static class Softsign implements QuasilinearActivation {
        @Override
        public double apply(double z) {
            return z / (1 + Math.abs(z));
        }

        @Override
        public double derivative(double z) {
            double d = 1 + Math.abs(z);
            return 1 / (d * d);
        }

        @Override
        public double lowerBound(double a, double epsilon) {
            check(a, epsilon);
            double lo = a - epsilon;
            return lo <= -1 ? Double.NEGATIVE_INFINITY : inverse(lo);
        }

        @Override
        public double upperBound(double a, double epsilon) {
            check(a, epsilon);
            double hi = a + epsilon;
            return hi >= 1 ? Double.POSITIVE_INFINITY : inverse(hi);
        }

        static double inverse(double x) {
            return x / (1 - Math.abs(x));
        }

        protected void check(double a, double epsilon) {
            Validate.nonNegative("Softsign", "epsilon", epsilon);
            Validate.finite("Softsign", "a", a);
            if (a - epsilon >= 1 || a + epsilon <= -1) {
                throw InvalidParameterException.of("Softsign", "a", a, "within eps = " + epsilon + " of (-1, 1)");
            }
        }
    }

    /** softsign whose lowerBound returns NaN instead of throwing when the preimage is empty. */
    public static class SoftsignNaNOnEmpty extends Softsign {
        @Override
        public double lowerBound(double a, double epsilon) {
            if (a - epsilon >= 1 || a + epsilon <= -1) {
                return Double.NaN;
            }
            return super.lowerBound(a, epsilon);
        }
    }

    // ------------------------------------------------------------------ quasilinearity between grid points

    /** Centre of the planted dip and kink: between the grid points 0.300 and 0.305, away from every edge point. */
    public static final double NARROW_AT = 0.30270;

    /**
     * The identity with a V-shaped dip 1e-3 wide centred at {@link #NARROW_AT}: {@code h(z) = z - 3 max(0, 5e-4 -
     * |z - c|)}, falling with slope -2 on its left half (h drops by 1e-3), so not monotone. Between grid points,
     * invisible to the 0.005 grid. Only {@code apply} matters; bounds are the identity's.
     */
    public static class NarrowDip implements QuasilinearActivation {
        @Override
        public double apply(double z) {
            return z - 3 * Math.max(0, 5e-4 - Math.abs(z - NARROW_AT));
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

    /**
     * Monotone with a steep kink at {@link #NARROW_AT}: slope 1, then 1e4 on a stretch 1e-4 wide (a rise of 1), then
     * 1 again; quasilinear, and the refined sweep and its local searches must not call it otherwise.
     */
    public static class SteepKink extends NarrowDip {
        static final double WIDTH = 1e-4;
        static final double SLOPE = 1e4;

        @Override
        public double apply(double z) {
            double ramp = Math.min(Math.max(z - NARROW_AT, 0), WIDTH);
            return z + (SLOPE - 1) * ramp;
        }
    }
}
