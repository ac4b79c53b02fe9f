package org.altmin.verification.checks;

import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test points for the property checks, all in DOUBLE and all drawn from a caller's {@link SplittableRandom}
 * (never a global RNG), so a check is reproducible from its seed.
 *
 * <p>Random points alone rarely land where implementations break (at 0, at a kink, where an exponential
 * saturates), so every generator mixes uniform draws at several scales with the {@link #EDGE_VALUES} and with
 * points a hair away from them.
 */
public final class TestPoints {
    /** Values where components typically have kinks, saturate, or lose precision. */
    public static final double[] EDGE_VALUES = {0.0, 1e-8, -1e-8, 1.0, -1.0, 1e3, -1e3};

    /** Magnitudes of the uniform draws: a point's entries are uniform in {@code [-s, s]} for one of these. */
    public static final double[] SCALES = {1e-3, 1e-1, 1.0, 10.0, 1e3};

    /** Probability that a scalar draw is an edge value (exactly, or perturbed by {@link #NEAR_EDGE}). */
    public static final double EDGE_PROBABILITY = 0.3;

    /** Relative perturbation of a "near edge" draw: just left or right of a kink. */
    public static final double NEAR_EDGE = 1e-9;

    private TestPoints() {}

    /** One scalar: an edge value, a point next to one, or a uniform draw at a random scale. */
    public static double scalar(SplittableRandom rng) {
        double u = rng.nextDouble();
        if (u < EDGE_PROBABILITY / 2) {
            return EDGE_VALUES[rng.nextInt(EDGE_VALUES.length)];
        }
        if (u < EDGE_PROBABILITY) {
            double e = EDGE_VALUES[rng.nextInt(EDGE_VALUES.length)];
            return e + (rng.nextBoolean() ? 1 : -1) * NEAR_EDGE * Math.max(1.0, Math.abs(e));
        }
        return uniformAtScale(rng, SCALES[rng.nextInt(SCALES.length)]);
    }

    /** Uniform in {@code [-scale, scale]}. */
    public static double uniformAtScale(SplittableRandom rng, double scale) {
        return scale * (2 * rng.nextDouble() - 1);
    }

    /**
     * A {@code rows x cols} DOUBLE matrix in one of three styles, chosen at random: all entries at one common scale,
     * each entry at its own scale (mixed magnitudes within one matrix), or entries from {@link #scalar}.
     */
    public static INDArray matrix(SplittableRandom rng, long rows, long cols) {
        checkShape(rows, cols);
        double[][] m = new double[(int) rows][(int) cols];
        int style = rng.nextInt(3);
        double common = SCALES[rng.nextInt(SCALES.length)];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = switch (style) {
                    case 0 -> uniformAtScale(rng, common);
                    case 1 -> uniformAtScale(rng, SCALES[rng.nextInt(SCALES.length)]);
                    default -> scalar(rng);
                };
            }
        }
        return Nd4j.create(m);
    }

    /** A {@code rows x cols} DOUBLE matrix with entries uniform in {@code [-scale, scale]}. */
    public static INDArray matrixAtScale(SplittableRandom rng, long rows, long cols, double scale) {
        checkShape(rows, cols);
        Validate.positive("TestPoints", "scale", scale);
        double[][] m = new double[(int) rows][(int) cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = uniformAtScale(rng, scale);
            }
        }
        return Nd4j.create(m);
    }

    /** A DOUBLE array of the given shape with i.i.d. standard normal entries scaled to unit Frobenius norm. */
    public static INDArray direction(SplittableRandom rng, long... shape) {
        INDArray d = Nd4j.create(DataType.DOUBLE, shape);
        INDArray flat = d.reshape(d.length());
        for (long i = 0; i < d.length(); i++) {
            flat.putScalar(i, gaussian(rng));
        }
        if (flat != d) {
            d.assign(flat.reshape(shape));
        }
        double norm = d.norm2Number().doubleValue();
        return norm > 0 ? d.divi(norm) : direction(rng, shape);
    }

    /** A one-hot {@code classes x n} DOUBLE matrix (samples are columns) with uniformly random labels. */
    public static INDArray oneHot(SplittableRandom rng, int classes, int n) {
        Validate.atLeastOne("TestPoints", "classes", classes);
        Validate.atLeastOne("TestPoints", "n", n);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, classes, n);
        for (int j = 0; j < n; j++) {
            y.putScalar(rng.nextInt(classes), j, 1.0);
        }
        return y;
    }

    /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static void checkShape(long rows, long cols) {
        if (rows < 1 || rows > Integer.MAX_VALUE) {
            throw InvalidParameterException.of("TestPoints", "rows", rows, ">= 1");
        }
        if (cols < 1 || cols > Integer.MAX_VALUE) {
            throw InvalidParameterException.of("TestPoints", "cols", cols, ">= 1");
        }
    }
}
