package org.altmin.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.solvers.core.GemmShape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class GemmFloorTest {
    private static final GemmShape SMALL = new GemmShape(8, 12, 16, false, false, 'c', 'c', 'c', DataType.FLOAT);
    private static final GemmShape OTHER = new GemmShape(6, 10, 4, false, true, 'c', 'c', 'c', DataType.DOUBLE);

    @Test
    void aRoundTimesOneCallOfEachShapeAndTheFloorsAreCountWeighted() {
        try (GemmFloor floor = new GemmFloor()) {
            Map<GemmShape, Long> ran = Map.of(SMALL, 3L, OTHER, 1L);
            double round = floor.round(ran);
            assertThat(round).isPositive().isFinite();
            assertThat(floor.calls(SMALL)).isEqualTo(1);
            assertThat(floor.calls(OTHER)).isEqualTo(1);
            floor.round(Map.of(SMALL, 1L));
            assertThat(floor.calls(SMALL)).isEqualTo(2);
            assertThat(floor.calls(OTHER)).isEqualTo(1);
            // The medians are topped up to REPEATS calls, in rounds over the shapes asked for.
            floor.measure(List.of(SMALL, OTHER));
            assertThat(floor.calls(SMALL)).isEqualTo(GemmFloor.REPEATS);
            assertThat(floor.calls(OTHER)).isEqualTo(GemmFloor.REPEATS);
            double expected = 1e3 * (3 * floor.seconds(SMALL) + floor.seconds(OTHER));
            assertThat(floor.floorMillis(ran)).isEqualTo(expected);
            assertThat(floor.calls(SMALL)).as("already measured: no more calls").isEqualTo(GemmFloor.REPEATS);
        }
    }

    @Test
    void ranIsTheDifferenceOfTwoLedgerSnapshots() {
        Map<GemmShape, Long> before = Map.of(SMALL, 2L);
        Map<GemmShape, Long> after = new LinkedHashMap<>();
        after.put(SMALL, 5L);
        after.put(OTHER, 1L);
        assertThat(GemmFloor.ran(before, after)).isEqualTo(Map.of(SMALL, 3L, OTHER, 1L));
        assertThat(GemmFloor.ran(after, after)).isEmpty();
    }
}
