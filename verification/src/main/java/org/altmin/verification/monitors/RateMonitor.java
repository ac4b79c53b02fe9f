package org.altmin.verification.monitors;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.BlockReport;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.Property;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;

/**
 * Run-time monitor of Theorem 1's rate ({@link Property#CRITICAL_POINT_CONVERGENCE}; J. Wang, F. Yu, X. Chen,
 * L. Zhao, arXiv:1811.04187, section 4.2): from Properties 1-3 the squared steps {@code s_j = ||x^{j+1} - x^j||^2}
 * (every block's, {@link IterationReport#stepSquared()}) are summable and
 * {@code q_k = k * min_{j <= k} s_j -> 0}, i.e. {@code min_{j<=k} s_j = o(1/k)}. k counts the iterations of the
 * stretch the claim covers (from its first iteration).
 *
 * <p>A finite run can show only the trend. The monitor records q_k and the partial sums {@code S_k = sum_{j<=k} s_j}
 * and reports (a) the least-squares slope of {@code log q_k} against {@code log k} over the second half of the
 * checked iterations (negative: q falls; -inf when q has reached 0 there), (b) the share of S_K added in the second
 * half, and (c) the summability bound that Lemma 3 gives every block: {@code (c/2) s <= } its decrease of F, so
 * {@code S_K <= 2 (F^{K_0} - F^K) / c_min} with c_min the smallest modulus of a moving block. The verdict fails when
 * S_K exceeds that bound (beyond {@link #TOLERANCE} of {@code |F^{K_0}| + |F^K|}), or, after at least
 * {@link #MIN_TREND} checked iterations, when the slope of q is {@code >= 0} (q not falling).
 *
 * <p>Gated like the other monitors ({@link Coverage}): under an eps schedule it checks from the iteration eps reaches
 * its floor and says "not applicable" for the iterations before.
 */
public final class RateMonitor implements IterationListener {
    /** Checked iterations needed before the trend of q is judged. */
    public static final int MIN_TREND = 8;
    /** Slack of the summability bound, relative to {@code |F^{K_0}| + |F^K|}. */
    public static final Tolerance TOLERANCE = new Tolerance(1e-8, 1e-10);

    private static final String CHECK = "theorem1.rate";
    private final Gate gate = new Gate(Property.CRITICAL_POINT_CONVERGENCE);
    private double referenceF = Double.NaN;
    private double lastF = Double.NaN;
    private double previousF = Double.NaN;
    private int k;
    private double runningMin = Double.POSITIVE_INFINITY;
    private double sum;
    private double minModulus = Double.POSITIVE_INFINITY;
    private boolean withoutModulus;
    private final List<double[]> points = new ArrayList<>();

    /**
     * @param checked        iterations in the stretch the claim covers
     * @param lastQ          {@code q_K = K min_{j<=K} s_j}
     * @param slope          slope of log q against log k over the second half (NaN with fewer than
     *                       {@link #MIN_TREND} points; -inf when q reached 0)
     * @param sum            {@code S_K}
     * @param tailShare      share of S_K added over the second half of the stretch (NaN when S_K = 0)
     * @param sumBound       {@code 2 (F^{K_0} - F^K) / c_min} (+inf when a moving block reported no modulus)
     * @param coverage       which iterations were checked, and why not the others
     * @param points         every checked iteration as {@code {iteration, k, s_k, min_{j<=k} s_j, q_k, S_k}}
     */
    public record Report(int checked, double lastQ, double slope, double sum, double tailShare, double sumBound,
            Coverage coverage, List<double[]> points) {
        public Report {
            points = List.copyOf(points);
        }
    }

    @Override
    public void onStart(RunContext run) {
        gate.start(run);
    }

    /** Needs only the report. */
    @Override
    public void onIteration(IterationReport report, State state) {
        int iteration = report.iteration();
        double f = report.objective();
        if (!gate.covers(iteration)) {
            previousF = f;
            return;
        }
        if (k == 0) {
            referenceF = Double.isFinite(previousF) ? previousF : f; // F at the start of the covered stretch
        }
        k++;
        double s = report.stepSquared();
        runningMin = Math.min(runningMin, s);
        sum += s;
        for (BlockReport b : report.blocks()) {
            if (b.stepSquared() > 0) {
                if (Double.isFinite(b.modulus()) && b.modulus() > 0) {
                    minModulus = Math.min(minModulus, b.modulus());
                } else {
                    withoutModulus = true; // a moving block that states no decrease: no bound on S_K
                }
            }
        }
        lastF = f;
        previousF = f;
        points.add(new double[] {iteration, k, s, runningMin, k * runningMin, sum});
    }

    private double slope() {
        if (points.size() < MIN_TREND) {
            return Double.NaN;
        }
        int from = points.size() / 2;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        boolean reachedZero = false;
        for (int i = from; i < points.size(); i++) {
            double q = points.get(i)[4];
            if (q <= 0) {
                reachedZero = true;
                continue;
            }
            double x = Math.log(points.get(i)[1]);
            double y = Math.log(q);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }
        if (reachedZero && (n < 2 || points.get(points.size() - 1)[4] == 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (n < 2) {
            return Double.NaN;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    private double tailShare() {
        if (points.isEmpty() || sum == 0) {
            return Double.NaN;
        }
        double atHalf = points.get(points.size() / 2)[5] - points.get(points.size() / 2)[2];
        return (sum - atHalf) / sum;
    }

    private double sumBound() {
        return minModulus < Double.POSITIVE_INFINITY && !withoutModulus ? 2 * (referenceF - lastF) / minModulus : Double.POSITIVE_INFINITY;
    }

    public Report report() {
        return new Report(k, points.isEmpty() ? Double.NaN : points.get(points.size() - 1)[4], slope(), sum, tailShare(),
                sumBound(), gate.coverage(), points);
    }

    public Verdict verdict() {
        if (!gate.applies()) {
            return gate.notApplicable(CHECK, TOLERANCE);
        }
        if (k == 0) {
            return Verdict.skip(CHECK, 0, TOLERANCE, 0L, "no iteration checked" + gate.note());
        }
        Report r = report();
        String trend = "q_K = K min_{j<=K} ||x^{j+1} - x^j||^2 = " + r.lastQ() + ", slope of log q against log k over"
                + " the second half " + r.slope() + "; S_K = " + r.sum() + " (" + r.tailShare() + " of it in the second"
                + " half), Lemma 3's bound 2 (F^{K_0} - F^K) / c_min = " + r.sumBound();
        double slack = TOLERANCE.slack(Math.abs(referenceF) + Math.abs(lastF)) / Math.max(minModulus, Double.MIN_NORMAL);
        if (Double.isFinite(r.sumBound()) && !(r.sum() <= r.sumBound() + 2 * slack)) {
            return Verdict.fail(CHECK, k, TOLERANCE, 0L, "the squared steps exceed the bound of their sum" + gate.note(),
                    trend);
        }
        if (r.slope() >= 0) {
            return Verdict.fail(CHECK, k, TOLERANCE, 0L, "q_k = k min_{j<=k} ||x^{j+1} - x^j||^2 does not fall over the"
                    + " second half of the run (Theorem 1: it tends to 0)" + gate.note(), trend);
        }
        String judged = Double.isNaN(r.slope()) ? " (fewer than " + MIN_TREND + " iterations: trend not judged)" : "";
        return Verdict.pass(CHECK, k, TOLERANCE, 0L, trend + judged + gate.note());
    }
}
