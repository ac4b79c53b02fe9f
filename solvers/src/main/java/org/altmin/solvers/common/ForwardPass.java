package org.altmin.solvers.common;

import java.util.List;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Problem;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The plain forward pass {@code z_l = W_l a_{l-1} + b_l}, {@code a_l = h_l(z_l)} of one data set, with every
 * buffer allocated once at construction and reused by each call (the evaluation runs every iteration on the
 * full training set). Not thread-safe.
 *
 * <p>Accuracy counts a column as correct when the output at the target's hot entry equals the column maximum
 * (ties count as correct); it assumes one-hot targets.
 */
public final class ForwardPass {
    private final Problem problem;
    private final INDArray x;
    private final INDArray y;
    private final INDArray[] out;
    private final INDArray scratch;
    private final INDArray row;

    public ForwardPass(Problem problem, INDArray x, INDArray y) {
        this.problem = problem;
        this.x = Validate.shape("ForwardPass", "x", x, problem.network().inputs(), x.columns());
        this.y = Validate.shape("ForwardPass", "y", y, problem.network().outputs(), x.columns());
        int layers = problem.layers();
        long n = x.columns();
        out = new INDArray[layers + 1];
        for (int l = 1; l <= layers; l++) {
            out[l] = Nd4j.create(x.dataType(), problem.network().width(l), n);
        }
        scratch = Nd4j.create(x.dataType(), problem.network().outputs(), n);
        row = Nd4j.create(x.dataType(), n);
    }

    /** Mean per-sample loss and accuracy of a forward pass. */
    public record Evaluation(double meanLoss, double accuracy) {}

    /**
     * Runs the forward pass with W_1..W_L and b_1..b_L (index 0 is layer 1) and returns {@code z_L}: a buffer
     * owned by this object, overwritten by the next call.
     */
    public INDArray output(List<INDArray> weights, List<INDArray> biases) {
        int layers = problem.layers();
        if (weights.size() != layers || biases.size() != layers) {
            throw InvalidParameterException.of("ForwardPass", "weights.size", weights.size() + "/" + biases.size(),
                    "L = " + layers);
        }
        INDArray previous = x;
        for (int l = 1; l <= layers; l++) {
            Nd4j.gemm(weights.get(l - 1), previous, out[l], false, false, 1.0, 0.0);
            out[l].addiColumnVector(biases.get(l - 1));
            if (l < layers) {
                problem.activation(l).apply(out[l], out[l]);
            }
            previous = out[l];
        }
        return out[layers];
    }

    /** Forward pass, then the mean per-sample loss {@code R(z_L; y) / N} and the accuracy. */
    public Evaluation evaluate(List<INDArray> weights, List<INDArray> biases) {
        INDArray zL = output(weights, biases);
        double meanLoss = problem.loss().value(zL, y) / x.columns();
        return new Evaluation(meanLoss, accuracy(zL, y, scratch, row));
    }

    /** Fraction of columns of {@code z} whose maximum is at the hot entry of {@code y}; uses the given buffers. */
    static double accuracy(INDArray z, INDArray y, INDArray scratch, INDArray row) {
        Nd4j.getExecutioner().exec(new Max(z, row, 0));
        scratch.assign(z).subiRowVector(row).muli(y);
        // Each column of scratch now holds z[label] - max(z) at the label and 0 elsewhere: 0 iff correct.
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.Sum(scratch, row, 0));
        long correct = row.scan(Conditions.greaterThanOrEqual(0)).longValue();
        return (double) correct / z.columns();
    }
}
