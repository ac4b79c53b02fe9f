package org.altmin.verification.monitors;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.altmin.api.Validate;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Run-time monitor of Property 1 of DLAM (boundedness: the iterates {@code (W^k, b^k, z^k, a^k)} stay bounded;
 * J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187, section 4.1, which follows from Assumption 1 and the
 * sufficient descent of Property 2). After each iteration it takes, for each variable kind, the largest Frobenius
 * norm over layers ({@code max_l ||W_l||}, {@code max_l ||b_l||}, {@code max_l ||z_l||}, {@code max_{1<=l<L} ||a_l||})
 * and flags an iteration where one exceeds {@code growthFactor * max(initial, FLOOR)} (initial: at
 * {@link #onStart}, or at the first iteration without it) or is not finite.
 *
 * <p>A finite run cannot prove boundedness; a flag is evidence of divergence (e.g. rho too small, or an
 * assumption violated), not a proof. Cost per iteration: one norm per array.
 */
public final class BoundednessMonitor implements IterationListener {
    /** Default: a norm may grow to 1e3 times its initial value (or 1e3 times {@link #FLOOR}). */
    public static final double DEFAULT_GROWTH_FACTOR = 1e3;
    /** Initial norms below this count as this (a zero start, as State.zeros gives, must not flag any growth). */
    public static final double FLOOR = 1.0;
    /** At most this many flagged iterations are kept in the report (all are counted). */
    public static final int MAX_RECORDED = 100;

    private static final String COMPONENT = "BoundednessMonitor";
    private final double growthFactor;
    private Norms initial;
    private Norms max;
    private Norms last;
    private int iterations;
    private int flaggedCount;
    private final List<Growth> flagged = new ArrayList<>();

    public BoundednessMonitor() {
        this(DEFAULT_GROWTH_FACTOR);
    }

    /** @param growthFactor allowed growth over the initial norms, {@code > 1} */
    public BoundednessMonitor(double growthFactor) {
        this.growthFactor = Validate.greaterThanOne(COMPONENT, "growthFactor", growthFactor);
    }

    /** Largest Frobenius norms over layers of each variable kind; {@code a} is 0 for a network without hidden layers. */
    public record Norms(double w, double b, double z, double a) {
        static Norms of(State state) {
            double w = 0;
            double b = 0;
            double z = 0;
            double a = 0;
            for (int l = 1; l <= state.layers(); l++) {
                w = max(w, norm(state.w(l)));
                b = max(b, norm(state.b(l)));
                z = max(z, norm(state.z(l)));
                if (l < state.layers()) {
                    a = max(a, norm(state.a(l)));
                }
            }
            return new Norms(w, b, z, a);
        }

        Norms max(Norms o) {
            return new Norms(max(w, o.w), max(b, o.b), max(z, o.z), max(a, o.a));
        }

        double[] values() {
            return new double[] {w, b, z, a};
        }

        /** max that propagates NaN, so a NaN norm is never hidden by a running maximum. */
        private static double max(double x, double y) {
            return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
        }
    }

    /** One flagged iteration: the variable kind, its norm and the limit it exceeded. */
    public record Growth(int iteration, String variable, double norm, double limit) {}

    /**
     * @param iterations   iterations observed
     * @param initial      norms at the start (null before any)
     * @param max          running maxima (null before any)
     * @param last         norms after the last iteration (null before any)
     * @param growthFactor the allowed growth
     * @param flaggedCount iterations with a norm beyond its limit, or not finite
     * @param flagged      the first {@link #MAX_RECORDED} of them
     */
    public record Report(int iterations, Norms initial, Norms max, Norms last, double growthFactor, int flaggedCount,
            List<Growth> flagged) {
        public Report {
            flagged = List.copyOf(flagged);
        }
    }

    @Override
    public void onStart(Problem problem, State state) {
        initial = Norms.of(state);
        max = initial;
        last = initial;
    }

    @Override
    public void onIteration(IterationRecord record, State state) {
        Norms now = Norms.of(state);
        if (initial == null) {
            initial = now;
            max = now;
        }
        iterations++;
        last = now;
        max = max.max(now);
        String[] names = {"W", "b", "z", "a"};
        double[] values = now.values();
        double[] base = initial.values();
        for (int i = 0; i < values.length; i++) {
            double limit = limit(base[i]);
            if (!(values[i] <= limit)) {
                flaggedCount++;
                if (flagged.size() < MAX_RECORDED) {
                    flagged.add(new Growth(record.iteration(), names[i], values[i], limit));
                }
                break; // one flag per iteration: the count is of iterations
            }
        }
    }

    private double limit(double initialNorm) {
        return tolerance().slack(Math.max(initialNorm, FLOOR) - FLOOR);
    }

    /** {@code limit = growthFactor * max(initial, FLOOR)}, written as a {@link Tolerance} for the verdict. */
    private Tolerance tolerance() {
        return new Tolerance(growthFactor, growthFactor * FLOOR);
    }

    public Report report() {
        return new Report(iterations, initial, max, last, growthFactor, flaggedCount, flagged);
    }

    /** Passed when no iteration was flagged. */
    public Verdict verdict() {
        String check = "property1.boundedness";
        if (iterations == 0) {
            return Verdict.skip(check, 0, tolerance(), 0L, "no iteration observed");
        }
        if (flaggedCount > 0) {
            Growth g = flagged.get(0);
            return Verdict.fail(check, iterations, tolerance(), 0L, flaggedCount + " of " + iterations
                    + " iterations have a norm beyond " + growthFactor + " x max(initial, " + FLOOR + ") or not finite",
                    "iteration " + g.iteration() + ": max_l ||" + g.variable() + "_l|| = " + g.norm() + " > " + g.limit()
                            + " (initial " + initial + ")");
        }
        return Verdict.pass(check, iterations, tolerance(), 0L, "max norms stayed within " + growthFactor
                + " x max(initial, " + FLOOR + "): running max " + max + ", initial " + initial);
    }

    private static double norm(INDArray x) {
        return x == null ? 0.0 : x.norm2Number().doubleValue();
    }
}
