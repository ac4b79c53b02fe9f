package org.altmin.solvers.sgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.TrainingData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MinibatchesTest {
    /** Sample i has x = (i, -i) and a one-hot y at class i % 2, so a column tells which sample it is. */
    private static TrainingData indexed(int n) {
        double[][] x = new double[2][n];
        double[][] y = new double[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = i;
            x[1][i] = -i;
            y[i % 2][i] = 1;
        }
        return new TrainingData(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    /** The sample indices of one epoch, batch by batch, checking that each column's x and y agree. */
    private static List<Integer> epoch(Minibatches batches) {
        batches.shuffle();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batches.count(); i++) {
            batches.load(i);
            INDArray x = batches.x();
            INDArray y = batches.y();
            for (int c = 0; c < x.columns(); c++) {
                int sample = (int) x.getDouble(0, c);
                assertThat(x.getDouble(1, c)).isEqualTo(-sample);
                assertThat(y.getDouble(sample % 2, c)).isEqualTo(1.0);
                order.add(sample);
            }
        }
        return order;
    }

    @Test
    void eachEpochIsASeededPermutationCutIntoBatches() {
        Minibatches batches = new Minibatches(indexed(23), 5, 42);
        assertThat(batches.count()).isEqualTo(5);
        List<Integer> first = epoch(batches);
        batches.load(0);
        assertThat(batches.x().columns()).isEqualTo(5);
        batches.load(4);
        assertThat(batches.x().columns()).isEqualTo(3);
        assertThat(batches.y().shape()).containsExactly(2, 3);
        List<Integer> second = epoch(batches);
        assertThat(first).hasSize(23).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 23).boxed().toList());
        assertThat(second).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);

        Minibatches again = new Minibatches(indexed(23), 5, 42);
        assertThat(epoch(again)).isEqualTo(first);
        assertThat(epoch(again)).isEqualTo(second);
        assertThat(epoch(new Minibatches(indexed(23), 5, 43))).isNotEqualTo(first);
    }

    @Test
    void gathersFloatData() {
        TrainingData data = indexed(6);
        Minibatches batches = new Minibatches(new TrainingData(data.x().castTo(DataType.FLOAT),
                data.y().castTo(DataType.FLOAT)), 4, 1);
        List<Integer> order = epoch(batches);
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(batches.x().dataType()).isEqualTo(DataType.FLOAT);
    }

    /**
     * The bulk-copy gather gives exactly what {@code Nd4j.pullRows} gives, in FLOAT and DOUBLE, into the whole batch
     * buffer and into its first-columns view (the last batch), with repeated indices; data that are not one flat
     * column-major buffer (a view) take the pullRows path and still agree.
     */
    @Test
    void theGatherCopiesTheSameBitsAsPullRows() {
        for (DataType dtype : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Nd4j.getRandom().setSeed(3);
            INDArray from = Nd4j.rand(dtype, 37, 200).subi(0.5).muli(1e4).dup('f');
            int[][] cases = {{5, 0, 199, 5, 17, 3, 42, 198}, {7, 1, 2}};
            for (int[] columns : cases) {
                INDArray buffer = Nd4j.create(dtype, new long[] {37, 8}, 'f');
                INDArray into = columns.length == 8 ? buffer
                        : buffer.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, columns.length));
                Minibatches.gather(from, into, columns);
                INDArray expected = Nd4j.create(dtype, new long[] {37, columns.length}, 'f');
                Nd4j.pullRows(from, expected, 0, columns);
                assertThat(into.dup('f').data().asDouble()).as("%s, %d columns", dtype, columns.length)
                        .containsExactly(expected.data().asDouble());
                for (int k = 0; k < columns.length; k++) {
                    assertThat(into.getColumn(k).equals(from.getColumn(columns[k]))).isTrue();
                }
            }
            INDArray view = Nd4j.rand(dtype, 37, 300).dup('f').get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(50, 250));
            INDArray into = Nd4j.create(dtype, new long[] {37, 3}, 'f');
            Minibatches.gather(view, into, new int[] {0, 199, 7});
            assertThat(into.getColumn(1).equals(view.getColumn(199))).isTrue();
            assertThat(into.getColumn(2).equals(view.getColumn(7))).isTrue();
        }
    }
}
