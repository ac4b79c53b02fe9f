package org.altmin.solvers.sgd;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Params;
import org.altmin.api.Validate;
import org.altmin.solvers.common.Initialization;

/**
 * The settings every SGD-family optimizer shares, validated on construction; each default is a named constant
 * (the default learning rate is the update rule's own, e.g. {@link Adam#DEFAULT_LEARNING_RATE}).
 *
 * @param optimizer    the registered name, for messages
 * @param learningRate lr, {@code > 0}
 * @param batchSize    samples per minibatch, {@code >= 1}; the last batch of an epoch holds the remainder
 *                     (a batch size above N means full-batch gradient descent)
 * @param decay        inverse-time decay: epoch k (1-based) uses {@code lr_k = lr / (1 + decay (k - 1))}; 0 (the
 *                     default) keeps lr fixed; {@code >= 0}
 * @param initScheme   the distribution of W^0 (see {@link Initialization}; b^0 = 0)
 * @param initScale    the multiplier on the init's standard deviation, {@code > 0}
 */
public record SgdSettings(
        String optimizer, double learningRate, int batchSize, double decay, Initialization.Scheme initScheme,
        double initScale) {
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final double DEFAULT_DECAY = 0.0;
    public static final Initialization.Scheme DEFAULT_INIT_SCHEME = Initialization.Scheme.HE;
    public static final double DEFAULT_INIT_SCALE = 1.0;

    public SgdSettings {
        if (optimizer == null || optimizer.isBlank()) {
            throw InvalidParameterException.of("SgdSettings", "optimizer", optimizer, "a non-blank name");
        }
        Validate.positive(optimizer, "learningRate", learningRate);
        Validate.atLeastOne(optimizer, "batchSize", batchSize);
        Validate.nonNegative(optimizer, "decay", decay);
        if (initScheme == null) {
            throw InvalidParameterException.of(optimizer, "init", "null", "one of HE, XAVIER, UNIT");
        }
        Validate.positive(optimizer, "initScale", initScale);
    }

    /** The defaults of an optimizer whose rule's default learning rate is {@code learningRate}. */
    public static SgdSettings defaults(String optimizer, double learningRate) {
        return new SgdSettings(optimizer, learningRate, DEFAULT_BATCH_SIZE, DEFAULT_DECAY, DEFAULT_INIT_SCHEME,
                DEFAULT_INIT_SCALE);
    }

    /**
     * Reads the numbers {@code learningRate, decay, initScale}, the integer {@code batchSize} and {@code init} by name
     * ({@code he}, {@code xavier} or {@code unit}, in any case; the same names as DLAM's).
     */
    public static SgdSettings fromParams(Params p, double defaultLearningRate) {
        return new SgdSettings(p.component(), p.get("learningRate", defaultLearningRate),
                p.getInt("batchSize", DEFAULT_BATCH_SIZE), p.get("decay", DEFAULT_DECAY),
                p.getEnum("init", DEFAULT_INIT_SCHEME), p.get("initScale", DEFAULT_INIT_SCALE));
    }

    /** lr_k of epoch k >= 1. */
    public double learningRateAt(int epoch) {
        return learningRate / (1 + decay * (epoch - 1));
    }

    /** The weight initialization. */
    public Initialization initialization() {
        return new Initialization(initScheme, initScale);
    }

    /** A copy with another learning rate and batch size. */
    public SgdSettings with(double newLearningRate, int newBatchSize) {
        return new SgdSettings(optimizer, newLearningRate, newBatchSize, decay, initScheme, initScale);
    }
}
