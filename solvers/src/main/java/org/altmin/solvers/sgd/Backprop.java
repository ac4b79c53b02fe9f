package org.altmin.solvers.sgd;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Problem;
import org.altmin.api.kernels.Segments;
import org.altmin.solvers.core.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Backpropagation (D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning representations by
 * back-propagating errors", Nature 323, 1986) of the <em>mean</em> minibatch loss {@code R(z_L; y) / m} through
 * {@code z_l = W_l a_{l-1} + b_l}, {@code a_l = h_l(z_l)}: since every {@link org.altmin.api.Loss} sums over
 * samples, its gradient is divided by the batch size m, so that the step size does not depend on m.
 * <pre>
 *   delta_L = grad R(z_L; y) / m
 *   grad W_l = delta_l a_{l-1}^T,   grad b_l = delta_l 1
 *   delta_{l-1} = (W_l^T delta_l) .* h'_{l-1}(z_{l-1})
 * </pre>
 *
 * <p>All buffers (pre-activations, activations, deltas, gradients) are allocated once for {@code capacity}
 * columns, in column-major ('f') order so that the first m columns of each are a contiguous view: a smaller
 * (last) batch uses views made once per batch size and cached. Not thread-safe.
 */
final class Backprop {
    private final Problem problem;
    private final int layers;
    private final int capacity;
    private final Columns full;
    private final Map<Integer, Columns> partial = new HashMap<>();
    private final INDArray[] gradW;
    private final INDArray[] gradB;

    /** The per-batch buffers, or views of their first m columns. Index l is layer l; a[0] is unused (a_0 = x). */
    private record Columns(INDArray[] z, INDArray[] a, INDArray[] delta, INDArray ones) {
        Columns firstColumns(int m) {
            int layers = z.length - 1;
            INDArray[] vz = new INDArray[layers + 1];
            INDArray[] va = new INDArray[layers + 1];
            INDArray[] vd = new INDArray[layers + 1];
            for (int l = 1; l <= layers; l++) {
                vz[l] = first(z[l], m);
                vd[l] = first(delta[l], m);
                va[l] = a[l] == null ? null : first(a[l], m);
            }
            return new Columns(vz, va, vd, ones.get(NDArrayIndex.interval(0, m), NDArrayIndex.all()));
        }

        private static INDArray first(INDArray array, int m) {
            return array.get(NDArrayIndex.all(), NDArrayIndex.interval(0, m));
        }
    }

    Backprop(Problem problem, int capacity) {
        this.problem = problem;
        this.layers = problem.layers();
        this.capacity = capacity;
        DataType dtype = problem.dtype();
        INDArray[] z = new INDArray[layers + 1];
        INDArray[] a = new INDArray[layers + 1];
        INDArray[] delta = new INDArray[layers + 1];
        gradW = new INDArray[layers + 1];
        gradB = new INDArray[layers + 1];
        for (int l = 1; l <= layers; l++) {
            long width = problem.network().width(l);
            z[l] = Nd4j.create(dtype, new long[] {width, capacity}, 'f');
            delta[l] = Nd4j.create(dtype, new long[] {width, capacity}, 'f');
            if (l < layers) {
                a[l] = Nd4j.create(dtype, new long[] {width, capacity}, 'f');
            }
            gradW[l] = Nd4j.create(dtype, width, problem.network().width(l - 1));
            gradB[l] = Nd4j.create(dtype, width, 1);
        }
        full = new Columns(z, a, delta, Nd4j.ones(dtype, capacity, 1));
    }

    /**
     * Computes the gradients of the mean loss of the minibatch {@code (x, y)} ({@code n_0 x m} and
     * {@code n_L x m}, {@code 1 <= m <= capacity}) at W_1..W_L, b_1..b_L (index 0 is layer 1) into
     * {@link #gradW(int)} and {@link #gradB(int)}.
     */
    void compute(List<INDArray> w, List<INDArray> b, INDArray x, INDArray y) {
        int m = x.columns();
        if (m < 1 || m > capacity) {
            throw InvalidParameterException.of("Backprop", "x.columns", m, "in [1, " + capacity + "]");
        }
        Columns c = m == capacity ? full : partial.computeIfAbsent(m, full::firstColumns);
        INDArray previous = x;
        for (int l = 1; l <= layers; l++) {
            Blas.gemm(w.get(l - 1), previous, c.z[l], false, false, 1.0, 0.0);
            addBias(c.z[l], b.get(l - 1));
            if (l < layers) {
                problem.activation(l).apply(c.z[l], c.a[l]);
                previous = c.a[l];
            }
        }
        problem.loss().gradient(c.z[layers], y, c.delta[layers]);
        c.delta[layers].muli(1.0 / m);
        for (int l = layers; l >= 1; l--) {
            INDArray input = l > 1 ? c.a[l - 1] : x;
            Blas.gemm(c.delta[l], input, gradW[l], false, true, 1.0, 0.0);
            rowSums(c.delta[l], c.ones, gradB[l]);
            if (l > 1) {
                Blas.gemm(w.get(l - 1), c.delta[l], c.delta[l - 1], true, false, 1.0, 0.0);
                // delta_{l-1} .*= h'(z_{l-1}); z_{l-1} is not needed again this batch and may serve as scratch.
                problem.activation(l - 1).backpropagate(c.z[l - 1], c.delta[l - 1]);
            }
        }
    }

    /**
     * {@code z <- z + b 1^T}, the bias of every column: for the column-major batch buffers one Java pass (each column
     * is contiguous, so entry k of a column gets {@code b[k]}), the same bits as ND4J's {@code addiColumnVector}, which
     * costs several times more per call at minibatch sizes; other layouts (the views of a smaller last batch) take
     * {@code addiColumnVector}.
     */
    static void addBias(INDArray z, INDArray b) {
        int rows = (int) z.rows();
        if (z.ordering() != 'f' || !Segments.flat(z) || !Segments.flat(b) || b.length() != rows
                || b.dataType() != z.dataType()) {
            z.addiColumnVector(b);
            return;
        }
        int columns = (int) z.columns();
        if (z.dataType() == DataType.FLOAT) {
            FloatBuffer zs = z.data().asNioFloat();
            float[] bias = new float[rows];
            b.data().asNioFloat().get(0, bias, 0, rows);
            Segments.pass(columns, rows, (w, column, at, count) -> {
                float[] v = w.floats(0);
                int from = at - column * rows;
                zs.get(at, v, 0, count);
                for (int k = 0; k < count; k++) {
                    v[k] += bias[from + k];
                }
                zs.put(at, v, 0, count);
                return 0;
            });
            return;
        }
        DoubleBuffer zs = z.data().asNioDouble();
        double[] bias = new double[rows];
        b.data().asNioDouble().get(0, bias, 0, rows);
        Segments.pass(columns, rows, (w, column, at, count) -> {
            double[] v = w.doubles(0);
            int from = at - column * rows;
            zs.get(at, v, 0, count);
            for (int k = 0; k < count; k++) {
                v[k] += bias[from + k];
            }
            zs.put(at, v, 0, count);
            return 0;
        });
    }

    /**
     * {@code out <- delta 1} ({@code ones} is the m x 1 vector of ones): the row sums of an {@code n x m} delta, as
     * one pass over its column-major buffer (the batch buffers and their first-columns views), column after column:
     * a 1-column GEMM costs ND4J's fixed per-call overhead, several times this pass at minibatch sizes; other layouts
     * take that GEMM.
     */
    static void rowSums(INDArray delta, INDArray ones, INDArray out) {
        int rows = (int) delta.rows();
        int columns = (int) delta.columns();
        boolean columnMajor = delta.ordering() == 'f' && delta.offset() == 0 && delta.stride(0) == 1
                && delta.stride(1) == rows && Segments.flat(out) && out.length() == rows
                && out.dataType() == delta.dataType();
        if (!columnMajor || (delta.dataType() != DataType.FLOAT && delta.dataType() != DataType.DOUBLE)) {
            Nd4j.gemm(delta, ones, out, false, false, 1.0, 0.0);
            return;
        }
        if (delta.dataType() == DataType.FLOAT) {
            FloatBuffer d = delta.data().asNioFloat();
            float[] sums = new float[rows];
            float[] column = new float[rows];
            for (int j = 0; j < columns; j++) {
                d.get(j * rows, column, 0, rows);
                for (int i = 0; i < rows; i++) {
                    sums[i] += column[i];
                }
            }
            out.data().asNioFloat().put(0, sums, 0, rows);
            return;
        }
        DoubleBuffer d = delta.data().asNioDouble();
        double[] sums = new double[rows];
        double[] column = new double[rows];
        for (int j = 0; j < columns; j++) {
            d.get(j * rows, column, 0, rows);
            for (int i = 0; i < rows; i++) {
                sums[i] += column[i];
            }
        }
        out.data().asNioDouble().put(0, sums, 0, rows);
    }

    /** The gradient of the mean minibatch loss with respect to W_l (a buffer, overwritten by the next call). */
    INDArray gradW(int l) {
        return gradW[l];
    }

    /** The gradient with respect to b_l ({@code n_l x 1}; a buffer, overwritten by the next call). */
    INDArray gradB(int l) {
        return gradB[l];
    }

    int capacity() {
        return capacity;
    }
}
