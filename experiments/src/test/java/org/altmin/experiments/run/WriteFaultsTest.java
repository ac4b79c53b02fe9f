package org.altmin.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.Evaluation;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.RunSpec;
import org.altmin.experiments.model.AtomicWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the file system: an output that cannot hold run directories is refused before anything is written, and
 * a full disk (simulated by a channel or a content writer that fails part-way, as {@code ENOSPC} does) never leaves
 * a truncated or empty result file nor touches an earlier one.
 */
class WriteFaultsTest {
    @TempDir
    Path temp;

    /** A file channel that accepts {@code capacity} bytes in all, then fails part-way like a full disk. */
    private static final class FullDisk implements SeekableByteChannel {
        private final FileChannel channel;
        private long capacity;

        FullDisk(Path file, long capacity) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.capacity = capacity;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (src.remaining() > capacity) {
                ByteBuffer part = src.slice().limit((int) capacity);
                int n = channel.write(part);
                src.position(src.position() + n);
                capacity = 0;
                throw new FileSystemException("metrics.csv", null, "No space left on device");
            }
            int n = channel.write(src);
            capacity -= n;
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            channel.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static IterationReport report(int k) {
        return IterationReport.builder(k, IterationUnit.ITERATION).objective(10.0 / (k + 1)).term("risk", 1.0 / (k + 1))
                .evaluation(new Evaluation(0.5, 0.25 + 0.01 * k, Double.NaN, Double.NaN)).nanos(100L + k).build();
    }

    @Test
    void aDiskFullingUpMidRowLeavesTheCompleteRowsOnly() throws IOException {
        Path file = temp.resolve("metrics.csv");
        Path probe = temp.resolve("probe.csv");
        try (MetricsCsv csv = new MetricsCsv(probe)) {
            for (int k = 0; k < 3; k++) {
                csv.onIteration(report(k), null);
            }
        }
        long threeRows = Files.size(probe);
        List<String> expected = Files.readAllLines(probe);

        try (MetricsCsv csv = new MetricsCsv(file, path -> new FullDisk(path, threeRows + 7))) {
            for (int k = 0; k < 3; k++) {
                csv.onIteration(report(k), null);
            }
            assertThatThrownBy(() -> csv.onIteration(report(3), null))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("could not write " + file + ": No space left on device");
        }
        assertThat(Files.readAllLines(file)).isEqualTo(expected).hasSize(4);
        assertThat(Files.size(file)).isEqualTo(threeRows);
    }

    @Test
    void aDiskFullAtTheFirstRowLeavesNoEmptyFile() throws IOException {
        Path file = temp.resolve("metrics.csv");
        try (MetricsCsv csv = new MetricsCsv(file, path -> new FullDisk(path, 10))) {
            assertThatThrownBy(() -> csv.onIteration(report(0), null)).isInstanceOf(UncheckedIOException.class);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aFailedAtomicWriteKeepsTheEarlierFileAndLeavesNoTemporary() throws IOException {
        Path file = temp.resolve("summary.json");
        AtomicWrite.write(file, "{\"status\": \"MAX_ITERATIONS\"}\n".getBytes());

        assertThatThrownBy(() -> AtomicWrite.write(file, out -> {
            out.write("{\"status\": \"ERR".getBytes());
            throw new FileSystemException(file.toString(), null, "No space left on device");
        })).isInstanceOf(FileSystemException.class);

        assertThat(Files.readString(file)).isEqualTo("{\"status\": \"MAX_ITERATIONS\"}\n");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    private static RunSpec spec() {
        return new RunSpec(ComponentSpec.of("sgd"), null, null, null, List.of(3),
                new DataSpec("synthetic", 30, 10, null, Map.of("features", "4")), 2, 7L, "FLOAT", List.of());
    }

    @Test
    void anOutputThatIsAFileIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = Files.writeString(temp.resolve("runs.txt"), "notes\n");

        assertThatThrownBy(() -> new Runner(RunOptions.builder(spec()).output(file).build()).prepare())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("RunOptions.output must be a directory (it is a file), found " + file);
        assertThatThrownBy(() -> new Runner(RunOptions.builder(spec()).output(file.resolve("below")).build()).prepare())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("RunOptions.output must be a directory (" + file.toAbsolutePath() + " is a file), found "
                        + file.resolve("below"));
        assertThat(Files.readString(file)).isEqualTo("notes\n");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anUnwritableOutputIsRefused() {
        // /proc accepts no new entries, even for root (for whom permission bits would not stop a write).
        Path output = Path.of("/proc/altmin-runs");
        assertThatThrownBy(() -> new Runner(RunOptions.builder(spec()).output(output).build()).prepare())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("RunOptions.output must be a writable directory (/proc is not writable: it accepts no "
                        + "new files), found /proc/altmin-runs");
        assertThat(output).doesNotExist();
    }
}
