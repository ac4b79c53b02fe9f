package org.altmin.api;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of {@link Optimizer#fit}: non-convergence is a result, not an exception.
 *
 * @param status     why the run ended
 * @param diagnosis  a human-readable explanation (e.g. which term became NaN at which iteration)
 * @param iterations iterations completed
 * @param weights    the learned W_1..W_L (index 0 is W_1)
 * @param biases     the learned b_1..b_L
 * @param last       the report of the last completed iteration, if any
 */
public record TrainingResult(
        Status status, String diagnosis, int iterations, List<INDArray> weights, List<INDArray> biases,
        Optional<IterationReport> last) {
    public TrainingResult {
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
    }

    /** Why a run ended. */
    public enum Status {
        /** The stopping criterion was met. */
        CONVERGED,
        /** The iteration budget ran out. */
        MAX_ITERATIONS,
        /** A non-finite or exploding value was detected; see the diagnosis. */
        DIVERGED,
        /** A listener stopped the run ({@link RunContext#requestStop}); the diagnosis gives its reason. */
        STOPPED
    }
}
