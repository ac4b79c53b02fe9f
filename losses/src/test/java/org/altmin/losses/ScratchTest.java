package org.altmin.losses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScratchTest {
    @Test
    void reusesOneArrayPerSlotShapeAndType() {
        Scratch scratch = new Scratch();
        INDArray like = Nd4j.zeros(DataType.FLOAT, 10, 7);
        INDArray first = scratch.like(0, like);
        assertThat(scratch.like(0, like)).isSameAs(first);
        assertThat(scratch.like(1, like)).isNotSameAs(first);
        assertThat(scratch.like(0, Nd4j.zeros(DataType.DOUBLE, 10, 7))).isNotSameAs(first);
        assertThat(scratch.row(2, like).shape()).isEqualTo(new long[] {1, 7});
        assertThat(first.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(first.ordering()).isEqualTo('c');
    }

    @Test
    void keepsABoundedNumberOfArrays() {
        Scratch scratch = new Scratch();
        INDArray kept = scratch.get(0, DataType.DOUBLE, 2, 2);
        for (int n = 1; n <= 3 * Scratch.MAX_ENTRIES; n++) {
            scratch.get(1, DataType.DOUBLE, 2, n);
            scratch.get(0, DataType.DOUBLE, 2, 2);   // recently used: survives
        }
        assertThat(scratch.size()).isEqualTo(Scratch.MAX_ENTRIES);
        assertThat(scratch.get(0, DataType.DOUBLE, 2, 2)).isSameAs(kept);
    }
}
