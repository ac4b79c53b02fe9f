package org.altmin.solvers.admm;

import java.util.List;
import java.util.Random;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.altmin.losses.NoRegularizer;
import org.altmin.solvers.core.Sweep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded tiny problems and independent (plain-Java) computations for the ADMM tests. */
final class Fixtures {
    private Fixtures() {}

    /** x ~ N(0, 1), y one-hot of random classes; all seeded. */
    static Problem random(DataType dtype, int n, Loss loss, Regularizer reg, QuasilinearActivation act, long seed,
            int... widths) {
        Random r = new Random(seed);
        double[][] x = new double[widths[0]][n];
        for (double[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = r.nextGaussian();
            }
        }
        int classes = widths[widths.length - 1];
        double[][] y = new double[classes][n];
        for (int i = 0; i < n; i++) {
            y[r.nextInt(classes)][i] = 1.0;
        }
        return Problem.uniform(NetworkSpec.of(widths), new TrainingData(matrix(x, dtype), matrix(y, dtype)), loss, reg,
                act, seed);
    }

    /**
     * {@code classes} Gaussian blobs in {@code features} dimensions: centres at distance about 4 from the origin
     * (random directions), unit spread, {@code perClass} training and as many test samples per class.
     */
    static Problem blobs(DataType dtype, int classes, int features, int perClass, Loss loss, QuasilinearActivation act,
            long seed, int... hidden) {
        Random r = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            double norm = 0;
            for (int j = 0; j < features; j++) {
                c[j] = r.nextGaussian();
                norm += c[j] * c[j];
            }
            for (int j = 0; j < features; j++) {
                c[j] *= 4.0 / Math.sqrt(norm);
            }
        }
        INDArray[] train = blobSamples(centres, perClass, r, dtype);
        INDArray[] test = blobSamples(centres, perClass, r, dtype);
        int[] widths = new int[hidden.length + 2];
        widths[0] = features;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = classes;
        return Problem.uniform(NetworkSpec.of(widths), new TrainingData(train[0], train[1], test[0], test[1]), loss,
                new NoRegularizer(), act, seed);
    }

    private static INDArray[] blobSamples(double[][] centres, int perClass, Random r, DataType dtype) {
        int classes = centres.length;
        int features = centres[0].length;
        int n = classes * perClass;
        double[][] x = new double[features][n];
        double[][] y = new double[classes][n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            y[c][i] = 1.0;
            for (int j = 0; j < features; j++) {
                x[j][i] = centres[c][j] + r.nextGaussian();
            }
        }
        return new INDArray[] {matrix(x, dtype), matrix(y, dtype)};
    }

    static INDArray matrix(double[][] values, DataType dtype) {
        return Nd4j.createFromArray(values).castTo(dtype);
    }

    /** A started context moved {@code sweeps} full iterations (with multiplier updates) from its start. */
    static AdmmContext moved(Problem problem, AdmmConfig config, int sweeps) {
        AdmmSession session = new AdmmSession(problem, config);
        for (int k = 1; k <= sweeps; k++) {
            Sweep sweep = session.iterate(k);
            if (sweep.failure() != null) {
                throw new AssertionError(sweep.failure());
            }
        }
        return session.context();
    }

    /** A plain-Java copy. */
    static double[][] get(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** {@code a b} in plain Java. */
    static double[][] times(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        int inner = b.length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inner; k++) {
                double v = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] += v * b[k][j];
                }
            }
        }
        return out;
    }

    static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    /** {@code ||a - b||_F^2}. */
    static double distanceSq(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                double d = a[i][j] - b[i][j];
                s += d * d;
            }
        }
        return s;
    }

    static double normSq(double[][] a) {
        return distanceSq(a, new double[a.length][a[0].length]);
    }

    /** The largest absolute entry. */
    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** {@code h} applied entrywise, via its scalar form. */
    static double[][] apply(QuasilinearActivation h, double[][] z) {
        double[][] out = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[0].length; j++) {
                out[i][j] = h.apply(z[i][j]);
            }
        }
        return out;
    }

    /** A random matrix of the given shape with N(0, scale^2) entries. */
    static double[][] gaussian(Random r, int rows, int cols, double scale) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * r.nextGaussian();
            }
        }
        return out;
    }

    static double[][] plus(double[][] a, double[][] b, double t) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + t * b[i][j];
            }
        }
        return out;
    }

    static List<Double> perturbationScales() {
        return List.of(1e-4, 1e-2, 1.0);
    }
}
