package org.altmin.solvers.dlam;

import java.util.List;
import java.util.Map;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Small test doubles of the components (the shipped ones live in other modules) and random problems. */
final class Doubles {
    private Doubles() {}

    static final QuasilinearActivation RELU = new QuasilinearActivation() {
        public double apply(double z) { return Math.max(0, z); }
        public double derivative(double z) { return z > 0 ? 1 : 0; }
        public double lowerBound(double a, double eps) { return a - eps <= 0 ? Double.NEGATIVE_INFINITY : a - eps; }
        public double upperBound(double a, double eps) {
            if (a + eps < 0) throw new org.altmin.api.InvalidParameterException("relu", "a", "empty preimage");
            return a + eps;
        }
        public String toString() { return "relu"; }
    };

    static final QuasilinearActivation IDENTITY = new QuasilinearActivation() {
        public double apply(double z) { return z; }
        public double derivative(double z) { return 1; }
        public double lowerBound(double a, double eps) { return a - eps; }
        public double upperBound(double a, double eps) { return a + eps; }
        public String toString() { return "identity"; }
    };

    /** tanh: preimage of [a - eps, a + eps] intersected with (-1, 1) under atanh. */
    static final QuasilinearActivation TANH = new QuasilinearActivation() {
        public double apply(double z) { return Math.tanh(z); }
        public double derivative(double z) { double t = Math.tanh(z); return 1 - t * t; }
        public double lowerBound(double a, double eps) { return a - eps <= -1 ? Double.NEGATIVE_INFINITY : atanh(a - eps); }
        public double upperBound(double a, double eps) { return a + eps >= 1 ? Double.POSITIVE_INFINITY : atanh(a + eps); }
        private double atanh(double v) { return 0.5 * Math.log((1 + v) / (1 - v)); }
        public String toString() { return "tanh"; }
    };

    /** R = (1/2)||z - y||^2, summed over samples; prox closed form. */
    static final Loss SQUARE = new Loss() {
        public double value(INDArray z, INDArray y) { double n = z.sub(y).norm2Number().doubleValue(); return 0.5 * n * n; }
        public void gradient(INDArray z, INDArray y, INDArray out) { out.assign(z.sub(y)); }
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            out.assign(v.mul(rho).add(y).div(1 + rho));
            return ProxReport.EXACT;
        }
        public String toString() { return "square"; }
    };

    static final Regularizer NONE = new Regularizer() {
        public double value(INDArray w) { return 0; }
        public void prox(INDArray v, double t, INDArray out) { out.assign(v); }
        public void subgradient(INDArray w, INDArray out) { out.assign(0); }
        public String toString() { return "none"; }
    };

    /** (lambda/2)||W||^2. */
    static Regularizer l2(double lambda) {
        return new Regularizer() {
            public double value(INDArray w) { double n = w.norm2Number().doubleValue(); return 0.5 * lambda * n * n; }
            public void prox(INDArray v, double t, INDArray out) { out.assign(v.mul(t / (t + lambda))); }
            public void subgradient(INDArray w, INDArray out) { out.assign(w.mul(lambda)); }
            public String toString() { return "l2"; }
        };
    }

    /** lambda ||W||_1. */
    static Regularizer l1(double lambda) {
        return new Regularizer() {
            public double value(INDArray w) { return lambda * w.norm1Number().doubleValue(); }
            public void prox(INDArray v, double t, INDArray out) {
                INDArray shrunk = Transforms.abs(v, true).subi(lambda / t);
                Transforms.max(shrunk, 0.0, false);
                out.assign(shrunk.muli(Transforms.sign(v, true)));
            }
            public void subgradient(INDArray w, INDArray out) { out.assign(Transforms.sign(w, true).muli(lambda)); }
            public String toString() { return "l1"; }
        };
    }

    static final List<QuasilinearActivation> ACTIVATIONS = List.of(RELU, IDENTITY, TANH);
    static final List<Regularizer> REGULARIZERS = List.of(NONE, l2(0.1), l1(0.05));

    /** A random problem: x ~ U(-1, 1), y one-hot of random classes, seeded. */
    static Problem problem(DataType dtype, int n, Loss loss, Regularizer reg, QuasilinearActivation act, long seed,
            int... widths) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, widths[0], n).muli(2).subi(1).castTo(dtype);
        INDArray y = Nd4j.zeros(dtype, widths[widths.length - 1], n);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            y.putScalar(r.nextInt(widths[widths.length - 1]), i, 1.0);
        }
        return Problem.uniform(NetworkSpec.of(widths), new TrainingData(x, y), loss, reg, act, seed);
    }

    static Map<String, Object> unused() { return Map.of(); }
}
