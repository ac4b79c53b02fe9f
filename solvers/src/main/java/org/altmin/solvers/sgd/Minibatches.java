package org.altmin.solvers.sgd;

import java.util.SplittableRandom;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training set in a fresh seeded order each epoch, cut into minibatches of consecutive columns. Each epoch
 * gathers all columns once ({@code Nd4j.pullRows} along dimension 0, one native call) into a shuffled copy kept in
 * column-major order, so every minibatch is a contiguous column view made once at construction: no per-batch
 * gather and no per-batch allocation. The price is one copy of the training set.
 */
final class Minibatches {
    private final INDArray x;
    private final INDArray y;
    private final INDArray shuffledX;
    private final INDArray shuffledY;
    private final INDArray[] batchX;
    private final INDArray[] batchY;
    private final int[] order;
    private final SplittableRandom random;

    Minibatches(TrainingData data, int batchSize, long seed) {
        x = data.x();
        y = data.y();
        int n = data.samples();
        shuffledX = Nd4j.create(x.dataType(), new long[] {x.rows(), n}, 'f');
        shuffledY = Nd4j.create(y.dataType(), new long[] {y.rows(), n}, 'f');
        int count = (n + batchSize - 1) / batchSize;
        batchX = new INDArray[count];
        batchY = new INDArray[count];
        for (int i = 0; i < count; i++) {
            int from = i * batchSize;
            int to = Math.min(n, from + batchSize);
            batchX[i] = shuffledX.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
            batchY[i] = shuffledY.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
        }
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        random = new SplittableRandom(seed);
    }

    /** Draws a new order (Fisher-Yates, continuing the seeded stream) and gathers the columns in it. */
    void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        Nd4j.pullRows(x, shuffledX, 0, order);
        Nd4j.pullRows(y, shuffledY, 0, order);
    }

    int count() {
        return batchX.length;
    }

    /** Features of minibatch i, {@code n_0 x m} (a view, valid until the next {@link #shuffle()}). */
    INDArray x(int i) {
        return batchX[i];
    }

    /** Targets of minibatch i, {@code n_L x m}. */
    INDArray y(int i) {
        return batchY[i];
    }
}
