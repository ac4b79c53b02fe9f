package org.altmin.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.altmin.api.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsImagesRawAndGzipped(boolean gzip) throws IOException {
        byte[] data = IdxTestFiles.images(5, 3, 4);
        Path file = IdxTestFiles.write(temp.resolve("images" + (gzip ? ".bin" : ".gz")), IdxReader.MAGIC_IMAGES,
                new int[] {5, 3, 4}, data, gzip);

        IdxFile idx = IdxReader.readImages(file);

        assertThat(idx.dims()).containsExactly(5, 3, 4);
        assertThat(idx.count()).isEqualTo(5);
        assertThat(idx.itemSize()).isEqualTo(12);
        assertThat(idx.data()).isEqualTo(data);
        assertThat(idx.unsigned(4, 11)).isEqualTo((4 * 31 + 11 * 7) % 256);
    }

    @Test
    void readsLabelsWithUnsignedValues() throws IOException {
        byte[] data = {0, 9, (byte) 200};
        Path file = IdxTestFiles.write(temp.resolve("labels"), IdxReader.MAGIC_LABELS, new int[] {3}, data, false);

        IdxFile idx = IdxReader.readLabels(file);

        assertThat(idx.dims()).containsExactly(3);
        assertThat(idx.unsigned(2, 0)).isEqualTo(200);
    }

    @Test
    void truncatedDataNamesFileExpectedAndFoundLength() throws IOException {
        byte[] full = IdxTestFiles.bytes(IdxReader.MAGIC_IMAGES, new int[] {5, 3, 4}, IdxTestFiles.images(5, 3, 4));
        Path file = temp.resolve("truncated");
        Files.write(file, Arrays.copyOf(full, full.length - 7));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("must be " + full.length + " bytes")
                .hasMessageContaining("found " + (full.length - 7))
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedGzipIsReportedAsTruncated() throws IOException {
        Path gz = IdxTestFiles.write(temp.resolve("full.gz"), IdxReader.MAGIC_IMAGES, new int[] {50, 8, 8},
                IdxTestFiles.images(50, 8, 8), true);
        byte[] compressed = Files.readAllBytes(gz);
        Path file = temp.resolve("cut.gz");
        Files.write(file, Arrays.copyOf(compressed, compressed.length / 2));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path file = temp.resolve("header");
        Files.write(file, new byte[] {0, 0, 8, 3, 0, 0});

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("header")
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingDataIsReported() throws IOException {
        byte[] full = IdxTestFiles.bytes(IdxReader.MAGIC_LABELS, new int[] {3}, new byte[] {1, 2, 3});
        Path file = temp.resolve("long");
        Files.write(file, Arrays.copyOf(full, full.length + 2));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("must be " + full.length + " bytes")
                .hasMessageContaining("found " + (full.length + 2))
                .hasMessageContaining("trailing");
    }

    @Test
    void wrongMagicNamesExpectedAndFound() throws IOException {
        Path file = IdxTestFiles.write(temp.resolve("labels-as-images"), IdxReader.MAGIC_LABELS, new int[] {3},
                new byte[] {1, 2, 3}, false);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("must be 0x00000803")
                .hasMessageContaining("found 0x00000801");
    }

    @Test
    void zeroDimensionIsRejected() throws IOException {
        Path file = IdxTestFiles.write(temp.resolve("zero"), IdxReader.MAGIC_IMAGES, new int[] {2, 0, 4},
                new byte[0], false);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("dimension 1 must be >= 1, found 0");
    }

    @Test
    void wrongDimensionsAreCaughtByTheLengthCheck() throws IOException {
        // A header claiming 6 images for the bytes of 5.
        byte[] content = IdxTestFiles.bytes(IdxReader.MAGIC_IMAGES, new int[] {6, 3, 4}, IdxTestFiles.images(5, 3, 4));
        Path file = temp.resolve("dims");
        Files.write(file, content);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("[6, 3, 4]")
                .hasMessageContaining("must be " + (16 + 72) + " bytes")
                .hasMessageContaining("found " + (16 + 60));
    }

    @Test
    void missingFileIsReported() {
        Path file = temp.resolve("nope");
        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file.toString());
    }
}
