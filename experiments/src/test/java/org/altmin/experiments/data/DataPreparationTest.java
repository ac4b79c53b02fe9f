package org.altmin.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.TrainingData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The generic data options: a seeded validation split held out of the training set, and scaling fitted on it. */
class DataPreparationTest {
    /** 20 training samples whose first feature is the sample's index (to see which were held out), 5 test ones. */
    private static LoadedData loaded() {
        double[][] x = new double[2][20];
        double[][] y = new double[2][20];
        for (int j = 0; j < 20; j++) {
            x[0][j] = j;
            x[1][j] = 3.0;
            y[j % 2][j] = 1.0;
        }
        INDArray xTest = Nd4j.create(new double[][] {{0, 10, 20, 30, 40}, {3, 3, 3, 3, 3}});
        INDArray yTest = Nd4j.create(new double[][] {{1, 0, 1, 0, 1}, {0, 1, 0, 1, 0}});
        return new LoadedData(new TrainingData(Nd4j.create(x), Nd4j.create(y), xTest, yTest),
                new DataSpec("toy", 20, 5, null, Map.of()), List.of("a", "b"));
    }

    private static DataSpec spec(Map<String, String> options) {
        return new DataSpec("toy", 0, 0, null, options);
    }

    private static Set<Double> firstRow(INDArray x) {
        Set<Double> values = new HashSet<>();
        for (double v : x.getRow(0).toDoubleVector()) {
            values.add(v);
        }
        return values;
    }

    @Test
    void aFractionHoldsOutASeededDisjointPartOfTheTrainingSet() {
        LoadedData split = DataPreparation.apply(loaded(), spec(Map.of("validation", "0.25")), 42L);

        assertThat(split.validation().samples()).isEqualTo(5);
        assertThat(split.data().samples()).isEqualTo(15);
        Set<Double> held = firstRow(split.validation().x());
        Set<Double> kept = firstRow(split.data().x());
        assertThat(held).doesNotContainAnyElementsOf(kept);
        assertThat(held.size() + kept.size()).isEqualTo(20);
        // Labels travel with their samples: sample j has class j mod 2.
        for (int j = 0; j < 5; j++) {
            int index = (int) split.validation().x().getDouble(0, j);
            assertThat(split.validation().y().getDouble(index % 2, j)).isEqualTo(1.0);
        }
        assertThat(split.data().xTest()).isEqualTo(loaded().data().xTest());
        assertThat(split.resolved().options()).containsEntry("validation", "0.25");
        assertThat(split.resolved().trainSize()).isEqualTo(20);

        LoadedData again = DataPreparation.apply(loaded(), spec(Map.of("validation", "5")), 42L);
        assertThat(firstRow(again.validation().x())).isEqualTo(held);
        LoadedData otherSeed = DataPreparation.apply(loaded(), spec(Map.of("validation", "5")), 43L);
        assertThat(firstRow(otherSeed.validation().x())).isNotEqualTo(held);
    }

    @Test
    void standardScalingIsFittedOnTheTrainingSplitOnly() {
        LoadedData split = DataPreparation.apply(loaded(), spec(Map.of("validation", "4", "scaling", "standard")), 7L);

        LoadedData unscaled = DataPreparation.apply(loaded(), spec(Map.of("validation", "4")), 7L);
        INDArray raw = Nd4j.create(firstRow(unscaled.data().x()).stream().mapToDouble(d -> d).sorted().toArray());
        double mean = raw.meanNumber().doubleValue();
        double populationStd = Math.sqrt(raw.sub(mean).mul(raw.sub(mean)).meanNumber().doubleValue());
        assertThat(split.data().x().getRow(0).meanNumber().doubleValue()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(split.data().x().getRow(0).maxNumber().doubleValue()).isLessThan(3);
        // The constant feature becomes 0 (scale 1), not NaN.
        assertThat(split.data().x().getRow(1).toDoubleVector()).containsOnly(0.0);
        // Test and validation samples get the training split's shift and scale.
        assertThat(split.data().xTest().getDouble(0, 2)).isCloseTo((20 - mean) / populationStd,
                org.assertj.core.data.Offset.offset(1e-12));
        for (int j = 0; j < 4; j++) {
            assertThat(split.validation().x().getDouble(0, j)).isCloseTo(
                    (unscaled.validation().x().getDouble(0, j) - mean) / populationStd,
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void minmaxMapsTheTrainingSplitToTheUnitInterval() {
        LoadedData loaded = loaded();
        LoadedData scaled = DataPreparation.apply(loaded, spec(Map.of("scaling", "minmax")), 7L);

        assertThat(scaled.data().x().getRow(0).minNumber().doubleValue()).isEqualTo(0.0);
        assertThat(scaled.data().x().getRow(0).maxNumber().doubleValue()).isEqualTo(1.0);
        assertThat(scaled.data().xTest().getRow(0).toDoubleVector()).containsExactly(0, 10 / 19.0, 20 / 19.0,
                30 / 19.0, 40 / 19.0);
        assertThat(loaded.data().x().getDouble(0, 19)).isEqualTo(19.0); // the loader's array is left alone
        assertThat(scaled.validation()).isNull();
        assertThat(scaled.resolved().options()).containsEntry("scaling", "minmax");
    }

    @Test
    void badOptionsNameTheValueAndTheRange() {
        assertThatThrownBy(() -> DataPreparation.apply(loaded(), spec(Map.of("validation", "20")), 1L))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("toy.validation must be a fraction in (0, 1) or a count in [1, 19] (the training set has "
                        + "20 samples), found '20'");
        assertThatThrownBy(() -> DataPreparation.check(spec(Map.of("validation", "1.5"))))
                .hasMessage("toy.validation must be a fraction in (0, 1) or a sample count, found '1.5'");
        assertThatThrownBy(() -> DataPreparation.apply(loaded(), spec(Map.of("validation", "0.01")), 1L))
                .hasMessageContaining("(it holds out 0)");
        assertThatThrownBy(() -> DataPreparation.check(spec(Map.of("scaling", "zscore"))))
                .hasMessage("toy.scaling must be none, standard or minmax, found 'zscore'");
        assertThat(DataPreparation.strip(spec(Map.of("validation", "3", "scaling", "none", "label", "y"))).options())
                .containsOnlyKeys("label");
    }

    @Test
    void floatDataStayFloat() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 10);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        for (int j = 0; j < 10; j++) {
            y.putScalar(j % 2, j, 1.0);
        }
        LoadedData split = DataPreparation.apply(new LoadedData(new TrainingData(x, y),
                new DataSpec("toy", 0, 0, null, Map.of()), List.of("a", "b")),
                spec(Map.of("validation", "0.3", "scaling", "standard")), 1L);
        assertThat(split.data().dtype()).isEqualTo(DataType.FLOAT);
        assertThat(split.validation().dtype()).isEqualTo(DataType.FLOAT);
        assertThat(split.data().x().ordering()).isEqualTo('c');
    }
}
