package org.altmin.experiments.compare;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The overlaid curves of a {@link Comparison} with XChart: one line per run, labelled in the legend, the x axis titled
 * by the unit, the y axis by the metric (and "(log scale)" when logarithmic). Non-finite points are left out, and on
 * a log axis points {@code <= 0} too. Rendered in memory, as PNG (at twice the nominal size, for print) and SVG.
 */
public final class ComparePlot {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    /** The PNG's pixels per nominal pixel. */
    public static final int PNG_SCALE = 2;

    private final XYChart chart;
    private final boolean log;
    private int series;

    /** The chart of {@code comparison}, with a log y axis when {@code log}. */
    public ComparePlot(Comparison comparison, boolean log) {
        this.log = log;
        chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle(comparison.xTitle())
                .yAxisTitle(comparison.metric() + (!log ? "" : comparison.hasNonPositive() ? " (log scale, values <= 0 left out)"
                        : " (log scale)")).build();
        style(chart, log);
        for (int i = 0; i < comparison.runs().size(); i++) {
            RunRecord run = comparison.runs().get(i);
            if (!run.has(comparison.metric())) {
                continue;
            }
            double[] values = run.columns().get(comparison.metric());
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int r = 0; r < values.length; r++) {
                double y = values[r];
                if (Double.isFinite(y) && !(log && y <= 0)) {
                    xs.add((double) run.steps()[r]);
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(comparison.labels().get(i), xs, ys);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineStyle(new BasicStroke(2f));
                this.series++;
            }
        }
    }

    /**
     * The style of every altmin figure (also a study's panels): white background, light grid, legend below the plot,
     * no markers, sparse x ticks, a log y axis when {@code log}.
     */
    public static void style(XYChart chart, boolean log) {
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new java.awt.Color(0xDD, 0xDD, 0xDD));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setYAxisLogarithmic(log);
    }

    public XYChart chart() {
        return chart;
    }

    public boolean log() {
        return log;
    }

    /** The series drawn (runs with at least one plottable point). */
    public int seriesCount() {
        return series;
    }

    /** The PNG, {@link #PNG_SCALE} times {@link #WIDTH} x {@link #HEIGHT} pixels. */
    public byte[] png() {
        return png(WIDTH, HEIGHT, g -> chart.paint(g, WIDTH, HEIGHT));
    }

    /**
     * A figure of {@code width x height} points painted by {@code paint}, as a PNG of {@link #PNG_SCALE} times as
     * many pixels (antialiased): the one PNG encoder of compare's and the studies' figures.
     */
    public static byte[] png(int width, int height, java.util.function.Consumer<Graphics2D> paint) {
        BufferedImage image = new BufferedImage(width * PNG_SCALE, height * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(PNG_SCALE, PNG_SCALE);
            paint.accept(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the PNG", e);
        }
        return out.toByteArray();
    }

    /** The SVG (XChart's VectorGraphicsEncoder, through VectorGraphics2D). */
    public byte[] svg() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the SVG", e);
        }
        return out.toByteArray();
    }
}
