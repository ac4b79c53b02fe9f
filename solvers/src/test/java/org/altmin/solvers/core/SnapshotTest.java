package org.altmin.solvers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.NetworkSpec;
import org.altmin.api.State;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Snapshot}: scoped names, a state's variables and step memory round trip, mismatches named. */
class SnapshotTest {
    @Test
    void aStateAndItsStepMemoryRoundTripUnderScopedNames() {
        NetworkSpec net = new NetworkSpec(List.of(3, 4, 2));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5);
        State saved = State.zeros(net, x);
        saved.w(2).assign(Nd4j.rand(DataType.DOUBLE, 2, 4));
        saved.z(1).assign(Nd4j.rand(DataType.DOUBLE, 4, 5));
        StepMemory steps = new StepMemory(2);
        steps.accept("W", 2, 0.25);
        steps.accept("a", 1, Double.MIN_VALUE);

        Snapshot out = Snapshot.empty().putState(saved);
        steps.save(out.within("steps"));
        out.within("block.W_1").put("count", 7L);

        assertThat(out.arrays()).containsOnlyKeys("W_1", "W_2", "b_1", "b_2", "z_1", "z_2", "a_1");
        assertThat(out.numbers()).containsKeys("steps.W_2", "steps.a_1", "steps.W_1");
        assertThat(out.integers()).containsEntry("block.W_1.count", 7L);

        Snapshot in = Snapshot.of(out.arrays(), out.numbers(), out.integers());
        State restored = State.zeros(net, x);
        in.restoreState(restored);
        StepMemory memory = new StepMemory(2);
        memory.restore(in.within("steps"));

        assertThat(restored.w(2)).isEqualTo(saved.w(2));
        assertThat(restored.z(1)).isEqualTo(saved.z(1));
        assertThat(memory.last("W", 2)).isEqualTo(0.25);
        assertThat(memory.last("a", 1)).isEqualTo(Double.MIN_VALUE);
        assertThat(memory.last("W", 1)).isNaN();
        assertThat(in.within("block.W_1").integer("count")).isEqualTo(7L);
    }

    @Test
    void aMissingOrMismatchedEntryIsNamed() {
        Snapshot in = Snapshot.of(Map.of("W_1", Nd4j.zeros(DataType.FLOAT, 2, 3)), Map.of(), Map.of("k", -1L));

        assertThatThrownBy(() -> in.restore("W_1", Nd4j.zeros(DataType.FLOAT, 3, 3)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("W_1")
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> in.restore("W_1", Nd4j.zeros(DataType.DOUBLE, 2, 3)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("DOUBLE");
        assertThatThrownBy(() -> in.within("block").array("W_1"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("block.W_1 is missing");
        assertThatThrownBy(() -> in.integer("k", 0, 10))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("k").hasMessageContaining("-1");
        assertThatThrownBy(() -> Snapshot.empty().put("a/b", 1.0))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'a/b'");
        Snapshot out = Snapshot.empty().put("t", 1.0);
        assertThatThrownBy(() -> out.put("t", 2L))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'t'");
    }
}
