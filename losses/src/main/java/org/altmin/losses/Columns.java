package org.altmin.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Column (per-sample) reductions of a {@code classes x N} array into a preallocated {@code 1 x N} row, and the
 * numerically stable softmax built on them. Nothing here allocates an array of the input's size.
 */
final class Columns {
    private Columns() {}

    /** {@code row_i <- max_j x_ji}. */
    static INDArray max(INDArray x, INDArray row) {
        Nd4j.getExecutioner().exec(new Max(x, row, true, 0));
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
     * {@code out <- softmax(z)} column by column, stably: the column maximum is subtracted before {@code exp}, so
     * every exponent is {@code <= 0} and every column sum is in {@code [1, classes]}. Leaves the column maxima in
     * {@code max} and the sums of the shifted exponentials in {@code sum}. {@code out} may be {@code z}.
     */
    static void softmax(INDArray z, INDArray out, INDArray max, INDArray sum) {
        max(z, max);
        if (out != z) {
            out.assign(z);
        }
        out.subiRowVector(max);
        Transforms.exp(out, false);
        sum(out, sum);
        out.diviRowVector(sum);
    }
}
