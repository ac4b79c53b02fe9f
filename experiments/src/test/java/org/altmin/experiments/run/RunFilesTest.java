package org.altmin.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.altmin.api.BlockStep;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.ObjectiveTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a run directory, written from hand-made records. */
class RunFilesTest {
    @TempDir
    Path temp;

    private static IterationRecord record(int k, double objective, double testAccuracy) {
        LayerStats first = new LayerStats(1, 0.25, new BlockStep(1.5, 3, 2.0, false, 10), new BlockStep(0.5, 0, Double.NaN,
                false, 20), new BlockStep(0.125, 1, 1e-3, true, 30), new BlockStep(4.0, 2, 0.5, false, 40));
        LayerStats last = new LayerStats(2, 0.0, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE);
        return new IterationRecord(k, new ObjectiveTerms(objective, 0.0, 0.0, Double.isFinite(objective) ? 0.0 : 0.5),
                0.7 / (k + 1), 0.5 + 0.1 * k, Double.NaN, testAccuracy, List.of(first, last), 1000L * k);
    }

    @Test
    void metricsFlattenEveryLayerAndBlockAndAreFlushedPerRow() throws IOException {
        Path file = temp.resolve(RunDirectory.METRICS);
        try (MetricsCsv csv = new MetricsCsv(file)) {
            csv.onIteration(record(0, 10.0, Double.NaN), null);
            // Readable before close: flushed per row.
            assertThat(Files.readAllLines(file)).hasSize(2);
            csv.onIteration(record(1, Double.POSITIVE_INFINITY, 0.9), null);
        }
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).hasSize(MetricsCsv.header(2).size()).containsAll(List.of("l1_w_trials", "l2_a_nanos",
                "l1_z_fallback", "l1_band_residual"));
        String[] row = lines.get(1).split(",", -1);
        assertThat(row).hasSize(header.size());
        assertThat(row[header.indexOf("iteration")]).isEqualTo("0");
        assertThat(row[header.indexOf("objective")]).isEqualTo("10.0");
        assertThat(row[header.indexOf("l1_band_residual")]).isEqualTo("0.25");
        assertThat(row[header.indexOf("l1_w_step_sq")]).isEqualTo("1.5");
        assertThat(row[header.indexOf("l1_w_trials")]).isEqualTo("3");
        assertThat(row[header.indexOf("l1_b_param")]).isEqualTo("NaN");
        assertThat(row[header.indexOf("l1_z_fallback")]).isEqualTo("1");
        assertThat(row[header.indexOf("l1_a_nanos")]).isEqualTo("40");
        assertThat(row[header.indexOf("test_accuracy")]).isEqualTo("NaN");
        String[] second = lines.get(2).split(",", -1);
        assertThat(second[header.indexOf("objective")]).isEqualTo("Infinity");
        assertThat(second[header.indexOf("infeasibility")]).isEqualTo("0.5");
        assertThat(second[header.indexOf("test_accuracy")]).isEqualTo("0.9");
    }

    @Test
    void plotsSkipNonFinitePointsAndCurvesWithoutAny() throws IOException {
        Curves curves = new Curves();
        curves.onIteration(record(0, 10.0, Double.NaN), null);
        curves.onIteration(record(1, Double.POSITIVE_INFINITY, Double.NaN), null);
        curves.onIteration(record(2, 4.0, Double.NaN), null);

        List<Path> written = curves.write(temp, "test");

        // layers.png: layer 1's positive steps are drawn; layer 2's are all 0 (NONE), which a log scale leaves out
        assertThat(written).containsExactly(temp.resolve(Curves.OBJECTIVE_PNG), temp.resolve(Curves.LOSS_PNG),
                temp.resolve(Curves.ACCURACY_PNG), temp.resolve(Curves.LAYERS_PNG));
        for (Path png : written) {
            assertThat(Files.size(png)).isPositive();
        }
        Path none = Files.createDirectories(temp.resolve("none"));
        assertThat(new Curves().write(none, "empty")).isEmpty();
        assertThat(none).isEmptyDirectory();

        // records without per-layer stats (SGD) or whose steps are all 0 draw no layers chart
        Path flat = Files.createDirectories(temp.resolve("flat"));
        Curves zeros = new Curves();
        LayerStats still = new LayerStats(1, 0.0, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE, BlockStep.NONE);
        zeros.onIteration(new IterationRecord(1, new ObjectiveTerms(1.0, 0.0, 0.0, 0.0), 0.5, 0.5, 0.5, 0.5,
                List.of(still), 1L), null);
        assertThat(zeros.write(flat, "still")).doesNotContain(flat.resolve(Curves.LAYERS_PNG)).isNotEmpty();
    }

    @Test
    void concurrentRunsGetDistinctDirectories() throws Exception {
        Path output = temp.resolve("runs");
        ConcurrentLinkedQueue<Path> created = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                created.add(RunDirectory.create(output, "same"));
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<Path> names = new ArrayList<>(created);
        assertThat(names).hasSize(8).doesNotHaveDuplicates();
        assertThat(names).contains(output.resolve("same"), output.resolve("same-8"));
    }

    @Test
    void namesAreSafeForFileSystems() {
        String name = RunDirectory.defaultName(Instant.parse("2026-01-02T03:04:05Z"), "dlam", "../csv x");
        assertThat(name).isEqualTo("20260102-030405-dlam-.._csv_x");
        assertThat(name).doesNotContain("/");
    }
}
