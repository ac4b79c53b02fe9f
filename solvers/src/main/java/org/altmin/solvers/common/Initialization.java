package org.altmin.solvers.common;

import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded weight initialization: {@code W_l ~ N(0, sigma_l^2)} entrywise, {@code b_l = 0}. The numbers come from
 * a {@link SplittableRandom} seeded by the caller (derive it with {@link org.altmin.api.Seeds#split}), so they
 * are the same on every ND4J backend and dtype.
 *
 * @param scheme how sigma_l depends on the fan-in {@code n_{l-1}} and fan-out {@code n_l}
 * @param scale  a multiplier on sigma (1 for the textbook schemes)
 */
public record Initialization(Scheme scheme, double scale) {
    public static final double DEFAULT_SCALE = 1.0;

    public Initialization {
        Validate.positive("Initialization", "scale", scale);
        if (scheme == null) {
            throw InvalidParameterException.of("Initialization", "scheme", "null", "one of HE, XAVIER, UNIT");
        }
    }

    /** sigma_l as a function of fan-in and fan-out. */
    public enum Scheme {
        /** He et al. 2015: sqrt(2 / fan_in), for ReLU-like activations. */
        HE,
        /** Glorot and Bengio 2010: sqrt(2 / (fan_in + fan_out)), for tanh/sigmoid-like activations. */
        XAVIER,
        /** sigma = 1 (times scale). */
        UNIT;

        double sigma(int fanIn, int fanOut) {
            return switch (this) {
                case HE -> Math.sqrt(2.0 / fanIn);
                case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
                case UNIT -> 1.0;
            };
        }
    }

    /** W_l ({@code n_l x n_{l-1}}) for layer l of the network, drawn from {@code random}. */
    public INDArray weights(NetworkSpec network, int l, DataType dtype, SplittableRandom random) {
        int rows = network.width(l);
        int cols = network.width(l - 1);
        double sigma = scale * scheme.sigma(cols, rows);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = sigma * random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE).castTo(dtype);
    }

    /** Writes fresh W_1..W_L into {@code weights[l]} and zeros into {@code biases[l]}, in place. */
    public void initialize(NetworkSpec network, java.util.List<INDArray> weights, java.util.List<INDArray> biases,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 1; l <= network.layers(); l++) {
            INDArray w = weights.get(l - 1);
            w.assign(weights(network, l, w.dataType(), random));
            biases.get(l - 1).assign(0);
        }
    }
}
