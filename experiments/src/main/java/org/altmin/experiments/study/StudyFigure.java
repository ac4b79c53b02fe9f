package org.altmin.experiments.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.altmin.experiments.compare.ComparePlot;
import org.altmin.experiments.compare.Comparison;
import org.altmin.experiments.compare.RunRecord;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A study's figure: a grid of panels, each the curves of one metric for the series (the methods), the mean over the
 * seeds as a line and the seeds' range (minimum to maximum) as a band around it; styled as {@link ComparePlot}'s
 * figures (axis titles, legend, a log y axis when the values are positive and span more than two decades, see
 * {@link Comparison#LOG_SPAN}). Rendered in memory as PNG (twice the nominal size) and SVG.
 */
final class StudyFigure {
    static final int PANEL_WIDTH = 640;
    static final int PANEL_HEIGHT = 430;
    static final int TITLE_HEIGHT = 36;
    /** One color per series, the same in every panel (Tableau's ten). */
    static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));
    private static final int BAND_ALPHA = 60;

    private final String title;
    private final int columns;
    private final List<XYChart> panels = new ArrayList<>();
    private final List<Boolean> logs = new ArrayList<>();

    StudyFigure(String title, int columns) {
        this.title = title;
        this.columns = columns;
    }

    /** The mean and range over seeds of one series at each step that some seed has a finite value for. */
    record Curve(double[] steps, double[] mean, double[] min, double[] max, int seeds) {
        static Curve of(List<RunRecord> runs, String metric) {
            TreeSet<Integer> steps = new TreeSet<>();
            runs.stream().filter(r -> r.has(metric)).forEach(r -> {
                for (int s : r.steps()) {
                    steps.add(s);
                }
            });
            List<double[]> points = new ArrayList<>();
            for (int k : steps) {
                double sum = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (RunRecord r : runs) {
                    double v = r.at(metric, k);
                    if (Double.isFinite(v)) {
                        sum += v;
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                        n++;
                    }
                }
                if (n > 0) {
                    points.add(new double[] {k, sum / n, lo, hi});
                }
            }
            double[][] cols = new double[4][points.size()];
            for (int i = 0; i < points.size(); i++) {
                for (int c = 0; c < 4; c++) {
                    cols[c][i] = points.get(i)[c];
                }
            }
            return new Curve(cols[0], cols[1], cols[2], cols[3], runs.size());
        }

        boolean isEmpty() {
            return steps.length == 0;
        }
    }

    /**
     * Adds a panel: {@code series} maps each series label (in legend order) to its runs (one per seed); each series
     * keeps the color of its index in {@code allSeries}.
     */
    StudyFigure panel(String panelTitle, String xTitle, String metric, Map<String, List<RunRecord>> series,
            List<String> allSeries) {
        List<Curve> curves = new ArrayList<>();
        series.values().forEach(runs -> curves.add(Curve.of(runs, metric)));
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        boolean negative = false;
        for (Curve c : curves) {
            for (int i = 0; i < c.steps.length; i++) {
                negative |= c.min[i] < 0;
                if (c.min[i] > 0) {
                    min = Math.min(min, c.min[i]);
                }
                max = Math.max(max, c.max[i]);
            }
        }
        boolean log = !negative && max > 0 && max / min > Comparison.LOG_SPAN;
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).xAxisTitle(xTitle)
                .yAxisTitle(metric + (log ? " (log scale)" : "")).title(panelTitle).build();
        ComparePlot.style(chart, log);
        chart.getStyler().setChartTitleVisible(!panelTitle.isEmpty());
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getStyler().setChartTitleBoxVisible(false);
        int i = 0;
        for (Map.Entry<String, List<RunRecord>> e : series.entrySet()) {
            Curve c = curves.get(i++);
            Color color = PALETTE.get(Math.max(0, allSeries.indexOf(e.getKey())) % PALETTE.size());
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (int p = 0; p < c.steps.length; p++) {
                if (!log || c.min[p] > 0) {
                    xs.add(c.steps[p]);
                    ys.add(c.mean[p]);
                    lo.add(c.min[p]);
                    hi.add(c.max[p]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            if (c.seeds > 1) {
                List<Double> bx = new ArrayList<>(xs);
                List<Double> by = new ArrayList<>(hi);
                for (int p = xs.size() - 1; p >= 0; p--) {
                    bx.add(xs.get(p));
                    by.add(lo.get(p));
                }
                XYSeries band = chart.addSeries(e.getKey() + " (range over seeds)", bx, by);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries line = chart.addSeries(e.getKey() + (c.seeds > 1 ? " (mean of " + c.seeds + " seeds)" : ""),
                    xs, ys);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(color);
            line.setLineStyle(new BasicStroke(2f));
            line.setMarker(SeriesMarkers.NONE);
        }
        panels.add(chart);
        logs.add(log);
        return this;
    }

    List<XYChart> panels() {
        return panels;
    }

    /** Whether each panel has a log y axis. */
    List<Boolean> logs() {
        return logs;
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    private int width() {
        return Math.min(columns, Math.max(1, panels.size())) * PANEL_WIDTH;
    }

    private int height() {
        return TITLE_HEIGHT + rows() * PANEL_HEIGHT;
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        int textWidth = g.getFontMetrics().stringWidth(title);
        g.drawString(title, Math.max(8, (width() - textWidth) / 2), TITLE_HEIGHT - 12);
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create();
            panel.translate((i % columns) * PANEL_WIDTH, TITLE_HEIGHT + (i / columns) * PANEL_HEIGHT);
            panels.get(i).paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
            panel.dispose();
        }
    }

    /** The PNG, {@link ComparePlot#PNG_SCALE} times the nominal size. */
    byte[] png() {
        return ComparePlot.png(width(), height(), this::paint);
    }

    /** The SVG, through VectorGraphics2D (as XChart's own SVG export). */
    byte[] svg() {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height())).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the SVG", e);
        }
        return out.toByteArray();
    }
}
