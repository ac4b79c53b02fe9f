package org.altmin.solvers.common;

import java.util.List;
import org.altmin.api.Evaluation;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward-pass evaluation on the training set and, when there is one, the test set: the {@link Evaluation} every
 * optimizer reports per iteration. Buffers are allocated once. Not thread-safe.
 */
public final class Evaluator {
    private final ForwardPass train;
    private final ForwardPass test;

    public Evaluator(Problem problem) {
        train = new ForwardPass(problem, problem.data().x(), problem.data().y());
        test = problem.data().hasTest() ? new ForwardPass(problem, problem.data().xTest(), problem.data().yTest()) : null;
    }

    /** Train and test mean losses and accuracies of W_1..W_L, b_1..b_L; test values are NaN without a test set. */
    public Evaluation evaluate(List<INDArray> weights, List<INDArray> biases) {
        ForwardPass.Evaluation tr = train.evaluate(weights, biases);
        if (test == null) {
            return new Evaluation(tr.meanLoss(), tr.accuracy(), Double.NaN, Double.NaN);
        }
        ForwardPass.Evaluation te = test.evaluate(weights, biases);
        return new Evaluation(tr.meanLoss(), tr.accuracy(), te.meanLoss(), te.accuracy());
    }

    /**
     * {@link #evaluate(List, List)} with the training set's {@code W_1 x} given ({@link ForwardPass#output(List, List,
     * INDArray)}; empty for the GEMM): the same evaluation, bit for bit, when the product is what that GEMM gives.
     */
    public Evaluation evaluate(State state, java.util.Optional<INDArray> trainInputProduct) {
        ForwardPass.Evaluation tr = train.evaluate(state.weights(), state.biases(), trainInputProduct.orElse(null));
        if (test == null) {
            return new Evaluation(tr.meanLoss(), tr.accuracy(), Double.NaN, Double.NaN);
        }
        ForwardPass.Evaluation te = test.evaluate(state.weights(), state.biases());
        return new Evaluation(tr.meanLoss(), tr.accuracy(), te.meanLoss(), te.accuracy());
    }

    /** {@link #evaluate(List, List)} of the state's weights and biases. */
    public Evaluation evaluate(State state) {
        return evaluate(state.weights(), state.biases());
    }

    /** The training-set forward pass (e.g. to start DLAM from a feasible point). */
    public ForwardPass train() {
        return train;
    }
}
