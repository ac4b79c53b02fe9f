package org.altmin.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.State;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Keeps the records of a run and draws its curves at the end with XChart: {@code objective.png} (F, log scale
 * when positive), {@code loss.png} (train and test mean loss), {@code accuracy.png}, and for a block-wise optimizer
 * {@code layers.png}: per layer the squared steps {@code ||W^{k+1} - W^k||^2} and {@code ||z^{k+1} - z^k||^2} on a
 * log scale, which shows at a glance which layers move (under DLAM's fixed eps the hidden layers' curves are
 * absent: their steps are exactly 0). Non-finite points (an infeasible F, a missing test set) and, on log scales,
 * zeros are left out rather than breaking the plot.
 */
public final class Curves implements IterationListener {
    public static final String OBJECTIVE_PNG = "objective.png";
    public static final String LOSS_PNG = "loss.png";
    public static final String ACCURACY_PNG = "accuracy.png";
    public static final String LAYERS_PNG = "layers.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private final List<IterationRecord> records = new ArrayList<>();

    @Override
    public void onIteration(IterationRecord record, State state) {
        records.add(record);
    }

    public List<IterationRecord> records() {
        return List.copyOf(records);
    }

    /** Writes the PNG files into {@code directory}; returns the files written (a curve without points is skipped). */
    public List<Path> write(Path directory, String title) throws IOException {
        List<Path> written = new ArrayList<>();
        chart(directory.resolve(OBJECTIVE_PNG), title, "objective F", List.of(
                new Series("F", IterationRecord::objective)), Scale.LOG_IF_POSITIVE, written);
        chart(directory.resolve(LOSS_PNG), title, "mean loss per sample", List.of(
                new Series("train", IterationRecord::trainLoss), new Series("test", IterationRecord::testLoss)),
                Scale.LINEAR, written);
        chart(directory.resolve(ACCURACY_PNG), title, "accuracy", List.of(
                new Series("train", IterationRecord::trainAccuracy), new Series("test", IterationRecord::testAccuracy)),
                Scale.LINEAR, written);
        int layers = records.stream().mapToInt(r -> r.layers().size()).max().orElse(0);
        List<Series> steps = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            int index = l - 1;
            steps.add(new Series("W_" + l, r -> index < r.layers().size() ? r.layers().get(index).w().stepSquared() : Double.NaN));
            steps.add(new Series("z_" + l, r -> index < r.layers().size() ? r.layers().get(index).z().stepSquared() : Double.NaN));
        }
        chart(directory.resolve(LAYERS_PNG), title, "squared step per block", steps, Scale.LOG, written);
        return written;
    }

    private record Series(String name, ToDoubleFunction<IterationRecord> value) {}

    /** The y axis: linear, logarithmic when every point is positive, or logarithmic leaving out points {@code <= 0}. */
    private enum Scale { LINEAR, LOG_IF_POSITIVE, LOG }

    private void chart(Path file, String title, String yTitle, List<Series> series, Scale scale, List<Path> written)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("iteration")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(0);
        boolean allPositive = true;
        int plotted = 0;
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (IterationRecord record : records) {
                double y = s.value().applyAsDouble(record);
                if (Double.isFinite(y) && !(scale == Scale.LOG && y <= 0)) {
                    xs.add((double) record.iteration());
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
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        written.add(file);
    }
}
