package org.altmin.solvers.core;

import java.util.List;
import java.util.Optional;
import org.altmin.api.BlockReport;
import org.altmin.api.Evaluation;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.State;

/**
 * One run of an {@link IterativeOptimizer}: its variables, buffers and step memory, at the starting point when
 * {@link IterativeOptimizer#open} returns it. The skeleton calls {@link #iterate} and {@link #measure} once per
 * iteration and owns everything else (reports, evaluation, guards, stopping, the result). A session that also
 * implements {@link Resumable} can be checkpointed and resumed ({@link IterativeOptimizer#resumable()}).
 */
public interface Session {
    /** The live variables. */
    State state();

    /** Every block of an iteration with zero steps, in the order they run: the blocks of the iteration-0 report. */
    List<BlockReport> layout();

    /** Runs iteration {@code k >= 1}; never throws for a failing block (see {@link Sweep#failure()}). */
    Sweep iterate(int k);

    /** The objective and its terms at the current point (after {@code iterate(k)}, or at the start for k = 0). */
    Measurement measure(int k);

    /**
     * {@link #measure(int)} given the lifecycle's forward-pass evaluation of the same point, which a method whose
     * objective contains the training risk (SGD) may use instead of a forward pass of its own; ignores it by default.
     */
    default Measurement measure(int k, Evaluation evaluation) {
        return measure(k);
    }

    /**
     * Whether {@link #measure(int, Evaluation)} needs the lifecycle's evaluation at every iteration (SGD, whose
     * objective is the forward-pass training risk): then the lifecycle evaluates every iteration whatever its
     * evaluation stride. False by default.
     */
    default boolean needsEvaluation() {
        return false;
    }

    /**
     * {@code W_1 x} at the current W_1, bit for bit what the forward pass's GEMM {@code Nd4j.gemm(W_1, x, out)}
     * computes, when the session holds it (a product cache freshly computed from the current W_1,
     * {@link CouplingCache#inputProduct()}); the training-set evaluation then skips that GEMM, the largest of its
     * forward pass. Empty by default, and whenever the session's copy may differ from that GEMM in any bit.
     */
    default Optional<org.nd4j.linalg.api.ndarray.INDArray> inputProduct() {
        return Optional.empty();
    }

    /** The method's objective model at the current point, for the monitors; empty when it offers none. */
    default Optional<ObjectiveModel> model() {
        return Optional.empty();
    }

    /** Adds the method's context to a divergence diagnosis (e.g. SGD's learning rate); the identity by default. */
    default String explain(String diagnosis) {
        return diagnosis;
    }
}
