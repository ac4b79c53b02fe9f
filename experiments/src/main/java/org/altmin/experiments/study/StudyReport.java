package org.altmin.experiments.study;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.altmin.experiments.compare.RunRecord;
import org.altmin.experiments.model.AtomicWrite;
import org.altmin.experiments.run.RunDirectory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * A study's report, from its run directories: {@code results.csv} (one row per run and reported iteration: the
 * settings, the seed, status, train and test loss and accuracy, objective, the training time so far),
 * {@code report.md} (per setting the mean and standard deviation over the seeds at the chosen iterations and at the
 * end, the figures, the published numbers beside ours, the failed runs with their diagnoses) and the figures
 * ({@link StudyFigure}, PNG and SVG) under {@code figures/}. Every file is written atomically.
 */
public final class StudyReport {
    public static final String RESULTS = "results.csv";
    public static final String REPORT = "report.md";
    public static final String FIGURES = "figures";
    /** The validation split's columns of {@code metrics.csv}, reported when runs hold out a validation set. */
    public static final List<String> VALIDATION = org.altmin.experiments.run.MetricsCsv.VALIDATION;
    /** The {@code metrics.csv} columns {@code results.csv} carries, in order. */
    public static final List<String> RESULT_METRICS = List.of("train_loss", "train_accuracy", "test_loss",
            "test_accuracy", "objective");

    private final StudyPlan plan;
    private final Map<String, RunResult> results;
    private final Map<String, RunRecord> records = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();

    /**
     * The report of {@code plan}, whose runs live under {@code runs}; {@code results} has this invocation's outcome
     * of each run by name (a run without a directory is reported from it).
     */
    public StudyReport(StudyPlan plan, Path runs, Map<String, RunResult> results) {
        this.plan = plan;
        this.results = results;
        for (StudyPlan.StudyRun run : plan.runs()) {
            Path directory = runs.resolve(run.name());
            if (Files.isRegularFile(directory.resolve(RunDirectory.SUMMARY))) {
                try {
                    records.put(run.name(), RunRecord.read(directory));
                } catch (RunRecord.BadRunException e) {
                    unreadable.put(run.name(), e.getMessage());
                }
            }
        }
    }

    /** The runs read back, by name (a run that failed before training has none). */
    public Map<String, RunRecord> records() {
        return records;
    }

    /** Writes {@code results.csv}, the figures and {@code report.md} into {@code directory}; returns the report. */
    public String write(Path directory, String header) throws IOException {
        Files.createDirectories(directory.resolve(FIGURES));
        AtomicWrite.write(directory.resolve(RESULTS), this::writeCsv);
        StringBuilder md = new StringBuilder();
        StudySpec spec = plan.spec();
        md.append("# Study ").append(spec.name()).append(plan.scale() == null ? "" : " (scale " + plan.scale() + ")")
                .append("\n\n");
        if (!spec.description().isBlank()) {
            md.append(spec.description().strip()).append("\n\n");
        }
        md.append(header.strip()).append("\n\n");
        List<Integer> at = new ArrayList<>(spec.report().at());
        tables(md, at);
        figures(md, directory);
        reference(md);
        failures(md);
        md.append("Every run's directory is under `runs/`; `results.csv` has every reported iteration of every run.\n");
        AtomicWrite.write(directory.resolve(REPORT), md.toString().getBytes(StandardCharsets.UTF_8));
        return md.toString();
    }

    private void writeCsv(java.io.OutputStream stream) throws IOException {
        Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(plan.spec().axes().stream().map(StudySpec.Axis::name).toList());
        header.addAll(List.of("seed", "status", "unit", "iteration"));
        List<String> metrics = metrics();
        header.addAll(metrics);
        header.add("seconds");
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                .setHeader(header.toArray(String[]::new)).get())) {
            for (StudyPlan.StudyRun run : plan.runs()) {
                RunRecord r = records.get(run.name());
                if (r == null) {
                    continue;
                }
                double[] nanos = r.columns().get("nanos");
                double seconds = 0;
                for (int row = 0; row < r.steps().length; row++) {
                    List<Object> cells = new ArrayList<>();
                    cells.add(run.name());
                    cells.addAll(run.labels().values());
                    cells.add(run.seed());
                    cells.add(r.status());
                    cells.add(r.unit());
                    cells.add(r.steps()[row]);
                    for (String metric : metrics) {
                        double v = r.has(metric) ? r.columns().get(metric)[row] : Double.NaN;
                        cells.add(Double.isNaN(v) ? "" : Double.toString(v));
                    }
                    if (nanos != null && Double.isFinite(nanos[row])) {
                        seconds += nanos[row] / 1e9;
                    }
                    cells.add(String.format(Locale.ROOT, "%.6f", seconds));
                    csv.printRecord(cells);
                }
            }
        }
    }

    /**
     * {@link #RESULT_METRICS}, with the validation split's {@code val_loss} and {@code val_accuracy} after the
     * training metrics when a run reports them (data option {@code validation}): the columns a tuning search reads,
     * so that it never selects on the test set.
     */
    List<String> metrics() {
        if (records.values().stream().noneMatch(r -> r.has(VALIDATION.get(1)))) {
            return RESULT_METRICS;
        }
        List<String> out = new ArrayList<>(RESULT_METRICS.subList(0, 2));
        out.addAll(VALIDATION);
        out.addAll(RESULT_METRICS.subList(2, RESULT_METRICS.size()));
        return List.copyOf(out);
    }

    /** The settings (combinations of axis labels, seeds apart), in plan order, with their runs' records. */
    Map<Map<String, String>, List<RunRecord>> settings() {
        Map<Map<String, String>, List<RunRecord>> out = new LinkedHashMap<>();
        for (StudyPlan.StudyRun run : plan.runs()) {
            List<RunRecord> list = out.computeIfAbsent(run.labels(), k -> new ArrayList<>());
            RunRecord r = records.get(run.name());
            if (r != null && !org.altmin.experiments.run.Summary.ERROR.equals(r.status())) {
                list.add(r);
            }
        }
        return out;
    }

    /** Mean and sample standard deviation of the metric over the runs that have it at step k (k < 0: the end). */
    static SummaryStatistics stats(List<RunRecord> runs, String metric, int k) {
        SummaryStatistics s = new SummaryStatistics();
        for (RunRecord r : runs) {
            double v = k < 0 ? r.last(metric) : r.at(metric, k);
            if (Double.isFinite(v)) {
                s.addValue(v);
            }
        }
        return s;
    }

    static String meanSd(SummaryStatistics s, boolean percent) {
        if (s.getN() == 0) {
            return "-";
        }
        double scale = percent ? 100 : 1;
        String mean = format(s.getMean() * scale, percent);
        return s.getN() == 1 ? mean + " (1 run)" : mean + " ± " + format(s.getStandardDeviation() * scale, percent);
    }

    private static String format(double v, boolean percent) {
        if (percent) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private void tables(StringBuilder md, List<Integer> requested) {
        Map<Map<String, String>, List<RunRecord>> settings = settings();
        Set<Integer> present = new LinkedHashSet<>();
        for (int k : requested) {
            if (records.values().stream().anyMatch(r -> r.rowOf(k) >= 0)) {
                present.add(k);
            }
        }
        List<String> axes = plan.spec().axes().stream().map(StudySpec.Axis::name).toList();
        md.append("## Mean ± standard deviation over seeds\n\n");
        md.append("At ").append(present.isEmpty() ? "the end" : "iterations " + joinInts(present) + " and at the end")
                .append(" (accuracies in %; SGD-family runs count epochs). `n` is the runs of the setting that "
                        + "trained.\n\n");
        for (String metric : metrics()) {
            boolean percent = metric.endsWith("accuracy");
            md.append("### ").append(metric).append(percent ? " (%)" : "").append("\n\n|");
            axes.forEach(a -> md.append(' ').append(a).append(" |"));
            md.append(" n |");
            present.forEach(k -> md.append(' ').append(k).append(" |"));
            md.append(" final |\n|");
            md.append(" --- |".repeat(axes.size() + 2 + present.size())).append('\n');
            for (Map.Entry<Map<String, String>, List<RunRecord>> e : settings.entrySet()) {
                md.append('|');
                e.getKey().values().forEach(v -> md.append(' ').append(v).append(" |"));
                md.append(' ').append(e.getValue().size()).append(" |");
                for (int k : present) {
                    md.append(' ').append(meanSd(stats(e.getValue(), metric, k), percent)).append(" |");
                }
                md.append(' ').append(meanSd(stats(e.getValue(), metric, -1), percent)).append(" |\n");
            }
            md.append('\n');
        }
    }

    private static String joinInts(Set<Integer> ks) {
        return String.join(", ", ks.stream().map(String::valueOf).toList());
    }

    /** The figures: the spec's, or one per metric with a panel per combination of the non-series axes. */
    List<StudySpec.Figure> figureSpecs() {
        StudySpec.ReportSpec report = plan.spec().report();
        if (!report.figures().isEmpty()) {
            return report.figures();
        }
        Set<Map<String, String>> wheres = new LinkedHashSet<>();
        for (StudyPlan.StudyRun run : plan.runs()) {
            Map<String, String> where = new LinkedHashMap<>(run.labels());
            where.remove(report.series());
            wheres.add(where);
        }
        List<StudySpec.Figure> figures = new ArrayList<>();
        for (String metric : report.metrics()) {
            List<StudySpec.Panel> panels = new ArrayList<>();
            for (Map<String, String> where : wheres) {
                panels.add(new StudySpec.Panel(String.join(", ", where.entrySet().stream()
                        .map(e -> e.getKey() + " = " + e.getValue()).toList()), metric, where));
            }
            figures.add(new StudySpec.Figure(metric.replaceAll("[^A-Za-z0-9._-]", "_"), metric,
                    Math.min(2, panels.size()), panels));
        }
        return figures;
    }

    private void figures(StringBuilder md, Path directory) throws IOException {
        StudySpec.ReportSpec report = plan.spec().report();
        StudySpec.Axis seriesAxis = plan.spec().axis(report.series());
        List<String> allSeries = seriesAxis.labels();
        md.append("## Figures\n\n");
        md.append("Each panel: the mean over the seeds (line) and the seeds' range, minimum to maximum (band), for each ")
                .append(report.series()).append(".\n\n");
        for (StudySpec.Figure figure : figureSpecs()) {
            StudyFigure drawn = new StudyFigure(figure.title(), figure.columns());
            for (StudySpec.Panel panel : figure.panels()) {
                Map<String, List<RunRecord>> series = new LinkedHashMap<>();
                Set<String> units = new LinkedHashSet<>();
                for (String label : allSeries) {
                    List<RunRecord> runs = new ArrayList<>();
                    for (StudyPlan.StudyRun run : plan.runs()) {
                        RunRecord r = records.get(run.name());
                        if (r != null && label.equals(run.labels().get(report.series()))
                                && panel.where().entrySet().stream().allMatch(w -> w.getValue().equals(
                                        run.labels().get(w.getKey())))) {
                            runs.add(r);
                            units.add(r.unit());
                        }
                    }
                    if (!runs.isEmpty()) {
                        series.put(label, runs);
                    }
                }
                String xTitle = report.xTitle() != null ? report.xTitle()
                        : units.isEmpty() ? "iteration" : String.join(" or ", units);
                drawn.panel(panel.title(), xTitle, panel.metric(), series, allSeries);
            }
            byte[] png = drawn.png();
            byte[] svg = drawn.svg();
            AtomicWrite.write(directory.resolve(FIGURES).resolve(figure.name() + ".png"), png);
            AtomicWrite.write(directory.resolve(FIGURES).resolve(figure.name() + ".svg"), svg);
            md.append("### ").append(figure.title()).append("\n\n![").append(figure.title()).append("](")
                    .append(FIGURES).append('/').append(figure.name()).append(".png) ([SVG](").append(FIGURES)
                    .append('/').append(figure.name()).append(".svg))\n\n");
        }
    }

    private void reference(StringBuilder md) {
        List<StudySpec.Reference> reference = plan.spec().report().reference();
        if (reference.isEmpty()) {
            return;
        }
        md.append("## Ours beside the paper\n\n");
        if (!plan.spec().report().referenceSource().isBlank()) {
            md.append(plan.spec().report().referenceSource().strip()).append("\n\n");
        }
        md.append("Ours: mean ± standard deviation over the seeds at the end of the runs; accuracies in %.\n\n");
        md.append("| setting | train accuracy | test accuracy | paper accuracy | train loss | test loss | paper loss |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (StudySpec.Reference ref : reference) {
            List<RunRecord> runs = new ArrayList<>();
            for (StudyPlan.StudyRun run : plan.runs()) {
                RunRecord r = records.get(run.name());
                if (r != null && !org.altmin.experiments.run.Summary.ERROR.equals(r.status())
                        && ref.where().entrySet().stream().allMatch(w -> w.getValue().equals(
                                run.labels().get(w.getKey())))) {
                    runs.add(r);
                }
            }
            md.append("| ").append(ref.setting().isBlank() ? String.join(", ", ref.where().values()) : ref.setting())
                    .append(" | ").append(meanSd(stats(runs, "train_accuracy", -1), true))
                    .append(" | ").append(meanSd(stats(runs, "test_accuracy", -1), true))
                    .append(" | ").append(ref.accuracy() == null ? "-" : ref.accuracy())
                    .append(" | ").append(meanSd(stats(runs, "train_loss", -1), false))
                    .append(" | ").append(meanSd(stats(runs, "test_loss", -1), false))
                    .append(" | ").append(ref.loss() == null ? "-" : ref.loss()).append(" |\n");
        }
        md.append('\n');
    }

    private void failures(StringBuilder md) {
        List<String> rows = new ArrayList<>();
        for (StudyPlan.StudyRun run : plan.runs()) {
            RunResult result = results.get(run.name());
            RunRecord record = records.get(run.name());
            String diagnosis = null;
            String status = null;
            if (unreadable.containsKey(run.name())) {
                status = "UNREADABLE";
                diagnosis = unreadable.get(run.name());
            } else if (result != null && result.failed()) {
                status = result.status();
                diagnosis = result.diagnosis();
            } else if (record != null && !record.status().equals("MAX_ITERATIONS")
                    && !record.status().equals("CONVERGED")) {
                status = record.status();
                diagnosis = result != null ? result.diagnosis() : "see " + run.name() + "/summary.json";
            } else if (record == null && result == null) {
                status = "NOT RUN";
                diagnosis = "no results";
            }
            if (status != null) {
                rows.add("| " + run.name() + " | " + status + " | " + (diagnosis == null ? "" : diagnosis
                        .replace("|", "\\|").replace("\n", " ")) + " |");
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Runs that failed, diverged or stopped early\n\n| run | status | diagnosis |\n| --- | --- | --- |\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
    }
}
