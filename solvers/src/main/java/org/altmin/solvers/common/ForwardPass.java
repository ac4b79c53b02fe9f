package org.altmin.solvers.common;

import java.util.List;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Problem;
import org.altmin.api.Validate;
import org.altmin.solvers.core.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain forward pass {@code z_l = W_l a_{l-1} + b_l}, {@code a_l = h_l(z_l)} of one data set, with every
 * buffer allocated once at construction and reused by each call (the evaluation runs every iteration on the
 * full training set). Not thread-safe.
 *
 * <p>Accuracy counts a column as correct when the column's first maximum (a tie goes to the lower index, as
 * {@code numpy.argmax}) is at the target's hot entry; it assumes one-hot targets. (Counting every tie as correct
 * would report 100% for a network whose outputs are all equal, e.g. at W = 0.)
 */
public final class ForwardPass {
    private final Problem problem;
    private final INDArray x;
    private final INDArray y;
    private final INDArray[] out;
    private final long[] labels;
    private final INDArray predicted;

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
        predicted = Nd4j.create(DataType.LONG, n);
        labels = labels(this.y);
    }

    /** Mean per-sample loss and accuracy of a forward pass. */
    public record Evaluation(double meanLoss, double accuracy) {}

    /**
     * Runs the forward pass with W_1..W_L and b_1..b_L (index 0 is layer 1) and returns {@code z_L}: a buffer
     * owned by this object, overwritten by the next call.
     */
    public INDArray output(List<INDArray> weights, List<INDArray> biases) {
        return output(weights, biases, null);
    }

    /**
     * {@link #output(List, List)} with layer 1's product {@code W_1 x} given ({@code inputProduct}, {@code n_1 x N}),
     * when the caller holds it bit for bit as this pass's GEMM would compute it (e.g. a solver's product cache
     * freshly computed from the current W_1): the pass then copies it instead of multiplying. Null for the GEMM.
     */
    public INDArray output(List<INDArray> weights, List<INDArray> biases, INDArray inputProduct) {
        int layers = problem.layers();
        if (weights.size() != layers || biases.size() != layers) {
            throw InvalidParameterException.of("ForwardPass", "weights.size", weights.size() + "/" + biases.size(),
                    "L = " + layers);
        }
        INDArray previous = x;
        if (inputProduct != null) {
            Validate.shape("ForwardPass", "inputProduct", inputProduct, out[1].rows(), out[1].columns());
        }
        for (int l = 1; l <= layers; l++) {
            if (l == 1 && inputProduct != null) {
                out[1].assign(inputProduct);
            } else {
                Blas.gemm(weights.get(l - 1), previous, out[l], false, false, 1.0, 0.0);
            }
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
        return evaluate(weights, biases, null);
    }

    /** {@link #evaluate(List, List)} with layer 1's product given, as {@link #output(List, List, INDArray)}. */
    public Evaluation evaluate(List<INDArray> weights, List<INDArray> biases, INDArray inputProduct) {
        INDArray zL = output(weights, biases, inputProduct);
        double meanLoss = problem.loss().value(zL, y) / x.columns();
        return new Evaluation(meanLoss, accuracy(zL, labels, predicted));
    }

    /** The hot index of each column of the one-hot {@code y}. */
    static long[] labels(INDArray y) {
        INDArray out = Nd4j.create(DataType.LONG, y.columns());
        Nd4j.exec(new ArgMax(new INDArray[] {y}, new INDArray[] {out}, false, 0));
        return out.toLongVector();
    }

    /**
     * Fraction of columns of {@code z} whose first maximum (as {@code numpy.argmax}: a tie goes to the lower index)
     * is at the label; {@code predicted} is a LONG buffer of length N for the column argmax.
     */
    static double accuracy(INDArray z, long[] labels, INDArray predicted) {
        Nd4j.exec(new ArgMax(new INDArray[] {z}, new INDArray[] {predicted}, false, 0));
        java.nio.LongBuffer p = predicted.data().asNioLong();
        long correct = 0;
        for (int j = 0; j < labels.length; j++) {
            if (p.get(j) == labels[j]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
