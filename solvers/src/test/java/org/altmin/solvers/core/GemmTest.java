package org.altmin.solvers.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GemmTest {
    @Test
    void tallysEachProductsShapeFlopsAndTime() {
        Gemm gemm = new Gemm();
        assertThat(gemm.nanos()).isZero();
        assertThat(gemm.flops()).isZero();
        assertThat(gemm.shapes()).isEmpty();
        INDArray a = Nd4j.rand(DataType.FLOAT, 30, 40);
        INDArray b = Nd4j.rand(DataType.FLOAT, 40, 50);
        INDArray ab = Nd4j.create(DataType.FLOAT, 30, 50);
        gemm.gemm(a, b, ab, false, false, 1.0, 0.0);
        long once = gemm.nanos();
        assertThat(once).isPositive();
        assertThat(ab).isEqualTo(a.mmul(b));
        // b^T a^T = (a b)^T, a second shape (transposed operands).
        INDArray abT = Nd4j.create(DataType.FLOAT, 50, 30);
        gemm.gemm(b, a, abT, true, true, 1.0, 0.0);
        assertThat(gemm.nanos()).isGreaterThan(once);
        assertThat(abT).isEqualTo(ab.transpose());
        gemm.gemm(a, b, ab, false, false, 1.0, 0.0);
        assertThat(gemm.shapes()).containsEntry(new GemmShape(30, 50, 40, false, false, 'c', 'c', 'c', DataType.FLOAT), 2L)
                .containsEntry(new GemmShape(50, 30, 40, true, true, 'c', 'c', 'c', DataType.FLOAT), 1L).hasSize(2);
        assertThat(gemm.flops()).isEqualTo(3 * 2.0 * 30 * 50 * 40);
    }
}
