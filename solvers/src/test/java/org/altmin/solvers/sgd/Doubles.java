package org.altmin.solvers.sgd;

import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Test doubles: the shipped losses, activations and regularizers live in other modules. */
final class Doubles {
    private Doubles() {}

    static final QuasilinearActivation TANH = new QuasilinearActivation() {
        public double apply(double z) { return Math.tanh(z); }
        public double derivative(double z) { double t = Math.tanh(z); return 1 - t * t; }
        public double lowerBound(double a, double eps) { return a - eps <= -1 ? Double.NEGATIVE_INFINITY : atanh(a - eps); }
        public double upperBound(double a, double eps) { return a + eps >= 1 ? Double.POSITIVE_INFINITY : atanh(a + eps); }
        public void apply(INDArray z, INDArray out) { out.assign(Transforms.tanh(z, true)); }
        public void derivative(INDArray z, INDArray out) {
            INDArray t = Transforms.tanh(z, true);
            out.assign(t.muli(t).rsubi(1));
        }
        private double atanh(double v) { return 0.5 * Math.log((1 + v) / (1 - v)); }
    };

    static final QuasilinearActivation RELU = new QuasilinearActivation() {
        public double apply(double z) { return Math.max(0, z); }
        public double derivative(double z) { return z > 0 ? 1 : 0; }
        public double lowerBound(double a, double eps) { return a - eps <= 0 ? Double.NEGATIVE_INFINITY : a - eps; }
        public double upperBound(double a, double eps) { return a + eps; }
        public void apply(INDArray z, INDArray out) { Nd4j.exec(new ScalarMax(z, null, out, 0.0)); }
        public void derivative(INDArray z, INDArray out) { Nd4j.exec(new Step(z, out, 0.0)); }
    };

    /** {@code (1/2)||z - y||^2}, summed over samples. */
    static final Loss HALF_SQUARE = new Loss() {
        public double value(INDArray z, INDArray y) {
            double norm = z.sub(y).norm2Number().doubleValue();
            return 0.5 * norm * norm;
        }
        public void gradient(INDArray z, INDArray y, INDArray out) { out.assign(z).subi(y); }
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            out.assign(v.mul(rho).add(y).div(1 + rho));
            return ProxReport.EXACT;
        }
    };

    static final Regularizer NONE = new Regularizer() {
        public double value(INDArray w) { return 0; }
        public void prox(INDArray v, double t, INDArray out) { out.assign(v); }
        public void subgradient(INDArray w, INDArray out) { out.assign(0); }
    };

    /** {@code lambda ||W||_1}; the prox is soft-thresholding at lambda / t. */
    static Regularizer l1(double lambda) {
        return new Regularizer() {
            public double value(INDArray w) { return lambda * w.norm1Number().doubleValue(); }
            public void prox(INDArray v, double t, INDArray out) {
                double threshold = lambda / t;
                INDArray shrunk = Transforms.abs(v, true).subi(threshold);
                shrunk = Transforms.relu(shrunk, false);
                out.assign(Transforms.sign(v, true).muli(shrunk));
            }
            public void subgradient(INDArray w, INDArray out) { out.assign(Transforms.sign(w, true).muli(lambda)); }
        };
    }

    /**
     * Three Gaussian blobs in the plane (std 0.5 around centers on a circle of radius 3), one-hot targets; the
     * sample order interleaves the classes.
     */
    static TrainingData blobs(int n, int nTest, long seed, DataType dtype) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        INDArray[] sets = new INDArray[4];
        for (int part = 0; part < 2; part++) {
            int count = part == 0 ? n : nTest;
            double[][] x = new double[2][count];
            double[][] y = new double[3][count];
            for (int i = 0; i < count; i++) {
                int c = i % 3;
                double angle = 2 * Math.PI * c / 3;
                x[0][i] = 3 * Math.cos(angle) + 0.5 * random.nextGaussian();
                x[1][i] = 3 * Math.sin(angle) + 0.5 * random.nextGaussian();
                y[c][i] = 1;
            }
            sets[2 * part] = Nd4j.createFromArray(x).castTo(dtype);
            sets[2 * part + 1] = Nd4j.createFromArray(y).castTo(dtype);
        }
        return new TrainingData(sets[0], sets[1], sets[2], sets[3]);
    }

    /** A 2-16-3 ReLU network on 150 + 60 blob samples. */
    static Problem blobProblem(long seed, DataType dtype) {
        return Problem.uniform(NetworkSpec.of(2, 16, 3), blobs(150, 60, 11, dtype), HALF_SQUARE, NONE, RELU, seed);
    }
}
