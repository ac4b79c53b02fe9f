package org.altmin.solvers.common;

import java.util.List;
import org.altmin.api.Problem;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward-pass evaluation on the training set and, when there is one, the test set: what every optimizer
 * reports per iteration ({@link org.altmin.api.IterationRecord#trainAccuracy()} etc.). Buffers are allocated
 * once. Not thread-safe.
 */
public final class Evaluator {
    private final ForwardPass train;
    private final ForwardPass test;

    public Evaluator(Problem problem) {
        train = new ForwardPass(problem, problem.data().x(), problem.data().y());
        test = problem.data().hasTest() ? new ForwardPass(problem, problem.data().xTest(), problem.data().yTest()) : null;
    }

    /** Train and test mean losses and accuracies; test values are NaN without a test set. */
    public record Result(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {}

    public Result evaluate(List<INDArray> weights, List<INDArray> biases) {
        ForwardPass.Evaluation tr = train.evaluate(weights, biases);
        if (test == null) {
            return new Result(tr.meanLoss(), tr.accuracy(), Double.NaN, Double.NaN);
        }
        ForwardPass.Evaluation te = test.evaluate(weights, biases);
        return new Result(tr.meanLoss(), tr.accuracy(), te.meanLoss(), te.accuracy());
    }

    /** The training-set forward pass (e.g. to start DLAM from a feasible point). */
    public ForwardPass train() {
        return train;
    }
}
