package org.altmin.solvers.sgd;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.altmin.api.TrainingData;
import org.altmin.api.kernels.Segments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training set in a fresh seeded order each epoch, cut into minibatches. Minibatch i is gathered on demand
 * into a batch buffer allocated once, in column-major order so that the last, smaller batch is a contiguous view of
 * it: sample j is column j, a contiguous run of the column-major data, so the gather is one bulk copy per sample
 * through the NIO views of the buffers ({@link #gather}), on the calling thread. ({@code Nd4j.pullRows} along
 * dimension 0, the fallback for data that are not one flat buffer, does the same copy but parallelizes it with
 * OpenMP, whose threads cost more to wake for a batch than the copy itself.)
 *
 * <p>The gather reads whole columns, so it wants column-major data: a row-major x is copied once into
 * column-major order at construction (measured on 20000 x 784 FLOAT, one OpenMP thread, one epoch's gather
 * took 135-170 ms from row-major and 22-25 ms from column-major data, and 1.6-2 s with allocating
 * {@code getColumns}; a per-epoch gather of the whole set was about as fast but needs a second copy of it; see
 * {@code SgdBench}). Give column-major data to avoid the copy.
 * Not thread-safe.
 */
final class Minibatches {
    private final INDArray x;
    private final INDArray y;
    private final int[] order;
    private final int[][] indices;
    private final INDArray fullX;
    private final INDArray fullY;
    private final INDArray lastX;
    private final INDArray lastY;
    private final long seed;
    private SplittableRandom random;
    /** How many orders have been drawn: the position of the seeded stream. */
    private long shuffles;
    private INDArray currentX;
    private INDArray currentY;

    Minibatches(TrainingData data, int batchSize, long seed) {
        x = columnMajor(data.x());
        y = columnMajor(data.y());
        int n = data.samples();
        int size = Math.min(batchSize, n);
        int count = (n + size - 1) / size;
        indices = new int[count][];
        for (int i = 0; i < count; i++) {
            indices[i] = new int[Math.min(n, (i + 1) * size) - i * size];
        }
        int last = indices[count - 1].length;
        fullX = Nd4j.create(x.dataType(), new long[] {x.rows(), size}, 'f');
        fullY = Nd4j.create(y.dataType(), new long[] {y.rows(), size}, 'f');
        lastX = last == size ? fullX : fullX.get(NDArrayIndex.all(), NDArrayIndex.interval(0, last));
        lastY = last == size ? fullY : fullY.get(NDArrayIndex.all(), NDArrayIndex.interval(0, last));
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.seed = seed;
        random = new SplittableRandom(seed);
    }

    private static INDArray columnMajor(INDArray a) {
        return a.ordering() == 'f' && !a.isView() ? a : a.dup('f');
    }

    /** Draws a new order (Fisher-Yates, continuing the seeded stream) and cuts it into the batches' indices. */
    void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        shuffles++;
        int from = 0;
        for (int[] batch : indices) {
            System.arraycopy(order, from, batch, 0, batch.length);
            from += batch.length;
        }
    }

    /** How many orders {@link #shuffle()} has drawn so far. */
    long shuffles() {
        return shuffles;
    }

    /**
     * Moves the order and the seeded stream to where they were after {@code count} shuffles, by drawing them again
     * from the seed: {@link SplittableRandom} exposes no state to save, and its stream is a function of the seed
     * and the draws (n - 1 bounded draws per shuffle, O(n) each, like an epoch's gather).
     */
    void restore(long count) {
        random = new SplittableRandom(seed);
        shuffles = 0;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (long i = 0; i < count; i++) {
            shuffle();
        }
    }

    int count() {
        return indices.length;
    }

    /** Gathers minibatch i of the current order into the batch buffers ({@link #x()}, {@link #y()}). */
    void load(int i) {
        boolean last = i == indices.length - 1;
        currentX = last ? lastX : fullX;
        currentY = last ? lastY : fullY;
        gather(x, currentX, indices[i]);
        gather(y, currentY, indices[i]);
    }

    /**
     * {@code into[:, k] = from[:, columns[k]]} for the column-major {@code from} (one flat buffer) and {@code into}
     * (the batch buffer or its first-columns view, which starts at offset 0): the same values {@code pullRows}
     * copies, bit for bit.
     */
    static void gather(INDArray from, INDArray into, int[] columns) {
        if (!Segments.flat(from) || from.ordering() != 'f' || into.ordering() != 'f' || into.offset() != 0
                || into.dataType() != from.dataType() || into.stride(1) != from.rows() || into.stride(0) != 1) {
            Nd4j.pullRows(from, into, 0, columns);
            return;
        }
        int rows = (int) from.rows();
        if (from.dataType() == DataType.FLOAT) {
            FloatBuffer src = from.data().asNioFloat();
            FloatBuffer dst = into.data().asNioFloat();
            float[] column = new float[rows];
            for (int k = 0; k < columns.length; k++) {
                src.get(columns[k] * rows, column, 0, rows);
                dst.put(k * rows, column, 0, rows);
            }
        } else {
            DoubleBuffer src = from.data().asNioDouble();
            DoubleBuffer dst = into.data().asNioDouble();
            double[] column = new double[rows];
            for (int k = 0; k < columns.length; k++) {
                src.get(columns[k] * rows, column, 0, rows);
                dst.put(k * rows, column, 0, rows);
            }
        }
    }

    /** Features of the loaded minibatch, {@code n_0 x m} (a buffer, overwritten by the next {@link #load}). */
    INDArray x() {
        return currentX;
    }

    /** Targets of the loaded minibatch, {@code n_L x m}. */
    INDArray y() {
        return currentY;
    }
}
