package org.altmin.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An MNIST-shaped data set made of small generated IDX files (never the real data). */
class IdxDataSetTest {
    private static final int TRAIN = 40;
    private static final int TEST = 12;
    private static final int SIDE = 3;

    @TempDir
    Path data;

    private DataPackage pkg;

    @BeforeEach
    void writeFiles() throws IOException {
        Path dir = Files.createDirectories(data.resolve("tiny"));
        DataPackage.IdxFiles files = new DataPackage.IdxFiles("train-img.gz", "train-lbl", "test-img", "test-lbl.gz");
        IdxTestFiles.write(dir.resolve(files.trainImages()), IdxReader.MAGIC_IMAGES, new int[] {TRAIN, SIDE, SIDE},
                IdxTestFiles.images(TRAIN, SIDE, SIDE), true);
        IdxTestFiles.write(dir.resolve(files.trainLabels()), IdxReader.MAGIC_LABELS, new int[] {TRAIN},
                IdxTestFiles.labels(TRAIN), false);
        IdxTestFiles.write(dir.resolve(files.testImages()), IdxReader.MAGIC_IMAGES, new int[] {TEST, SIDE, SIDE},
                IdxTestFiles.images(TEST, SIDE, SIDE), false);
        IdxTestFiles.write(dir.resolve(files.testLabels()), IdxReader.MAGIC_LABELS, new int[] {TEST},
                IdxTestFiles.labels(TEST), true);
        Map<String, String> sums = new TreeMap<>();
        for (String name : files.all()) {
            sums.put(name, DataFetcher.sha256(dir.resolve(name)));
        }
        PackageSource unreachable = (work, log) -> {
            throw new DataUnavailableException("no network in tests");
        };
        pkg = new DataPackage("tiny", unreachable, sums, files);
    }

    private LoadContext context(DataType dtype, long seed) {
        return new LoadContext(dtype, seed, data, null, null);
    }

    @Test
    void loadsEverySampleAsColumnsScaledToUnitInterval() {
        LoadedData loaded = new IdxDataSet(pkg).load(DataSpec.of("tiny"), context(DataType.DOUBLE, 1));
        INDArray x = loaded.data().x();
        INDArray y = loaded.data().y();

        assertThat(x.shape()).containsExactly(SIDE * SIDE, TRAIN);
        assertThat(y.shape()).containsExactly(IdxDataSet.CLASSES, TRAIN);
        assertThat(loaded.data().xTest().shape()).containsExactly(SIDE * SIDE, TEST);
        assertThat(x.dataType()).isEqualTo(DataType.DOUBLE);
        for (int i : new int[] {0, 7, TRAIN - 1}) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                assertThat(x.getDouble(p, i)).isEqualTo(((i * 31 + p * 7) % 256) / 255.0, org.assertj.core.api.Assertions.within(1e-12));
            }
            for (int c = 0; c < IdxDataSet.CLASSES; c++) {
                assertThat(y.getDouble(c, i)).isEqualTo(c == i % 10 ? 1.0 : 0.0);
            }
        }
        assertThat(x.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(x.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(loaded.resolved().trainSize()).isEqualTo(TRAIN);
        assertThat(loaded.resolved().testSize()).isEqualTo(TEST);
    }

    @Test
    void subsetsAreSeededAndKeepImagesWithTheirLabels() {
        DataSpec spec = new DataSpec("tiny", 10, 5, null);
        LoadedData a = new IdxDataSet(pkg).load(spec, context(DataType.FLOAT, 3));
        LoadedData b = new IdxDataSet(pkg).load(spec, context(DataType.FLOAT, 3));
        LoadedData c = new IdxDataSet(pkg).load(spec, context(DataType.FLOAT, 4));

        assertThat(a.data().x().shape()).containsExactly(SIDE * SIDE, 10);
        assertThat(a.data().x().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(a.data().x()).isEqualTo(b.data().x());
        assertThat(a.data().xTest()).isEqualTo(b.data().xTest());
        assertThat(a.data().x()).isNotEqualTo(c.data().x());
        // Each column's pixel 0 identifies its image i (i * 31 mod 256 is distinct for i < 40); its label is i mod 10.
        for (int j = 0; j < 10; j++) {
            int pixel0 = Math.round(a.data().x().getFloat(0, j) * 255f);
            int image = -1;
            for (int i = 0; i < TRAIN; i++) {
                if ((i * 31) % 256 == pixel0) {
                    image = i;
                }
            }
            assertThat(a.data().y().getFloat(image % 10, j)).isEqualTo(1f);
        }
    }

    @Test
    void tooLargeSubsetIsRejected() {
        assertThatThrownBy(() -> new IdxDataSet(pkg).load(new DataSpec("tiny", TRAIN + 1, 0, null),
                context(DataType.FLOAT, 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("tiny.trainSize must be in [0, " + TRAIN + "]");
    }

    @Test
    void aPathIsRejectedRatherThanIgnored() {
        assertThatThrownBy(() -> new IdxDataSet(pkg).load(new DataSpec("tiny", 0, 0, "/somewhere"),
                context(DataType.FLOAT, 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("tiny.path must be unset")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void missingDataWithoutFetcherSaysHowToFetch() throws IOException {
        Files.delete(data.resolve("tiny").resolve("train-lbl"));
        assertThatThrownBy(() -> new IdxDataSet(pkg).load(DataSpec.of("tiny"), context(DataType.FLOAT, 1)))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessage("tiny: " + data.resolve("tiny").resolve("train-lbl") + " is missing; run "
                        + "'altmin fetch --dataset tiny' to fetch it again");
    }

    @Test
    void corruptDataWithoutFetcherNamesTheFileAndTheChecksum() throws IOException {
        Path file = data.resolve("tiny").resolve("train-lbl");
        Files.write(file, new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> new IdxDataSet(pkg).load(DataSpec.of("tiny"), context(DataType.FLOAT, 1)))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageStartingWith("tiny: " + file + " is corrupt: its SHA-256 is " + DataFetcher.sha256(file)
                        + ", the recorded one ")
                .hasMessageEndingWith("; run 'altmin fetch --dataset tiny --force' to fetch it again");
    }

    @Test
    void labelCountMismatchIsRejected() throws IOException {
        Path dir = data.resolve("tiny");
        IdxTestFiles.write(dir.resolve("train-lbl"), IdxReader.MAGIC_LABELS, new int[] {TRAIN - 1},
                IdxTestFiles.labels(TRAIN - 1), false);
        Map<String, String> sums = new TreeMap<>(pkg.sha256());
        sums.put("train-lbl", DataFetcher.sha256(dir.resolve("train-lbl")));
        DataPackage changed = new DataPackage("tiny", pkg.source(), sums, pkg.files());

        assertThatThrownBy(() -> new IdxDataSet(changed).load(DataSpec.of("tiny"), context(DataType.FLOAT, 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("count must be " + TRAIN)
                .hasMessageContaining("found " + (TRAIN - 1));
    }
}
