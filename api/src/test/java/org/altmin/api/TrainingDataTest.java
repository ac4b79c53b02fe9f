package org.altmin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TrainingDataTest {
    @Test
    void acceptsMatchingShapes() {
        var data = new TrainingData(Nd4j.rand(DataType.DOUBLE, 4, 7), Nd4j.zeros(DataType.DOUBLE, 3, 7));
        assertThat(data.samples()).isEqualTo(7);
        assertThat(data.features()).isEqualTo(4);
        assertThat(data.outputs()).isEqualTo(3);
        assertThat(data.hasTest()).isFalse();
    }

    @Test
    void rejectsSampleCountMismatch() {
        assertThatThrownBy(() -> new TrainingData(Nd4j.rand(DataType.DOUBLE, 4, 7), Nd4j.zeros(DataType.DOUBLE, 3, 6)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("y.columns")
                .hasMessageContaining("found 6");
    }

    @Test
    void rejectsNaN() {
        var x = Nd4j.rand(DataType.DOUBLE, 4, 7);
        x.putScalar(2, 3, Double.NaN);
        assertThatThrownBy(() -> new TrainingData(x, Nd4j.zeros(DataType.DOUBLE, 3, 7)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("TrainingData.x must be finite, found 1 NaN");
    }

    @Test
    void problemRejectsWidthMismatch() {
        var data = new TrainingData(Nd4j.rand(DataType.DOUBLE, 4, 7), Nd4j.zeros(DataType.DOUBLE, 3, 7));
        assertThatThrownBy(() -> new Problem(NetworkSpec.of(5, 3), data, null, java.util.List.of(), java.util.List.of(), 1))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void runSpecRejectsBadDtype() {
        assertThatThrownBy(() -> new RunSpec(null, null, null, null, null, null, null, null, "half", null))
                .hasMessage("RunSpec.dtype must be FLOAT or DOUBLE, found HALF");
    }
}
