package org.altmin.losses;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small seeded test data and plain-Java reference computations. */
final class Fixtures {
    private Fixtures() {}

    /** A rows x cols DOUBLE array with entries uniform in [-scale, scale]. */
    static INDArray uniform(SplittableRandom random, int rows, int cols, double scale) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * (2 * random.nextDouble() - 1);
            }
        }
        return Nd4j.createFromArray(values);
    }

    /** One-hot labels (classes x n), DOUBLE, with a random class per column. */
    static INDArray oneHot(SplittableRandom random, int classes, int n) {
        double[][] values = new double[classes][n];
        for (int i = 0; i < n; i++) {
            values[random.nextInt(classes)][i] = 1;
        }
        return Nd4j.createFromArray(values);
    }

    /** Soft labels: each column a random probability vector with positive entries. */
    static INDArray softLabels(SplittableRandom random, int classes, int n) {
        double[][] values = new double[classes][n];
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < classes; j++) {
                values[j][i] = 0.1 + random.nextDouble();
                total += values[j][i];
            }
            for (int j = 0; j < classes; j++) {
                values[j][i] /= total;
            }
        }
        return Nd4j.createFromArray(values);
    }

    static double[][] toArray(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** Central finite differences of f at x (x is restored afterwards), with step h. */
    static INDArray finiteDifferenceGradient(ToDoubleFunction<INDArray> f, INDArray x, double h) {
        INDArray grad = x.ulike();
        for (long r = 0; r < x.rows(); r++) {
            for (long c = 0; c < x.columns(); c++) {
                double original = x.getDouble(r, c);
                x.putScalar(r, c, original + h);
                double plus = f.applyAsDouble(x);
                x.putScalar(r, c, original - h);
                double minus = f.applyAsDouble(x);
                x.putScalar(r, c, original);
                grad.putScalar(r, c, (plus - minus) / (2 * h));
            }
        }
        return grad;
    }

    /** The largest absolute entry of a - b. */
    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** x + a random perturbation with entries uniform in [-size, size]. */
    static INDArray perturbed(SplittableRandom random, INDArray x, double size) {
        return x.add(uniform(random, x.rows(), x.columns(), size).castTo(x.dataType()));
    }
}
