package org.altmin.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.api.ops.impl.reduce.same.AMax;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Column (per-sample) reductions of a {@code classes x N} array into a preallocated {@code 1 x N} row, and the
 * numerically stable column softmax. Nothing here allocates an array of the input's size.
 */
final class Columns {
    private Columns() {}

    /** {@code row_i <- max_j x_ji}. */
    static INDArray max(INDArray x, INDArray row) {
        Nd4j.getExecutioner().exec(new Max(x, row, true, 0));
        return row;
    }

    /** {@code row_i <- max_j |x_ji|}. */
    static INDArray amax(INDArray x, INDArray row) {
        Nd4j.getExecutioner().exec(new AMax(x, row, true, new int[] {0}));
        return row;
    }

    /** {@code row_i <- sum_j x_ji}. */
    static INDArray sum(INDArray x, INDArray row) {
        Nd4j.getExecutioner().exec(new Sum(x, row, true, 0));
        return row;
    }

    /** {@code row_i <- ||x_:,i||_2}. */
    static INDArray norm2(INDArray x, INDArray row) {
        Nd4j.getExecutioner().exec(new Norm2(x, row, true, 0));
        return row;
    }

    /**
     * {@code out <- softmax(z)} column by column, by libnd4j's fused softmax op along dimension 0, which subtracts
     * the column maximum before {@code exp} (so every exponent is {@code <= 0} and nothing overflows). It is about
     * three times faster here than composing max, subtract, exp, sum and divide. {@code out} may be {@code z}.
     */
    static void softmax(INDArray z, INDArray out) {
        Nd4j.exec(new SoftMax(z, out, 0));
    }
}
