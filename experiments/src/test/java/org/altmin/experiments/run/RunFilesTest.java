package org.altmin.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.altmin.api.BlockReport;
import org.altmin.api.Evaluation;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a run directory, written from hand-made reports. */
class RunFilesTest {
    @TempDir
    Path temp;

    private static IterationReport report(int k, double objective, double testAccuracy) {
        return IterationReport.builder(k, IterationUnit.ITERATION).objective(objective)
                .term("risk", objective).term("regularization", 0.0).term("coupling", 0.0)
                .term("infeasibility", Double.isFinite(objective) ? 0.0 : 0.5)
                .evaluation(new Evaluation(0.7 / (k + 1), 0.5 + 0.1 * k, Double.NaN, testAccuracy))
                .diagnostic("band_residual_1", 0.25)
                .block(new BlockReport("W", 1, 1.5, 3, 2.0, false, 10))
                .block(new BlockReport("b", 1, 0.5, 0, Double.NaN, false, 20))
                .block(new BlockReport("z", 1, 0.125, 1, 1e-3, true, 30))
                .block(new BlockReport("a", 1, 4.0, 2, 0.5, false, 40))
                .block(BlockReport.none("W", 2)).block(BlockReport.none("b", 2)).block(BlockReport.none("z", 2))
                .nanos(1000L * k).build();
    }

    @Test
    void metricsFlattenEveryTermDiagnosticAndBlockAndAreFlushedPerRow() throws IOException {
        Path file = temp.resolve(RunDirectory.METRICS);
        try (MetricsCsv csv = new MetricsCsv(file)) {
            csv.onIteration(report(0, 10.0, Double.NaN), null);
            // Readable before close: flushed per row.
            assertThat(Files.readAllLines(file)).hasSize(2);
            csv.onIteration(report(1, Double.POSITIVE_INFINITY, 0.9), null);
        }
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).isEqualTo(MetricsCsv.header(report(0, 10.0, Double.NaN)));
        assertThat(header.subList(0, 12)).containsExactly("iteration", "objective", "risk", "regularization",
                "coupling", "infeasibility", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "nanos",
                "band_residual_1");
        assertThat(header.subList(12, 17)).containsExactly("W_1_step_sq", "W_1_trials", "W_1_modulus",
                "W_1_fallback", "W_1_nanos");
        assertThat(header).hasSize(12 + 7 * 5).containsAll(List.of("W_1_trials", "a_1_nanos", "z_1_fallback",
                "z_2_step_sq", "b_2_modulus"));
        String[] row = lines.get(1).split(",", -1);
        assertThat(row).hasSize(header.size());
        assertThat(row[header.indexOf("iteration")]).isEqualTo("0");
        assertThat(row[header.indexOf("objective")]).isEqualTo("10.0");
        assertThat(row[header.indexOf("band_residual_1")]).isEqualTo("0.25");
        assertThat(row[header.indexOf("W_1_step_sq")]).isEqualTo("1.5");
        assertThat(row[header.indexOf("W_1_trials")]).isEqualTo("3");
        assertThat(row[header.indexOf("W_1_modulus")]).isEqualTo("2.0");
        assertThat(row[header.indexOf("b_1_modulus")]).isEqualTo("NaN");
        assertThat(row[header.indexOf("z_1_fallback")]).isEqualTo("1");
        assertThat(row[header.indexOf("a_1_nanos")]).isEqualTo("40");
        assertThat(row[header.indexOf("test_accuracy")]).isEqualTo("NaN");
        String[] second = lines.get(2).split(",", -1);
        assertThat(second[header.indexOf("objective")]).isEqualTo("Infinity");
        assertThat(second[header.indexOf("infeasibility")]).isEqualTo("0.5");
        assertThat(second[header.indexOf("test_accuracy")]).isEqualTo("0.9");
        assertThat(second[header.indexOf("nanos")]).isEqualTo("1000");
    }

    @Test
    void anEpochOptimizersFirstColumnIsEpoch() throws IOException {
        IterationReport epoch = IterationReport.builder(0, IterationUnit.EPOCH).objective(1.0)
                .diagnostic("learning_rate", 0.01).block(BlockReport.none("W", 1)).block(BlockReport.none("b", 1))
                .build();
        Path file = temp.resolve(RunDirectory.METRICS);
        try (MetricsCsv csv = new MetricsCsv(file)) {
            csv.onIteration(epoch, null);
        }
        List<String> header = List.of(Files.readAllLines(file).get(0).split(","));
        assertThat(header.get(0)).isEqualTo("epoch");
        assertThat(header.subList(1, 8)).containsExactly("objective", "train_loss", "train_accuracy", "test_loss",
                "test_accuracy", "nanos", "learning_rate");
        assertThat(header).contains("W_1_step_sq", "b_1_nanos");
    }

    @Test
    void missingColumnsAreEmptyAndLateOnesWidenTheFile() throws IOException {
        Path file = temp.resolve(RunDirectory.METRICS);
        IterationReport start = IterationReport.builder(0, IterationUnit.ITERATION).objective(3.0)
                .term("augmented_lagrangian", 3.0).diagnostic("activation_residual_1", 0.5)
                .block(BlockReport.none("W", 1)).build();
        IterationReport first = IterationReport.builder(1, IterationUnit.ITERATION).objective(2.0)
                .diagnostic("primal_residual", 0.25).diagnostic("multiplier_step", 0.125)
                .block(new BlockReport("W", 1, 1.0, 0, Double.NaN, false, 5))
                .block(new BlockReport("lambda", 1, 2.0, 0, Double.NaN, false, 6)).build();
        try (MetricsCsv csv = new MetricsCsv(file)) {
            csv.onIteration(start, null);
            csv.onIteration(first, null);
            // The widened file is complete before close.
            assertThat(Files.readAllLines(file)).hasSize(3);
            csv.onIteration(first.withEvaluation(new Evaluation(1.0, 0.5, 1.5, 0.25)), null);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).containsExactly("iteration", "objective", "augmented_lagrangian", "train_loss",
                "train_accuracy", "test_loss", "test_accuracy", "nanos", "activation_residual_1", "primal_residual",
                "multiplier_step", "W_1_step_sq", "W_1_trials", "W_1_modulus", "W_1_fallback", "W_1_nanos",
                "lambda_1_step_sq", "lambda_1_trials", "lambda_1_modulus", "lambda_1_fallback", "lambda_1_nanos");
        String[] zero = lines.get(1).split(",", -1);
        String[] one = lines.get(2).split(",", -1);
        assertThat(zero).hasSize(header.size());
        assertThat(one).hasSize(header.size());
        assertThat(zero[header.indexOf("primal_residual")]).isEmpty();
        assertThat(zero[header.indexOf("lambda_1_step_sq")]).isEmpty();
        assertThat(zero[header.indexOf("activation_residual_1")]).isEqualTo("0.5");
        assertThat(one[header.indexOf("augmented_lagrangian")]).isEmpty();
        assertThat(one[header.indexOf("activation_residual_1")]).isEmpty();
        assertThat(one[header.indexOf("primal_residual")]).isEqualTo("0.25");
        assertThat(one[header.indexOf("multiplier_step")]).isEqualTo("0.125");
        assertThat(one[header.indexOf("lambda_1_step_sq")]).isEqualTo("2.0");
        assertThat(lines.get(3).split(",", -1)[header.indexOf("test_accuracy")]).isEqualTo("0.25");
        assertThat(temp.resolve(RunDirectory.METRICS + ".tmp")).doesNotExist();
    }

    @Test
    void namesThatClashWithAnotherColumnArePrefixedWithTheirGroup() {
        IterationReport clash = IterationReport.builder(0, IterationUnit.ITERATION).objective(1.0)
                .term("nanos", 1.0).diagnostic("objective", 2.0).diagnostic("W_1_step_sq", 3.0)
                .block(BlockReport.none("W", 1)).block(BlockReport.none("W", 1)).build();

        List<String> header = MetricsCsv.header(clash);

        assertThat(header).doesNotHaveDuplicates().contains("term_nanos", "diagnostic_objective", "W_1_step_sq",
                "block_W_1_step_sq", "W_1#2_step_sq").startsWith("iteration", "objective", "term_nanos");
    }

    @Test
    void plotsSkipNonFinitePointsAndCurvesWithoutAny() throws IOException {
        Curves curves = new Curves();
        curves.onIteration(report(0, 10.0, Double.NaN), null);
        curves.onIteration(report(1, Double.POSITIVE_INFINITY, Double.NaN), null);
        curves.onIteration(report(2, 4.0, Double.NaN), null);

        List<Path> written = curves.write(temp, "test");

        // layers.png: layer 1's positive steps are drawn; layer 2's are all 0 (none), which a log scale leaves out
        assertThat(written).containsExactly(temp.resolve(Curves.OBJECTIVE_PNG), temp.resolve(Curves.LOSS_PNG),
                temp.resolve(Curves.ACCURACY_PNG), temp.resolve(Curves.LAYERS_PNG),
                temp.resolve(Curves.DIAGNOSTICS_PNG));
        for (Path png : written) {
            assertThat(Files.size(png)).isPositive();
        }
        Path none = Files.createDirectories(temp.resolve("none"));
        assertThat(new Curves().write(none, "empty")).isEmpty();
        assertThat(none).isEmptyDirectory();

        // reports without blocks that move and without diagnostics draw no layers or diagnostics chart
        Path flat = Files.createDirectories(temp.resolve("flat"));
        Curves zeros = new Curves();
        zeros.onIteration(IterationReport.builder(1, IterationUnit.EPOCH).objective(1.0)
                .evaluation(new Evaluation(0.5, 0.5, 0.5, 0.5)).block(BlockReport.none("W", 1)).nanos(1L).build(),
                null);
        assertThat(zeros.write(flat, "still")).doesNotContain(flat.resolve(Curves.LAYERS_PNG),
                flat.resolve(Curves.DIAGNOSTICS_PNG)).isNotEmpty();
    }

    @Test
    void layersShowEveryVariablesBlocks() throws IOException {
        Curves curves = new Curves();
        for (int k = 1; k <= 3; k++) {
            curves.onIteration(IterationReport.builder(k, IterationUnit.ITERATION).objective(1.0 / k)
                    .block(new BlockReport("lambda", 1, 1.0 / k, 0, Double.NaN, false, 1)).build(), null);
        }
        Path dir = Files.createDirectories(temp.resolve("lambda"));

        assertThat(curves.write(dir, "lambda")).contains(dir.resolve(Curves.LAYERS_PNG))
                .doesNotContain(dir.resolve(Curves.DIAGNOSTICS_PNG));
    }

    @Test
    void summaryAndProgressSayTheUnit() {
        IterationReport epoch = IterationReport.builder(3, IterationUnit.EPOCH).objective(0.5)
                .evaluation(new Evaluation(0.5, 0.75, Double.NaN, Double.NaN)).build();
        TrainingResult result = new TrainingResult(TrainingResult.Status.STOPPED, "enough at epoch 3", 3, List.of(),
                List.of(), Optional.of(epoch));

        Summary summary = Summary.of(result, IterationUnit.EPOCH, 1.5, "dir", null);

        assertThat(summary.unit()).isEqualTo("epoch");
        assertThat(summary.status()).isEqualTo("STOPPED");
        assertThat(summary.diagnosis()).isEqualTo("enough at epoch 3");
        assertThat(summary.trainAccuracy()).isEqualTo(0.75);
        assertThat(summary.testAccuracy()).isNull();
        assertThat(Progress.describe(epoch, 5)).startsWith("epoch 3/5  F=0.5");
        assertThat(Progress.describe(IterationReport.builder(2, IterationUnit.ITERATION).build(), 4))
                .startsWith("iter 2/4  F=NaN");
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
