package org.altmin.verification;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Test-only components: tiny correct ones (the shipped components live in modules that depend on this one) and
 * deliberately broken ones, each violating exactly one assumption, as negative controls for the checks.
 */
public final class Doubles {
    private Doubles() {}

    // ------------------------------------------------------------------ correct

    /** {@code R(z; y) = (1/2)||z - y||^2}, summed over samples; prox {@code (y + rho v)/(1 + rho)}. */
    public static class SquareLoss implements Loss {
        @Override
        public double value(INDArray z, INDArray y) {
            Validate.sameShape("SquareLoss", "z", z, y);
            double d = z.distance2(y.castTo(z.dataType()));
            return 0.5 * d * d;
        }

        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            Validate.sameShape("SquareLoss", "z", z, y);
            out.assign(z.sub(y.castTo(z.dataType())));
        }

        @Override
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            Validate.sameShape("SquareLoss", "v", v, y);
            Validate.positive("SquareLoss", "rho", rho);
            out.assign(v.mul(rho).addi(y.castTo(v.dataType())).divi(1 + rho));
            return ProxReport.EXACT;
        }
    }

    /** {@code R(z; y) = ||z - y||_1}: convex, non-smooth; prox shifts the soft-threshold by y. */
    public static class AbsLoss implements Loss {
        @Override
        public double value(INDArray z, INDArray y) {
            Validate.sameShape("AbsLoss", "z", z, y);
            return z.sub(y.castTo(z.dataType())).norm1Number().doubleValue();
        }

        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            Validate.sameShape("AbsLoss", "z", z, y);
            out.assign(Transforms.sign(z.sub(y.castTo(z.dataType())), false));
        }

        @Override
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            Validate.sameShape("AbsLoss", "v", v, y);
            Validate.positive("AbsLoss", "rho", rho);
            INDArray yy = y.castTo(v.dataType());
            out.assign(softThreshold(v.sub(yy), 1 / rho).addi(yy));
            return ProxReport.EXACT;
        }

        @Override
        public boolean isSmooth() {
            return false;
        }
    }

    /**
     * Softmax cross-entropy {@code sum_j logsumexp(z_j) - <y_j, z_j>}, with an iterative prox (damped Newton per
     * column), as a realistic subject for the contract: smooth, not coercive, prox reported with its residual.
     */
    public static class SoftmaxCrossEntropy implements Loss {
        static final double NEWTON_TOLERANCE = 1e-11;
        static final int NEWTON_MAX_ITERATIONS = 100;
        static final double FULL_STEP_BELOW = 1e-6;

        @Override
        public double value(INDArray z, INDArray y) {
            Validate.sameShape("SoftmaxCrossEntropy", "z", z, y);
            double[][] zz = z.toDoubleMatrix();
            double[][] yy = y.toDoubleMatrix();
            double sum = 0;
            for (int j = 0; j < zz[0].length; j++) {
                double[] col = column(zz, j);
                sum += logSumExp(col) - dot(column(yy, j), col);
            }
            return sum;
        }

        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            Validate.sameShape("SoftmaxCrossEntropy", "z", z, y);
            double[][] zz = z.toDoubleMatrix();
            double[][] yy = y.toDoubleMatrix();
            double[][] g = new double[zz.length][zz[0].length];
            for (int j = 0; j < zz[0].length; j++) {
                double[] p = softmax(column(zz, j));
                for (int i = 0; i < zz.length; i++) {
                    g[i][j] = p[i] - yy[i][j];
                }
            }
            out.assign(org.nd4j.linalg.factory.Nd4j.create(g).castTo(out.dataType()));
        }

        @Override
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            Validate.sameShape("SoftmaxCrossEntropy", "v", v, y);
            Validate.positive("SoftmaxCrossEntropy", "rho", rho);
            double[][] vv = v.toDoubleMatrix();
            double[][] yy = y.toDoubleMatrix();
            double[][] uu = out.toDoubleMatrix();
            int iterations = 0;
            double residualSquared = 0;
            boolean converged = true;
            for (int j = 0; j < vv[0].length; j++) {
                double[] vj = column(vv, j);
                double[] yj = column(yy, j);
                double[] u = column(uu, j);
                double[] g = proxGradient(u, vj, yj, rho);
                int it = 0;
                while (norm(g) > NEWTON_TOLERANCE * (1 + rho * norm(vj)) && it < NEWTON_MAX_ITERATIONS) {
                    double[] p = softmax(u);
                    double[][] hess = new double[u.length][u.length];
                    for (int a = 0; a < u.length; a++) {
                        for (int b = 0; b < u.length; b++) {
                            hess[a][b] = (a == b ? p[a] + rho : 0) - p[a] * p[b];
                        }
                    }
                    double[] dir = new org.apache.commons.math3.linear.LUDecomposition(
                            new org.apache.commons.math3.linear.Array2DRowRealMatrix(hess)).getSolver()
                            .solve(new org.apache.commons.math3.linear.ArrayRealVector(g)).toArray();
                    double phi = proxObjective(u, vj, yj, rho);
                    double slope = dot(g, dir);
                    double t = 1;
                    double[] next = new double[u.length];
                    // Near the solution the full Newton step is safe, and Armijo cannot see a decrease below
                    // the rounding of phi: search only while far.
                    int searches = norm(g) > FULL_STEP_BELOW ? 60 : 1;
                    for (int ls = 0; ls < searches; ls++, t /= 2) {
                        for (int a = 0; a < u.length; a++) {
                            next[a] = u[a] - t * dir[a];
                        }
                        if (proxObjective(next, vj, yj, rho) <= phi - 1e-4 * t * slope) {
                            break;
                        }
                    }
                    u = next.clone();
                    g = proxGradient(u, vj, yj, rho);
                    it++;
                }
                iterations = Math.max(iterations, it);
                converged &= it < NEWTON_MAX_ITERATIONS;
                residualSquared += dot(g, g);
                for (int i = 0; i < u.length; i++) {
                    uu[i][j] = u[i];
                }
            }
            out.assign(org.nd4j.linalg.factory.Nd4j.create(uu).castTo(out.dataType()));
            return new ProxReport(iterations, Math.sqrt(residualSquared), converged);
        }

        private static double[] proxGradient(double[] u, double[] v, double[] y, double rho) {
            double[] p = softmax(u);
            double[] g = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                g[i] = p[i] - y[i] + rho * (u[i] - v[i]);
            }
            return g;
        }

        private static double proxObjective(double[] u, double[] v, double[] y, double rho) {
            double d = 0;
            for (int i = 0; i < u.length; i++) {
                d += (u[i] - v[i]) * (u[i] - v[i]);
            }
            return logSumExp(u) - dot(y, u) + rho / 2 * d;
        }

        private static double[] column(double[][] m, int j) {
            double[] c = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i][j];
            }
            return c;
        }

        private static double logSumExp(double[] x) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : x) {
                s += Math.exp(v - max);
            }
            return max + Math.log(s);
        }

        private static double[] softmax(double[] x) {
            double lse = logSumExp(x);
            double[] p = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                p[i] = Math.exp(x[i] - lse);
            }
            return p;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        private static double norm(double[] a) {
            return Math.sqrt(dot(a, a));
        }
    }

    /** {@code Omega(W) = (lambda/2)||W||_F^2}; prox {@code t v / (lambda + t)}. */
    public static class SquaredFrobenius implements Regularizer {
        private final double lambda;

        public SquaredFrobenius(double lambda) {
            this.lambda = Validate.positive("SquaredFrobenius", "lambda", lambda);
        }

        @Override
        public double value(INDArray w) {
            double n = w.norm2Number().doubleValue();
            return 0.5 * lambda * n * n;
        }

        @Override
        public void prox(INDArray v, double t, INDArray out) {
            Validate.positive("SquaredFrobenius", "t", t);
            out.assign(v.mul(t / (lambda + t)));
        }

        @Override
        public void subgradient(INDArray w, INDArray out) {
            out.assign(w.mul(lambda));
        }
    }

    /** {@code Omega(W) = lambda ||W||_1}; prox soft-thresholds at {@code lambda / t}. */
    public static class L1 implements Regularizer {
        final double lambda;

        public L1(double lambda) {
            this.lambda = Validate.positive("L1", "lambda", lambda);
        }

        @Override
        public double value(INDArray w) {
            return lambda * w.norm1Number().doubleValue();
        }

        @Override
        public void prox(INDArray v, double t, INDArray out) {
            Validate.positive("L1", "t", t);
            out.assign(softThreshold(v, lambda / t));
        }

        @Override
        public void subgradient(INDArray w, INDArray out) {
            out.assign(Transforms.sign(w, true).muli(lambda));
        }
    }

    /** ReLU with exact bounds: {@code [a - eps, a + eps]} cut at 0, lower bound -inf once the band reaches 0. */
    public static class Relu implements QuasilinearActivation {
        @Override
        public double apply(double z) {
            return Math.max(0.0, z);
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1.0 : 0.0;
        }

        @Override
        public double lowerBound(double a, double epsilon) {
            check(a, epsilon);
            return a - epsilon <= 0 ? Double.NEGATIVE_INFINITY : a - epsilon;
        }

        @Override
        public double upperBound(double a, double epsilon) {
            check(a, epsilon);
            return a + epsilon;
        }

        protected void check(double a, double epsilon) {
            Validate.nonNegative("Relu", "epsilon", epsilon);
            Validate.finite("Relu", "a", a);
            if (a + epsilon < 0) {
                throw InvalidParameterException.of("Relu", "a + epsilon", a + epsilon, ">= 0 (else the preimage is empty)");
            }
        }
    }

    /** tanh with exact bounds {@code atanh(a -+ eps)}, infinite where the band passes -1 or 1. */
    public static class Tanh implements QuasilinearActivation {
        @Override
        public double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = Math.tanh(z);
            return 1 - t * t;
        }

        @Override
        public double lowerBound(double a, double epsilon) {
            check(a, epsilon);
            double lo = a - bandHalfWidth(epsilon);
            return lo <= -1 ? Double.NEGATIVE_INFINITY : atanh(lo);
        }

        @Override
        public double upperBound(double a, double epsilon) {
            check(a, epsilon);
            double hi = a + bandHalfWidth(epsilon);
            return hi >= 1 ? Double.POSITIVE_INFINITY : atanh(hi);
        }

        /** eps itself; the too-narrow double overrides it. */
        double bandHalfWidth(double epsilon) {
            return epsilon;
        }

        protected void check(double a, double epsilon) {
            Validate.nonNegative("Tanh", "epsilon", epsilon);
            Validate.finite("Tanh", "a", a);
            if (a - epsilon >= 1 || a + epsilon <= -1) {
                throw InvalidParameterException.of("Tanh", "a", a, "within eps = " + epsilon + " of (-1, 1)");
            }
        }

        static double atanh(double x) {
            return 0.5 * Math.log1p(2 * x / (1 - x));
        }
    }

    /**
     * Binary step {@code h(z) = 1 for z >= 0, else 0}: quasilinear but discontinuous. The preimage of a band around 0
     * is {@code z < 0}, open at 0; the largest double in it, {@code Math.nextDown(0.0)}, makes [B1, B2] closed.
     */
    public static class Step implements QuasilinearActivation {
        @Override
        public double apply(double z) {
            return z >= 0 ? 1.0 : 0.0;
        }

        @Override
        public double derivative(double z) {
            return 0.0;
        }

        @Override
        public double lowerBound(double a, double epsilon) {
            boolean[] hits = hits(a, epsilon);
            return hits[0] ? Double.NEGATIVE_INFINITY : 0.0;
        }

        @Override
        public double upperBound(double a, double epsilon) {
            boolean[] hits = hits(a, epsilon);
            return hits[1] ? Double.POSITIVE_INFINITY : belowZero();
        }

        /** The sup of {z : z < 0} among doubles. */
        double belowZero() {
            return Math.nextDown(0.0);
        }

        private static boolean[] hits(double a, double epsilon) {
            Validate.nonNegative("Step", "epsilon", epsilon);
            Validate.finite("Step", "a", a);
            boolean zero = a - epsilon <= 0 && 0 <= a + epsilon;
            boolean one = a - epsilon <= 1 && 1 <= a + epsilon;
            if (!zero && !one) {
                throw InvalidParameterException.of("Step", "a", a, "within eps = " + epsilon + " of 0 or 1");
            }
            return new boolean[] {zero, one};
        }
    }

    // ------------------------------------------------------------------ broken (negative controls)

    /** Step whose upper bound for the band around 0 is the open end 0 itself, where h(0) = 1: not closed. */
    public static class OpenStep extends Step {
        @Override
        double belowZero() {
            return 0.0;
        }
    }

    /** GELU (tanh approximation): not monotone (a dip near z = -0.75), so not quasilinear. */
    public static class Gelu extends Relu {
        @Override
        public double apply(double z) {
            return 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
        }
    }

    /** sin: periodic, far from quasilinear. */
    public static class Sine extends Relu {
        @Override
        public double apply(double z) {
            return Math.sin(z);
        }
    }

    /** ReLU whose upper bound is 1 too large: unsound (points of [B1, B2] violate the band). */
    public static class TooWideRelu extends Relu {
        @Override
        public double upperBound(double a, double epsilon) {
            return super.upperBound(a, epsilon) + 1;
        }
    }

    /** tanh whose bounds use eps/2: not tight (points of the preimage are cut off). */
    public static class TooNarrowTanh extends Tanh {
        @Override
        double bandHalfWidth(double epsilon) {
            return epsilon / 2;
        }
    }

    /** tanh that returns a reversed interval instead of throwing for an empty preimage. */
    public static class SilentEmptyTanh extends Tanh {
        @Override
        protected void check(double a, double epsilon) {
            Validate.nonNegative("Tanh", "epsilon", epsilon);
        }

        @Override
        public double lowerBound(double a, double epsilon) {
            return atanh(Math.min(a - epsilon, 0.999));
        }

        @Override
        public double upperBound(double a, double epsilon) {
            return atanh(Math.max(a + epsilon, -0.999));
        }
    }

    /** {@code -||W||^2}: concave. */
    public static class NegativeFrobenius implements Regularizer {
        @Override
        public double value(INDArray w) {
            double n = w.norm2Number().doubleValue();
            return -n * n;
        }

        @Override
        public void prox(INDArray v, double t, INDArray out) {
            out.assign(v);
        }

        @Override
        public void subgradient(INDArray w, INDArray out) {
            out.assign(w.mul(-2));
        }
    }

    /** {@code sum sqrt(|w|)}: concave on each orthant, so not convex. */
    public static class SqrtAbs implements Regularizer {
        @Override
        public double value(INDArray w) {
            return Transforms.sqrt(Transforms.abs(w, true), false).sumNumber().doubleValue();
        }

        @Override
        public void prox(INDArray v, double t, INDArray out) {
            out.assign(v);
        }

        @Override
        public void subgradient(INDArray w, INDArray out) {
            out.assign(Transforms.sign(w, true));
        }
    }

    /** L1 whose prox thresholds at {@code lambda * t} instead of {@code lambda / t}. */
    public static class L1WrongThreshold extends L1 {
        public L1WrongThreshold(double lambda) {
            super(lambda);
        }

        @Override
        public void prox(INDArray v, double t, INDArray out) {
            out.assign(softThreshold(v, lambda * t));
        }
    }

    /** Square loss whose prox is off by a factor 2. */
    public static class ProxOffByFactor extends SquareLoss {
        @Override
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            super.prox(v, y, rho, out);
            out.muli(2);
            return ProxReport.EXACT;
        }
    }

    /** Square loss whose gradient is twice the true one. */
    public static class WrongGradient extends SquareLoss {
        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            super.gradient(z, y, out);
            out.muli(2);
        }
    }

    /** {@code -(1/2)||z - y||^2}: concave. */
    public static class ConcaveLoss extends SquareLoss {
        @Override
        public double value(INDArray z, INDArray y) {
            return -super.value(z, y);
        }

        @Override
        public void gradient(INDArray z, INDArray y, INDArray out) {
            super.gradient(z, y, out);
            out.negi();
        }
    }

    /** A prox that reports non-convergence. */
    public static class UnconvergedProx extends SquareLoss {
        @Override
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            super.prox(v, y, rho, out);
            return new ProxReport(100, 1e-2, false);
        }
    }

    static INDArray softThreshold(INDArray v, double k) {
        INDArray mag = Transforms.abs(v, true).subi(k);
        return Transforms.sign(v, true).muli(Transforms.relu(mag, false));
    }
}
