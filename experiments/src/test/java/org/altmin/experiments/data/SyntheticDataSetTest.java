package org.altmin.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class SyntheticDataSetTest {
    private static LoadedData load(DataSpec spec, DataType dtype, long seed) {
        return new SyntheticDataSet().load(spec, new LoadContext(dtype, seed, Path.of("."), null, null));
    }

    @Test
    void shapesDefaultsAndBalancedClasses() {
        LoadedData loaded = load(new DataSpec("synthetic", 0, 0, null, Map.of("classes", "4")), DataType.DOUBLE, 1);

        assertThat(loaded.data().x().shape()).containsExactly(SyntheticDataSet.DEFAULT_FEATURES,
                SyntheticDataSet.DEFAULT_TRAIN_SIZE);
        assertThat(loaded.data().y().shape()).containsExactly(4, SyntheticDataSet.DEFAULT_TRAIN_SIZE);
        assertThat(loaded.data().xTest().columns()).isEqualTo(SyntheticDataSet.DEFAULT_TEST_SIZE);
        assertThat(loaded.data().y().sum(1).toDoubleVector()).containsOnly(SyntheticDataSet.DEFAULT_TRAIN_SIZE / 4.0);
        assertThat(loaded.data().dtype()).isEqualTo(DataType.DOUBLE);
        assertThat(loaded.resolved().options()).containsEntry("features", "10").containsEntry("classes", "4")
                .containsEntry("spread", "1.0").containsEntry("separation", "3.0");
        assertThat(loaded.resolved().trainSize()).isEqualTo(SyntheticDataSet.DEFAULT_TRAIN_SIZE);
    }

    @Test
    void seededAndReproducible() {
        DataSpec spec = new DataSpec("synthetic", 30, 10, null, Map.of("features", "3"));
        LoadedData a = load(spec, DataType.FLOAT, 11);
        LoadedData b = load(spec, DataType.FLOAT, 11);
        LoadedData c = load(spec, DataType.FLOAT, 12);

        assertThat(a.data().x()).isEqualTo(b.data().x());
        assertThat(a.data().xTest()).isEqualTo(b.data().xTest());
        assertThat(a.data().x()).isNotEqualTo(c.data().x());
    }

    @Test
    void badOptionsAreRejected() {
        assertThatThrownBy(() -> load(new DataSpec("synthetic", 0, 0, null, Map.of("features", "0")), DataType.FLOAT, 1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("synthetic.features must be an integer >= 1, found '0'");
        assertThatThrownBy(() -> load(new DataSpec("synthetic", 0, 0, null, Map.of("spread", "-1")), DataType.FLOAT, 1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("synthetic.spread must be a finite number > 0");
    }
}
