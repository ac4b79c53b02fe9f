package org.example.plugin;

import org.altmin.api.Loss;
import org.altmin.api.ProxReport;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Softmax cross-entropy over the rows of each column, summed over columns (the api convention). */
public final class SoftmaxCrossEntropy implements Loss {
    public static final String NAME = "test-softmax-ce";

    /** Column-wise softmax, shifted by the column max for stability. */
    static INDArray softmax(INDArray z) {
        INDArray shifted = z.subRowVector(z.max(0));
        INDArray e = Transforms.exp(shifted, true);
        return e.divRowVector(e.sum(0));
    }

    @Override
    public double value(INDArray z, INDArray y) {
        INDArray shifted = z.subRowVector(z.max(0));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(0), false);
        // -sum_j y_j (z_j - max) + log sum exp(z - max), per column; y sums to 1 per column.
        return logSumExp.sumNumber().doubleValue() - shifted.mul(y).sumNumber().doubleValue();
    }

    @Override
    public void gradient(INDArray z, INDArray y, INDArray out) {
        out.assign(softmax(z).subi(y));
    }

    @Override
    public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
        throw new UnsupportedOperationException("test-softmax-ce has no prox: only test-gd uses it");
    }
}
