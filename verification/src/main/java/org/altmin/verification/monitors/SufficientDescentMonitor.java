package org.altmin.verification.monitors;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.BlockStep;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.State;
import org.altmin.api.Validate;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;

/**
 * Run-time monitor of Property 2 of DLAM (sufficient descent, inequality 7 of J. Wang, F. Yu, X. Chen, L. Zhao,
 * arXiv:1811.04187, section 4.1): for every iteration k,
 *
 * <pre>
 * F^k - F^{k+1} >= sum_l (theta_l/2)||dW_l||^2 + (rho/2) sum_l ||db_l||^2 + (rho/2) sum_l ||dz_l||^2
 *                 + sum_{l<L} (tau_l/2)||da_l||^2
 * </pre>
 *
 * with F from {@link IterationRecord#objective()} and the squared steps and accepted theta_l, tau_l from the
 * record's {@link LayerStats} ({@link BlockStep#stepSquared()}, {@link BlockStep#stepParameter()}); rho is given to
 * the constructor. A record with iteration 0 is taken as the starting value F^0; without one, the first record
 * only sets the reference. A violation is recorded when {@code lhs < rhs - slack}, slack from {@link #tolerance()}
 * scaled by {@code |F^k| + |F^{k+1}|} (F is a sum of many terms, so rounding grows with it). Pairs with a
 * non-finite F^k (an infeasible start) are not checked, and counted as such; a non-finite F^{k+1} after a finite
 * F^k is a violation.
 */
public final class SufficientDescentMonitor implements IterationListener {
    /** Default slack: relative to {@code |F^k| + |F^{k+1}|}, plus a small absolute floor. */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-8, 1e-10);
    /** At most this many violations are kept in the report (all are counted). */
    public static final int MAX_RECORDED = 100;

    private static final String COMPONENT = "SufficientDescentMonitor";
    private final double rho;
    private final Tolerance tolerance;
    private double previous = Double.NaN;
    private boolean havePrevious;
    private int checked;
    private int unchecked;
    private int violationCount;
    private double minMargin = Double.POSITIVE_INFINITY;
    private final List<Violation> violations = new ArrayList<>();

    /** @param rho DLAM's penalty, {@code > 0}, the weight of the b and z steps */
    public SufficientDescentMonitor(double rho) {
        this(rho, DEFAULT_TOLERANCE);
    }

    public SufficientDescentMonitor(double rho, Tolerance tolerance) {
        this.rho = Validate.positive(COMPONENT, "rho", rho);
        if (tolerance == null) {
            throw org.altmin.api.InvalidParameterException.of(COMPONENT, "tolerance", "null", "a Tolerance");
        }
        this.tolerance = tolerance;
    }

    /**
     * One iteration where inequality 7 failed.
     *
     * @param iteration k + 1, the iteration whose step is measured
     * @param lhs       {@code F^k - F^{k+1}}
     * @param rhs       the weighted squared steps
     * @param shortfall {@code rhs - lhs}
     */
    public record Violation(int iteration, double lhs, double rhs, double shortfall) {}

    /**
     * @param checked        iterations where inequality 7 was evaluated
     * @param unchecked      iterations not evaluated (no predecessor, or a non-finite F^k)
     * @param violationCount iterations where it failed
     * @param minMargin      the smallest {@code (lhs - rhs) / max(rhs, tiny)} seen: >= 0 when every check held with
     *                       room; +inf before any check
     * @param violations     the first {@link #MAX_RECORDED} violations
     * @param rho            the rho used
     * @param tolerance      the slack used
     */
    public record Report(int checked, int unchecked, int violationCount, double minMargin, List<Violation> violations,
            double rho, Tolerance tolerance) {
        public Report {
            violations = List.copyOf(violations);
        }
    }

    @Override
    public void onIteration(IterationRecord record, State state) {
        double f = record.objective();
        if (record.iteration() == 0 || !havePrevious) {
            previous = f;
            havePrevious = true;
            if (record.iteration() != 0) {
                unchecked++;
            }
            return;
        }
        if (!Double.isFinite(previous)) {
            unchecked++;
            previous = f;
            return;
        }
        double lhs = previous - f;
        double rhs = rightHandSide(record.layers(), rho);
        checked++;
        double slack = tolerance.slack(Math.abs(previous) + Math.abs(f));
        if (rhs > 0 || lhs < 0) {
            minMargin = Math.min(minMargin, (lhs - rhs) / Math.max(rhs, Double.MIN_NORMAL));
        }
        if (!Double.isFinite(f) || !(lhs >= rhs - slack)) { // +inf slack must not excuse an infeasible iterate
            violationCount++;
            if (violations.size() < MAX_RECORDED) {
                violations.add(new Violation(record.iteration(), lhs, rhs, rhs - lhs));
            }
        }
        previous = f;
    }

    /**
     * The right-hand side of inequality 7 from the per-layer steps: theta_l and tau_l are the accepted
     * {@link BlockStep#stepParameter()} of the W and a steps; a block with a NaN parameter (none applies, e.g.
     * {@link BlockStep#NONE}) contributes nothing.
     */
    public static double rightHandSide(List<LayerStats> layers, double rho) {
        double sum = 0;
        for (LayerStats s : layers) {
            sum += weighted(s.w(), s.w().stepParameter());
            sum += weighted(s.b(), rho);
            sum += weighted(s.z(), rho);
            sum += weighted(s.a(), s.a().stepParameter());
        }
        return sum;
    }

    private static double weighted(BlockStep step, double parameter) {
        return Double.isNaN(parameter) || step.stepSquared() == 0 ? 0.0 : parameter / 2 * step.stepSquared();
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    public Report report() {
        return new Report(checked, unchecked, violationCount, minMargin, violations, rho, tolerance);
    }

    /** Passed when inequality 7 held (up to the tolerance) at every checked iteration. */
    public Verdict verdict() {
        String check = "property2.sufficientDescent";
        if (checked == 0) {
            return Verdict.skip(check, 0, tolerance, 0L, "no consecutive pair of finite objectives observed");
        }
        if (violationCount > 0) {
            Violation v = violations.get(0);
            return Verdict.fail(check, checked, tolerance, 0L, violationCount + " of " + checked
                    + " iterations violate inequality 7 (F^k - F^{k+1} >= weighted squared steps), rho = " + rho,
                    "iteration " + v.iteration() + ": F^k - F^{k+1} = " + v.lhs() + " < " + v.rhs()
                            + " (shortfall " + v.shortfall() + ")");
        }
        return Verdict.pass(check, checked, tolerance, 0L, "inequality 7 held at every checked iteration ("
                + unchecked + " not checked), smallest relative margin " + minMargin);
    }
}
