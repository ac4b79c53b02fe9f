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
}
