package org.altmin.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.altmin.api.InvalidParameterException;
import org.junit.jupiter.api.Test;

class SubsetsTest {
    @Test
    void sameSeedSameSubsetsSortedAndDistinct() {
        qt().withExamples(200).forAll(longs().all(), integers().between(1, 300), integers().between(0, 10_000))
                .checkAssert((seed, total, raw) -> {
                    int size = raw % (total + 1);
                    int[] a = Subsets.choose("t", "size", total, size, Subsets.stream(seed));
                    int[] b = Subsets.choose("t", "size", total, size, Subsets.stream(seed));
                    assertThat(a).isEqualTo(b);
                    assertThat(a).hasSize(size == 0 ? total : size);
                    assertThat(Arrays.stream(a).distinct().count()).isEqualTo(a.length);
                    assertThat(a).isSorted();
                    assertThat(Arrays.stream(a).allMatch(i -> i >= 0 && i < total)).isTrue();
                });
    }

    @Test
    void differentSeedsPickDifferentSubsets() {
        int[] a = Subsets.choose("t", "size", 1000, 50, Subsets.stream(1));
        int[] b = Subsets.choose("t", "size", 1000, 50, Subsets.stream(2));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theTestSubsetDoesNotDependOnTheTrainingSize() {
        var first = Subsets.stream(9);
        Subsets.choose("t", "train", 100, 10, first);
        int[] testAfterSmallTrain = Subsets.choose("t", "test", 50, 5, first);
        var second = Subsets.stream(9);
        Subsets.choose("t", "train", 100, 0, second);
        int[] testAfterFullTrain = Subsets.choose("t", "test", 50, 5, second);
        assertThat(testAfterSmallTrain).isEqualTo(testAfterFullTrain);
    }

    @Test
    void sizeOutOfRangeIsRejected() {
        assertThatThrownBy(() -> Subsets.choose("mnist", "trainSize", 10, 11, Subsets.stream(1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("mnist.trainSize must be in [0, 10] (0 for all 10), found 11");
    }
}
