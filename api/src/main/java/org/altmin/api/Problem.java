package org.altmin.api;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A resolved training problem: the network, the data, and the component instances of Problem 2 — the risk R,
 * one regularizer per layer ({@code Omega_1..Omega_L}) and one activation per hidden layer ({@code h_1..h_{L-1}}).
 * The solver's own hyperparameters (rho, eps, ...) belong to the optimizer, not here.
 *
 * @param seed the master seed; each component derives its own stream with {@link Seeds#split}
 */
public record Problem(
        NetworkSpec network,
        TrainingData data,
        Loss loss,
        List<Regularizer> regularizers,
        List<QuasilinearActivation> activations,
        long seed) {
    private static final String COMPONENT = "Problem";

    public Problem {
        if (network == null || data == null || loss == null || regularizers == null || activations == null) {
            throw InvalidParameterException.of(COMPONENT, "components", "null", "all non-null");
        }
        int layers = network.layers();
        if (data.features() != network.inputs()) {
            throw InvalidParameterException.of(COMPONENT, "data.features", data.features(),
                    "equal to the network's input width " + network.inputs());
        }
        if (data.outputs() != network.outputs()) {
            throw InvalidParameterException.of(COMPONENT, "data.outputs", data.outputs(),
                    "equal to the network's output width " + network.outputs());
        }
        if (regularizers.size() != layers) {
            throw InvalidParameterException.of(COMPONENT, "regularizers.size", regularizers.size(),
                    "L = " + layers + " (one per weight layer)");
        }
        if (activations.size() != layers - 1) {
            throw InvalidParameterException.of(COMPONENT, "activations.size", activations.size(),
                    "L - 1 = " + (layers - 1) + " (one per hidden layer)");
        }
        regularizers = List.copyOf(regularizers);
        activations = List.copyOf(activations);
    }

    /** The same regularizer on every layer and the same activation on every hidden layer. */
    public static Problem uniform(NetworkSpec network, TrainingData data, Loss loss, Regularizer regularizer,
            QuasilinearActivation activation, long seed) {
        int layers = network.layers();
        return new Problem(network, data, loss, java.util.Collections.nCopies(layers, regularizer),
                java.util.Collections.nCopies(layers - 1, activation), seed);
    }

    /** L. */
    public int layers() {
        return network.layers();
    }

    /** Omega_l for 1 &lt;= l &lt;= L. */
    public Regularizer regularizer(int l) {
        return regularizers.get(l - 1);
    }

    /** h_l for 1 &lt;= l &lt; L. */
    public QuasilinearActivation activation(int l) {
        return activations.get(l - 1);
    }

    public DataType dtype() {
        return data.dtype();
    }
}
