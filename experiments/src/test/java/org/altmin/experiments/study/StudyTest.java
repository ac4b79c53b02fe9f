package org.altmin.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.experiments.compare.RunRecord;
import org.altmin.experiments.run.RunDirectory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small study end to end on the local engine: run directories, a failing run reported while the others go on,
 * results.csv, report.md and the figures, and resuming.
 */
class StudyTest {
    /** Two methods x two seeds on tiny synthetic data; ADMM fails in its prepare (it takes no l1 regularizer). */
    static final String STUDY = """
            name: tiny
            base:
              data: {name: synthetic, trainSize: 60, testSize: 20, options: {features: 4, classes: 3}}
              hiddenWidths: [4]
              iterations: 4
              dtype: DOUBLE
              seed: 3
            axes:
              - name: method
                values:
                  - {label: dlam, set: {optimizer: {name: dlam, params: {rho: 0.3}}}}
                  - {label: admm, set: {optimizer: admm, regularizer: l1}}
            seeds: 2
            report: {at: [2, 4], metrics: [test_accuracy, objective]}
            """;

    static Study.Options options(StudySpec spec, Path dir, List<String> log) {
        return new Study.Options(spec, null, dir, dir.resolve("data"), false, "local", null, null, 1, Map.of(),
                m -> {
                    synchronized (log) {
                        log.add(m);
                    }
                }, List.of());
    }

    @Test
    void runsTheGridReportsItAndResumes(@TempDir Path dir) throws IOException {
        StudySpec spec = StudySpecIo.parse(STUDY, "tiny", null);
        List<String> log = new ArrayList<>();
        Study.Outcome outcome = Study.run(options(spec, dir, log));

        assertThat(outcome.results()).hasSize(4);
        assertThat(outcome.threads().threadsPerRun()).isEqualTo(1);
        assertThat(outcome.threads().parallel() * outcome.threads().threadsPerRun())
                .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        List<RunResult> failed = outcome.failures();
        assertThat(failed).hasSize(2).allSatisfy(f -> {
            assertThat(f.name()).startsWith("admm_");
            assertThat(f.diagnosis()).contains("l1");
        });
        assertThat(outcome.results()).filteredOn(r -> !r.failed())
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("MAX_ITERATIONS"));
        Path runs = dir.resolve(Study.RUNS);
        for (StudyPlan.StudyRun run : outcome.plan().runs()) {
            if (!run.name().startsWith("admm_")) {
                RunRecord record = RunRecord.read(runs.resolve(run.name()));
                assertThat(record.spec().seed()).isEqualTo(run.seed());
                assertThat(record.steps()).containsExactly(0, 1, 2, 3, 4);
            }
        }
        assertThat(log).anyMatch(l -> l.matches("study: \\d done.*, \\d running, \\d left, .* elapsed, .*"));
        assertThat(log).anyMatch(l -> l.contains("left") && l.contains("about"));

        // results.csv: one row per run and reported iteration, with the settings and the seed
        List<CSVRecord> rows;
        try (CSVParser csv = CSVParser.parse(dir.resolve(StudyReport.RESULTS), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(csv.getHeaderNames()).containsExactly("run", "method", "seed", "status", "unit", "iteration",
                    "train_loss", "train_accuracy", "test_loss", "test_accuracy", "objective", "seconds");
            rows = csv.getRecords();
        }
        assertThat(rows).hasSize(2 * 5);
        RunRecord firstDlam = RunRecord.read(runs.resolve(outcome.plan().runs().get(0).name()));
        CSVRecord dlamAt2 = rows.stream().filter(r -> r.get("run").equals(firstDlam.name())
                && r.get("iteration").equals("2")).findFirst().orElseThrow();
        assertThat(dlamAt2.get("method")).isEqualTo("dlam");
        assertThat(dlamAt2.get("seed")).isEqualTo("3");
        assertThat(Double.parseDouble(dlamAt2.get("test_accuracy"))).isEqualTo(firstDlam.at("test_accuracy", 2));
        assertThat(Double.parseDouble(dlamAt2.get("seconds"))).isPositive();

        // report.md: per setting mean ± sd at the chosen iterations, the failures with their diagnosis, figures
        String report = Files.readString(dir.resolve(StudyReport.REPORT));
        double a = firstDlam.last("test_accuracy");
        double b = RunRecord.read(runs.resolve(outcome.plan().runs().get(1).name())).last("test_accuracy");
        org.apache.commons.math3.stat.descriptive.SummaryStatistics s =
                new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
        s.addValue(a);
        s.addValue(b);
        assertThat(report).contains("### test_accuracy (%)").contains("| method | n | 2 | 4 | final |")
                .contains("| dlam | 2 |").contains(StudyReport.meanSd(s, true))
                .contains("| admm | 0 |").contains("FAILED").contains("l1");
        for (String metric : List.of("test_accuracy", "objective")) {
            byte[] png = Files.readAllBytes(dir.resolve(StudyReport.FIGURES).resolve(metric + ".png"));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            String svg = Files.readString(dir.resolve(StudyReport.FIGURES).resolve(metric + ".svg"));
            // (VectorGraphics2D draws text as outlines) the first series' band and line, in its palette color
            assertThat(svg.startsWith("<?xml") && svg.contains("<svg")).as("%s.svg is an SVG", metric).isTrue();
            assertThat(svg.contains("fill:rgb(31,119,180);fill-opacity") && svg.contains("stroke:rgb(31,119,180)"))
                    .as("%s.svg has dlam's band and mean line", metric).isTrue();
            assertThat(report).contains("figures/" + metric + ".png");
        }
        assertThat(Files.readString(dir.resolve(Study.PROVENANCE))).contains("\"threadsPerRun\" : 1")
                .contains("\"engine\" : \"local\"");

        // Resume: the finished runs are skipped (their files untouched); the failed ones and an unfinished one rerun
        Path kept = runs.resolve(outcome.plan().runs().get(0).name()).resolve(RunDirectory.METRICS);
        FileTime before = Files.getLastModifiedTime(kept);
        Path unfinished = runs.resolve(outcome.plan().runs().get(1).name());
        Files.delete(unfinished.resolve(RunDirectory.SUMMARY));
        Study.Outcome again = Study.run(options(spec, dir, new ArrayList<>()));
        assertThat(again.skipped()).isEqualTo(1);
        assertThat(again.results()).filteredOn(r -> !RunResult.SKIPPED.equals(r.status()))
                .extracting(RunResult::name).containsExactlyInAnyOrder(outcome.plan().runs().get(1).name(),
                        failed.get(0).name(), failed.get(1).name());
        assertThat(Files.getLastModifiedTime(kept)).isEqualTo(before);
        assertThat(Files.isRegularFile(unfinished.resolve(RunDirectory.SUMMARY))).isTrue();
        assertThat(Files.list(runs).filter(p -> p.getFileName().toString().endsWith("-2")).count()).isZero();
        assertThat(Files.readAllLines(dir.resolve(StudyReport.RESULTS))).hasSize(1 + 2 * 5);
    }

    @Test
    void aValidationSplitIsReportedSoThatTuningNeverReadsTheTestSet(@TempDir Path dir) throws IOException {
        StudySpec spec = StudySpecIo.parse("""
                name: tune
                base:
                  data: {name: synthetic, trainSize: 80, testSize: 20, options: {features: 4, classes: 3, validation: 20}}
                  hiddenWidths: [4]
                  iterations: 3
                  dtype: DOUBLE
                  seed: 3
                  optimizer: {name: dlam}
                axes:
                  - name: optimizer.params.rho
                    values: [0.1, 1.0]
                seeds: 1
                """, "tune", null);
        Study.Outcome outcome = Study.run(options(spec, dir, new ArrayList<>()));
        assertThat(outcome.failures()).isEmpty();
        try (CSVParser csv = CSVParser.parse(dir.resolve(StudyReport.RESULTS), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().get())) {
            assertThat(csv.getHeaderNames()).containsSubsequence("train_accuracy", "val_loss", "val_accuracy",
                    "test_loss");
            List<CSVRecord> rows = csv.getRecords();
            assertThat(rows).hasSize(2 * 4).allSatisfy(r -> {
                double accuracy = Double.parseDouble(r.get("val_accuracy"));
                assertThat(accuracy).isBetween(0.0, 1.0);
                // 20 held-out samples: an accuracy is a multiple of 1/20
                assertThat(accuracy * 20).isCloseTo(Math.rint(accuracy * 20), org.assertj.core.data.Offset.offset(1e-9));
            });
        }
        assertThat(Files.readString(dir.resolve(StudyReport.REPORT))).contains("### val_accuracy (%)");
    }
}
