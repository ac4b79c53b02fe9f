package org.altmin.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.altmin.api.BlockReport;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.State;
import org.altmin.experiments.model.AtomicWrite;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Keeps the reports of a run and draws its curves at the end with XChart, the x axis titled by the optimizer's unit
 * (iteration or epoch): {@code objective.png} (F, log scale when positive), {@code loss.png} (train and test mean
 * loss), {@code accuracy.png}, {@code layers.png} with one series per block ({@link BlockReport#key()}, every
 * variable: W, b, z, a and a method's own), its squared step {@code ||x^{k+1} - x^k||^2} on a log scale, which shows
 * at a glance which blocks move (under a fixed eps (epsilonDecay 1) the hidden layers' z and a curves are absent: their steps
 * are exactly 0), and {@code diagnostics.png} with one series per diagnostic (log scale when every point is
 * positive). The series come from the reports' names, so a new optimizer needs no edit here. Non-finite points (an
 * infeasible F, a missing test set) and, on log scales, zeros are left out rather than breaking the plot; a chart
 * without any point is not written.
 */
public final class Curves implements IterationListener {
    public static final String OBJECTIVE_PNG = "objective.png";
    public static final String LOSS_PNG = "loss.png";
    public static final String ACCURACY_PNG = "accuracy.png";
    public static final String LAYERS_PNG = "layers.png";
    public static final String DIAGNOSTICS_PNG = "diagnostics.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private final List<IterationReport> reports = new ArrayList<>();

    @Override
    public void onIteration(IterationReport report, State state) {
        reports.add(report);
    }

    public List<IterationReport> reports() {
        return List.copyOf(reports);
    }

    /** Writes the PNG files into {@code directory}; returns the files written (a curve without points is skipped). */
    public List<Path> write(Path directory, String title) throws IOException {
        List<Path> written = new ArrayList<>();
        String x = reports.isEmpty() ? IterationUnit.ITERATION.label() : reports.get(0).unit().label();
        chart(directory.resolve(OBJECTIVE_PNG), title, x, "objective F", List.of(
                new Series("F", IterationReport::objective)), Scale.LOG_IF_POSITIVE, written);
        chart(directory.resolve(LOSS_PNG), title, x, "mean loss per sample", List.of(
                new Series("train", IterationReport::trainLoss),
                new Series("validation", IterationReport::validationLoss),
                new Series("test", IterationReport::testLoss)),
                Scale.LINEAR, written);
        chart(directory.resolve(ACCURACY_PNG), title, x, "accuracy", List.of(
                new Series("train", IterationReport::trainAccuracy),
                new Series("validation", IterationReport::validationAccuracy),
                new Series("test", IterationReport::testAccuracy)), Scale.LINEAR, written);
        Set<String> blocks = new LinkedHashSet<>();
        Set<String> diagnostics = new LinkedHashSet<>();
        for (IterationReport r : reports) {
            r.blocks().forEach(b -> blocks.add(b.key()));
            diagnostics.addAll(r.diagnostics().keySet());
        }
        List<Series> steps = new ArrayList<>();
        for (String key : blocks) {
            steps.add(new Series(key, r -> stepSquared(r, key)));
        }
        chart(directory.resolve(LAYERS_PNG), title, x, "squared step per block", steps, Scale.LOG, written);
        List<Series> named = new ArrayList<>();
        for (String name : diagnostics) {
            named.add(new Series(name, r -> r.diagnostic(name)));
        }
        chart(directory.resolve(DIAGNOSTICS_PNG), title, x, "diagnostics", named, Scale.LOG_IF_POSITIVE, written);
        return written;
    }

    /** The squared step of block {@code key} (summed if it ran more than once), NaN when the report lacks it. */
    private static double stepSquared(IterationReport report, String key) {
        double sum = Double.NaN;
        for (BlockReport b : report.blocks()) {
            if (b.key().equals(key)) {
                sum = Double.isNaN(sum) ? b.stepSquared() : sum + b.stepSquared();
            }
        }
        return sum;
    }

    private record Series(String name, ToDoubleFunction<IterationReport> value) {}

    /** The y axis: linear, logarithmic when every point is positive, or logarithmic leaving out points {@code <= 0}. */
    private enum Scale { LINEAR, LOG_IF_POSITIVE, LOG }

    private void chart(Path file, String title, String xTitle, String yTitle, List<Series> series, Scale scale,
            List<Path> written) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(0);
        boolean allPositive = true;
        int plotted = 0;
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (IterationReport report : reports) {
                double y = s.value().applyAsDouble(report);
                if (Double.isFinite(y) && !(scale == Scale.LOG && y <= 0)) {
                    xs.add((double) report.iteration());
                    ys.add(y);
                    allPositive &= y > 0;
                }
            }
            if (!xs.isEmpty()) {
                XYSeries added = chart.addSeries(s.name(), xs, ys);
                added.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                plotted++;
            }
        }
        if (plotted == 0) {
            return;
        }
        if (scale == Scale.LOG || scale == Scale.LOG_IF_POSITIVE && allPositive) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle(yTitle + " (log scale)");
        }
        // Atomically: a full disk or a crash never leaves a truncated PNG.
        AtomicWrite.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        written.add(file);
    }
}
