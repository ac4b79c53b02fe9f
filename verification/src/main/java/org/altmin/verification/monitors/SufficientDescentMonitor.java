package org.altmin.verification.monitors;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.BlockReport;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.Property;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;

/**
 * Run-time monitor of {@link Property#SUFFICIENT_DESCENT} (DLAM's Property 2, inequality 7 of J. Wang, F. Yu,
 * X. Chen, L. Zhao, arXiv:1811.04187, section 4.1): for every checked iteration k + 1,
 *
 * <pre>
 * F^k - F^{k+1} >= sum over blocks (c/2) ||x^{k+1} - x^k||^2 = {@link IterationReport#descentBound()}
 * </pre>
 *
 * with F from {@link IterationReport#objective()} and, for each block, its squared step and the modulus c with
 * which the optimizer says the step enters its descent inequality ({@link BlockReport#modulus()}: for DLAM the
 * accepted theta_l of W and tau_l of a, {@code rho N} for b, rho for z). The monitor takes no rho: each block states
 * its own modulus, and a block with a NaN modulus (none stated) contributes nothing.
 *
 * <p>A report with iteration 0 is taken as the starting value F^0; without one, the first report only sets the
 * reference. A violation is recorded when {@code lhs < rhs - slack}, slack from {@link #tolerance()} scaled by
 * {@code |F^k| + |F^{k+1}|} (F is a sum of many terms, so rounding grows with it). Pairs with a non-finite F^k (an
 * infeasible start) are not checked, and counted as such; a non-finite F^{k+1} after a finite F^k is a violation.
 *
 * <p><b>Which iterations.</b> In {@link #onStart} it reads the optimizer's claim for
 * {@link Property#SUFFICIENT_DESCENT} ({@link Coverage}): without an applicable claim it checks nothing and its
 * verdict is SKIPPED with the claim's condition; with a claim from iteration K only the steps into K, K+1, ... are
 * checked, and the report counts the others with the condition as the reason. Used without {@link #onStart} (plain
 * Java) it checks every iteration.
 */
public final class SufficientDescentMonitor implements IterationListener {
    /** Default slack: relative to {@code |F^k| + |F^{k+1}|}, plus a small absolute floor. */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-8, 1e-10);
    /** At most this many violations are kept in the report (all are counted). */
    public static final int MAX_RECORDED = 100;

    private static final String COMPONENT = "SufficientDescentMonitor";
    private static final String CHECK = "property2.sufficientDescent";
    private final Tolerance tolerance;
    private final Gate gate = new Gate(Property.SUFFICIENT_DESCENT);
    private double previous = Double.NaN;
    private boolean havePrevious;
    private int checked;
    private int unchecked;
    private int violationCount;
    private double minMargin = Double.POSITIVE_INFINITY;
    private final List<Violation> violations = new ArrayList<>();
    private final List<double[]> margins = new ArrayList<>();

    /** A monitor with {@link #DEFAULT_TOLERANCE}. */
    public SufficientDescentMonitor() {
        this(DEFAULT_TOLERANCE);
    }

    /** @param tolerance the slack of the inequality, relative to {@code |F^k| + |F^{k+1}|} */
    public SufficientDescentMonitor(Tolerance tolerance) {
        if (tolerance == null) {
            throw InvalidParameterException.of(COMPONENT, "tolerance", "null", "a Tolerance");
        }
        this.tolerance = tolerance;
    }

    /**
     * One iteration where the inequality failed.
     *
     * @param iteration k + 1, the iteration whose step is measured
     * @param lhs       {@code F^k - F^{k+1}}
     * @param rhs       {@link IterationReport#descentBound()}
     * @param shortfall {@code rhs - lhs}
     */
    public record Violation(int iteration, double lhs, double rhs, double shortfall) {}

    /**
     * @param checked        iterations where the inequality was evaluated
     * @param unchecked      covered iterations not evaluated (no predecessor, or a non-finite F^k); the iterations the
     *                       claim does not cover are counted in {@code coverage}
     * @param violationCount iterations where it failed
     * @param minMargin      the smallest {@code (lhs - rhs) / max(rhs, tiny)} seen: >= 0 when every check held with
     *                       room; +inf before any check
     * @param violations     the first {@link #MAX_RECORDED} violations
     * @param tolerance      the slack used
     * @param coverage       which iterations were checked, and why not the others
     * @param margins        every checked iteration as {@code {k + 1, F^k - F^{k+1}, sum over blocks (c/2)||step||^2}}
     */
    public record Report(int checked, int unchecked, int violationCount, double minMargin, List<Violation> violations,
            Tolerance tolerance, Coverage coverage, List<double[]> margins) {
        public Report {
            violations = List.copyOf(violations);
            margins = List.copyOf(margins);
        }
    }

    /** Reads the claim for {@link Property#SUFFICIENT_DESCENT}. */
    @Override
    public void onStart(RunContext run) {
        gate.start(run);
    }

    /** Needs only the report; {@code state} is not read and may be null. */
    @Override
    public void onIteration(IterationReport report, State state) {
        double f = report.objective();
        int k = report.iteration();
        if (k == 0 || !havePrevious) {
            if (k != 0 && gate.covers(k)) {
                unchecked++;
            }
            previous = f;
            havePrevious = true;
            return;
        }
        if (!gate.covers(k)) {
            previous = f;
            return;
        }
        if (!Double.isFinite(previous)) {
            unchecked++;
            previous = f;
            return;
        }
        double lhs = previous - f;
        double rhs = report.descentBound();
        checked++;
        margins.add(new double[] {k, lhs, rhs});
        double slack = tolerance.slack(Math.abs(previous) + Math.abs(f));
        if (rhs > 0 || lhs < 0) {
            minMargin = Math.min(minMargin, (lhs - rhs) / Math.max(rhs, Double.MIN_NORMAL));
        }
        if (!Double.isFinite(f) || !(lhs >= rhs - slack)) { // +inf slack must not excuse an infeasible iterate
            violationCount++;
            if (violations.size() < MAX_RECORDED) {
                violations.add(new Violation(k, lhs, rhs, rhs - lhs));
            }
        }
        previous = f;
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    public Report report() {
        return new Report(checked, unchecked, violationCount, minMargin, violations, tolerance, gate.coverage(), margins);
    }

    /**
     * SKIPPED when the optimizer's theory does not prove sufficient descent (the reason is its condition) or no pair
     * was checked; otherwise passed when the inequality held (up to the tolerance) at every checked iteration.
     */
    public Verdict verdict() {
        if (!gate.applies()) {
            return gate.notApplicable(CHECK, tolerance);
        }
        if (checked == 0) {
            return Verdict.skip(CHECK, 0, tolerance, 0L, "no consecutive pair of finite objectives checked"
                    + gate.note());
        }
        if (violationCount > 0) {
            Violation v = violations.get(0);
            return Verdict.fail(CHECK, checked, tolerance, 0L, violationCount + " of " + checked
                    + " iterations violate inequality 7 (F^k - F^{k+1} >= sum over blocks (modulus/2)||step||^2)"
                    + gate.note(), "iteration " + v.iteration() + ": F^k - F^{k+1} = " + v.lhs() + " < " + v.rhs()
                    + " (shortfall " + v.shortfall() + ")");
        }
        return Verdict.pass(CHECK, checked, tolerance, 0L, "inequality 7 held at every checked iteration ("
                + unchecked + " not checked), smallest relative margin " + minMargin + gate.note());
    }
}
