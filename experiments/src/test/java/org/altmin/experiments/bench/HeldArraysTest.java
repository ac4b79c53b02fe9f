package org.altmin.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HeldArraysTest {
    record Holder(INDArray a, INDArray viewOfA, List<INDArray> list, Map<String, INDArray[]> map, Holder inner) {}

    @Test
    void countsEachReachableBufferOnceAndLeavesOutTheExcluded() {
        INDArray a = Nd4j.create(DataType.FLOAT, 10, 20);          // 800 bytes
        INDArray b = Nd4j.create(DataType.DOUBLE, 5, 4);           // 160 bytes
        INDArray c = Nd4j.create(DataType.FLOAT, 3, 3);            // 36 bytes
        INDArray data = Nd4j.create(DataType.FLOAT, 100, 100);     // 40000 bytes, the "problem's"
        INDArray view = a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5));
        Holder inner = new Holder(c, null, List.of(data), Map.of(), null);
        java.util.Map<String, INDArray[]> withNull = new java.util.HashMap<>();
        withNull.put("k", new INDArray[] {b, c, null});
        withNull.put("empty", null);
        Holder root = new Holder(a, view, List.of(b, a), withNull, inner);

        assertThat(HeldArrays.ndBytes(root, null)).isEqualTo(800 + 160 + 36 + 40000);
        assertThat(HeldArrays.ndBytes(root, List.of(data))).isEqualTo(800 + 160 + 36);
        assertThat(HeldArrays.ndBytes(inner, inner)).isZero();
    }
}
