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
 * when positive), {@code loss.png} (train and test mean loss) and {@code accuracy.png}. Non-finite points (an
 * infeasible F, a missing test set) are left out rather than breaking the plot.
 */
public final class Curves implements IterationListener {
    public static final String OBJECTIVE_PNG = "objective.png";
    public static final String LOSS_PNG = "loss.png";
    public static final String ACCURACY_PNG = "accuracy.png";
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
                new Series("F", IterationRecord::objective)), true, written);
        chart(directory.resolve(LOSS_PNG), title, "mean loss per sample", List.of(
                new Series("train", IterationRecord::trainLoss), new Series("test", IterationRecord::testLoss)),
                false, written);
        chart(directory.resolve(ACCURACY_PNG), title, "accuracy", List.of(
                new Series("train", IterationRecord::trainAccuracy), new Series("test", IterationRecord::testAccuracy)),
                false, written);
        return written;
    }

    private record Series(String name, ToDoubleFunction<IterationRecord> value) {}

    private void chart(Path file, String title, String yTitle, List<Series> series, boolean logIfPositive,
            List<Path> written) throws IOException {
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
                if (Double.isFinite(y)) {
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
        if (logIfPositive && allPositive) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle(yTitle + " (log scale)");
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        written.add(file);
    }
}
