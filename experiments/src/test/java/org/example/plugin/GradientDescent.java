package org.example.plugin;

import java.util.List;
import java.util.Optional;
import org.altmin.api.BlockStep;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.ObjectiveTerms;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.altmin.api.TrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Full-batch gradient descent on a one-layer (linear) model {@code z = W x + b} with the problem's loss and
 * regularizer: the smallest real optimizer that exercises the whole CLI path. {@code rho} is unused by the
 * algorithm but validated like DLAM's penalty, so that tests can check that a bad optimizer parameter is
 * rejected before a run directory exists. {@code failAt > 0} declares divergence at that iteration, for testing
 * the DIVERGED path.
 */
public final class GradientDescent implements Optimizer {
    public static final String NAME = "test-gd";
    public static final double DEFAULT_RATE = 0.5;
    public static final double DEFAULT_RHO = 1.0;

    private final double rate;
    private final double rho;
    private final int failAt;

    public GradientDescent(double rate, double rho, int failAt) {
        this.rate = rate;
        this.rho = rho;
        this.failAt = failAt;
    }

    @Override
    public String name() {
        return NAME;
    }

    public double rho() {
        return rho;
    }

    @Override
    public TrainingResult fit(Problem problem, int iterations, IterationListener listener) {
        if (problem.layers() != 1) {
            throw InvalidParameterException.of(NAME, "network.layers", problem.layers(), "1 (a linear model: --widths none)");
        }
        INDArray x = problem.data().x();
        INDArray y = problem.data().y();
        State state = State.zeros(problem.network(), x);
        INDArray w = state.w(1);
        INDArray b = state.b(1);
        double n = problem.data().samples();
        listener.onStart(problem, state);
        IterationRecord last = record(problem, state, 0, BlockStep.NONE, BlockStep.NONE, 0L);
        listener.onIteration(last, state);
        for (int k = 1; k <= iterations; k++) {
            long t0 = System.nanoTime();
            INDArray z = w.mmul(x).addiColumnVector(b);
            INDArray g = problem.loss().gradient(z, y);
            INDArray gradW = g.mmul(x.transpose()).divi(n).addi(problem.regularizer(1).subgradient(w));
            INDArray gradB = g.sum(1).reshape(b.shape()).divi(n);
            w.subi(gradW.mul(rate));
            b.subi(gradB.mul(rate));
            long nanos = System.nanoTime() - t0;
            double stepW = Math.pow(rate * gradW.norm2Number().doubleValue(), 2);
            double stepB = Math.pow(rate * gradB.norm2Number().doubleValue(), 2);
            last = record(problem, state, k, new BlockStep(stepW, 0, rate, false, nanos),
                    new BlockStep(stepB, 0, rate, false, 0L), nanos);
            listener.onIteration(last, state);
            if (k == failAt) {
                TrainingResult result = new TrainingResult(TrainingResult.Status.DIVERGED,
                        "test-gd: divergence declared at iteration " + k + " (failAt)", k, state.weights(),
                        state.biases(), Optional.of(last));
                listener.onEnd(result);
                return result;
            }
        }
        TrainingResult result = new TrainingResult(TrainingResult.Status.MAX_ITERATIONS, "iteration budget reached",
                iterations, state.weights(), state.biases(), Optional.of(last));
        listener.onEnd(result);
        return result;
    }

    private static IterationRecord record(Problem problem, State state, int k, BlockStep w, BlockStep b, long nanos) {
        INDArray x = problem.data().x();
        INDArray y = problem.data().y();
        INDArray z = state.w(1).mmul(x).addiColumnVector(state.b(1));
        double risk = problem.loss().value(z, y);
        double reg = problem.regularizer(1).value(state.w(1));
        double testLoss = Double.NaN;
        double testAcc = Double.NaN;
        if (problem.data().hasTest()) {
            INDArray zt = state.w(1).mmul(problem.data().xTest()).addiColumnVector(state.b(1));
            testLoss = problem.loss().value(zt, problem.data().yTest()) / problem.data().xTest().columns();
            testAcc = accuracy(zt, problem.data().yTest());
        }
        return new IterationRecord(k, ObjectiveTerms.riskOnly(risk, reg), risk / x.columns(), accuracy(z, y),
                testLoss, testAcc, List.of(new LayerStats(1, 0.0, w, b, BlockStep.NONE, BlockStep.NONE)), nanos);
    }

    static double accuracy(INDArray z, INDArray y) {
        INDArray predicted = z.argMax(0);
        INDArray actual = y.argMax(0);
        return predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    }
}
