package org.altmin.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.IterationListener;
import org.altmin.api.Validate;
import org.altmin.experiments.model.AtomicWrite;
import org.altmin.verification.checks.Verdict;
import org.altmin.verification.monitors.BoundednessMonitor;
import org.altmin.verification.monitors.RateMonitor;
import org.altmin.verification.monitors.SubgradientBoundMonitor;
import org.altmin.verification.monitors.SufficientDescentMonitor;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run-time monitors of Properties 1-3 and Theorem 1's rate (module {@code verification}) attached to a run by
 * {@code --monitor}: all four, always. Each decides for itself, from the optimizer's {@link org.altmin.api.Theory} given in
 * {@link IterationListener#onStart}, whether its property applies, and reports SKIPPED with the theory's reason when
 * it does not (e.g. the ADMM of Taylor et al., whose paper proves none of them). Their verdicts go to
 * {@code summary.json}, their full reports to {@code monitors.json}, and each draws its figure next to them
 * ({@link #writeFigures}): {@value #DESCENT_PNG} (F's decrease and Property 2's bound per iteration),
 * {@value #SUBGRADIENT_PNG} (Property 3's ratio, the estimate of C), {@value #RATE_PNG} (Theorem 1's
 * {@code k min_j ||x^{j+1} - x^j||^2} and the partial sums of the squared steps) and {@value #BOUNDEDNESS_PNG} (the
 * largest norm of every variable and F), all on log scales.
 */
public final class Monitors {
    /** The file with the monitors' reports. */
    public static final String FILE = "monitors.json";
    /**
     * The optimizer parameter handed to the subgradient monitor for its standalone formula (DLAM's penalty); it uses
     * the optimizer's {@link org.altmin.api.ObjectiveModel} instead whenever there is one.
     */
    public static final String RHO = "rho";
    public static final String DESCENT_PNG = "monitor-descent.png";
    public static final String SUBGRADIENT_PNG = "monitor-subgradient.png";
    public static final String RATE_PNG = "monitor-rate.png";
    public static final String BOUNDEDNESS_PNG = "monitor-boundedness.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private final BoundednessMonitor boundedness = new BoundednessMonitor();
    private final SufficientDescentMonitor descent = new SufficientDescentMonitor();
    private final SubgradientBoundMonitor subgradient;
    private final RateMonitor rate = new RateMonitor();

    /** A verdict as written to JSON. */
    public record Result(String check, boolean passed, boolean skipped, String detail, String counterexample) {
        private static final String SKIPPED_PREFIX = "skipped: ";

        static Result of(Verdict verdict) {
            return new Result(verdict.check(), verdict.passed(), verdict.skipped(), verdict.detail(),
                    verdict.counterexample().orElse(null));
        }

        /** {@code PASSED}, {@code FAILED} or {@code SKIPPED}. */
        public String outcome() {
            return skipped ? "SKIPPED" : passed ? "PASSED" : "FAILED";
        }

        /** One line for the console: check, outcome, detail (the reason when skipped), counterexample. */
        public String describe() {
            String text = skipped && detail.startsWith(SKIPPED_PREFIX) ? detail.substring(SKIPPED_PREFIX.length()) : detail;
            return check + ": " + outcome() + " - " + text + (counterexample != null ? " [" + counterexample + "]" : "");
        }
    }

    /**
     * @param optimizer the resolved optimizer spec: its {@code rho}, if it has one {@code > 0}, is the subgradient
     *                  monitor's penalty for its State formula when the run offers no objective model (without
     *                  one, the monitor uses the objective model only, and is SKIPPED without it)
     * @param stride    evaluate the subgradient bound every stride-th iteration (it costs a gradient evaluation)
     */
    public Monitors(ComponentSpec optimizer, int stride) {
        this(optimizer, stride, SubgradientBoundMonitor.NO_BOUND);
    }

    /**
     * @param bound a bound on Property 3's ratio {@code ||g^{k+1}|| / ||x^{k+1} - x^k||} (an expected C) that fails
     *              its verdict when exceeded; {@link SubgradientBoundMonitor#NO_BOUND} for none
     */
    public Monitors(ComponentSpec optimizer, int stride, double bound) {
        Validate.atLeastOne("Monitors", "stride", stride);
        Object rho = optimizer.params().get(RHO);
        subgradient = rho instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())
                ? new SubgradientBoundMonitor(n.doubleValue(), stride, bound)
                : new SubgradientBoundMonitor(stride, bound);
    }

    /** The four monitors, Property 1 first, Theorem 1's rate last. */
    public List<IterationListener> listeners() {
        return List.of(boundedness, descent, subgradient, rate);
    }

    /** The verdicts, Property 1 first (a monitor whose property does not apply is SKIPPED with its reason). */
    public List<Result> results() {
        List<Result> results = new ArrayList<>();
        results.add(Result.of(boundedness.verdict()));
        results.add(Result.of(descent.verdict()));
        results.add(Result.of(subgradient.verdict()));
        results.add(Result.of(rate.verdict()));
        return results;
    }

    /** Verdicts and full reports, for {@code monitors.json}. */
    public Map<String, Object> reports() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdicts", results());
        out.put("boundedness", boundedness.report());
        out.put("sufficientDescent", descent.report());
        out.put("subgradientBound", subgradient.report());
        out.put("rate", rate.report());
        return out;
    }

    /**
     * Each monitor's figure in {@code directory} (log y axes; iterations a monitor did not check are absent, so
     * under an eps schedule the curves start where eps reaches its floor). A monitor with nothing to draw writes none.
     *
     * @return the files written
     */
    public List<Path> writeFigures(Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        List<double[]> margins = descent.report().margins();
        figure(directory.resolve(DESCENT_PNG), "Property 2: sufficient descent", "iteration",
                "F^k - F^{k+1} and sum (c/2)||step||^2", List.of(
                        new Line("F^k - F^{k+1}", margins, 0, 1),
                        new Line("bound sum (c/2)||step||^2", margins, 0, 2),
                        new Line("margin (decrease - bound)", margins.stream()
                                .map(m -> new double[] {m[0], m[1] - m[2]}).toList(), 0, 1)), false, written);
        List<double[]> ratios = subgradient.report().ratios();
        figure(directory.resolve(SUBGRADIENT_PNG), "Property 3: ||g^{k+1}|| / ||x^{k+1} - x^k|| ("
                + subgradient.report().components() + ")", "iteration", "ratio (estimate of C)", List.of(
                        new Line("ratio", ratios, 0, 1),
                        new Line("||g^{k+1}||", ratios, 0, 2),
                        new Line("||x^{k+1} - x^k||", ratios, 0, 3)), false, written);
        List<double[]> points = rate.report().points();
        figure(directory.resolve(RATE_PNG), "Theorem 1: k min_{j<=k} ||x^{j+1} - x^j||^2 -> 0", "k (log scale)",
                "value", List.of(
                        new Line("k min_j s_j", points, 1, 4),
                        new Line("s_k = ||x^{k+1} - x^k||^2", points, 1, 2),
                        new Line("partial sum S_k", points, 1, 5)), true, written);
        List<double[]> series = boundedness.report().series();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("F", series, 0, 1));
        List<String> variables = boundedness.seriesVariables();
        for (int i = 0; i < variables.size(); i++) {
            lines.add(new Line("max_l ||" + variables.get(i) + "_l||", series, 0, 2 + i));
        }
        figure(directory.resolve(BOUNDEDNESS_PNG), "Property 1: boundedness", "iteration", "norm, F", lines, false,
                written);
        return written;
    }

    private record Line(String name, List<double[]> points, int x, int y) {}

    private static void figure(Path file, String title, String xTitle, String yTitle, List<Line> lines, boolean logX,
            List<Path> written) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle + " (log scale)").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmic(logX);
        int plotted = 0;
        for (Line line : lines) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double[] p : line.points()) {
                double x = p[line.x()];
                double y = p[line.y()];
                if (Double.isFinite(y) && y > 0 && (!logX || x > 0)) {
                    xs.add(x);
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(line.name(), xs, ys);
                s.setMarker(SeriesMarkers.NONE);
                plotted++;
            }
        }
        if (plotted > 0) {
            AtomicWrite.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
            written.add(file);
        }
    }
}
