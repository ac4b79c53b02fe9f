package org.altmin.verification.monitors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.Property;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.Validate;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Run-time monitor of {@link Property#BOUNDEDNESS} (DLAM's Property 1: the iterates stay bounded; J. Wang, F. Yu,
 * X. Chen, L. Zhao, arXiv:1811.04187, section 4.1, which follows from Assumption 1 and the sufficient descent of
 * Property 2). After each checked iteration it takes, for every variable of the {@link State}
 * ({@link State#variables()}: W and b, z and a where held, and the method's own, e.g. ADMM's multiplier), the largest
 * Frobenius norm over the layers that hold it ({@code max_l ||W_l||}, ..., {@code max_{1<=l<L} ||a_l||}), and flags
 * an iteration where one exceeds {@code growthFactor * max(reference, FLOOR)} or is not finite. A weights-only state
 * (a gradient method) has just W and b.
 *
 * <p><b>Which iterations.</b> In {@link #onStart} it reads the optimizer's claim for {@link Property#BOUNDEDNESS}
 * ({@link Coverage}): without an applicable claim it checks nothing and its verdict is SKIPPED with the claim's
 * condition; with a claim from iteration K it checks iterations K, K+1, ... The reference norms are those at the
 * start ({@link #onStart}), or, when K > 1, those at iteration K-1, the starting point of the stretch the proof
 * covers (growth while the proof's assumptions do not hold yet is not held against it). Used without
 * {@link #onStart} it checks every iteration against the first one it sees.
 *
 * <p>A finite run cannot prove boundedness; a flag is evidence of divergence (e.g. rho too small, or an
 * assumption violated), not a proof. Cost per checked iteration: one norm per array.
 */
public final class BoundednessMonitor implements IterationListener {
    /** Default: a norm may grow to 1e3 times its reference value (or 1e3 times {@link #FLOOR}). */
    public static final double DEFAULT_GROWTH_FACTOR = 1e3;
    /** Reference norms below this count as this (a zero start, as State.zeros gives, must not flag any growth). */
    public static final double FLOOR = 1.0;
    /** At most this many flagged iterations are kept in the report (all are counted). */
    public static final int MAX_RECORDED = 100;

    private static final String COMPONENT = "BoundednessMonitor";
    private static final String CHECK = "property1.boundedness";
    private final double growthFactor;
    private final Gate gate = new Gate(Property.BOUNDEDNESS);
    private Norms initial;
    private Norms max;
    private Norms last;
    private int iterations;
    private int flaggedCount;
    private final List<Growth> flagged = new ArrayList<>();
    private final List<double[]> series = new ArrayList<>();
    private final List<String> seriesVariables = new ArrayList<>();
    private double lowestF = Double.NaN;

    /** A monitor with {@link #DEFAULT_GROWTH_FACTOR}. */
    public BoundednessMonitor() {
        this(DEFAULT_GROWTH_FACTOR);
    }

    /** @param growthFactor allowed growth over the reference norms, {@code > 1} */
    public BoundednessMonitor(double growthFactor) {
        this.growthFactor = Validate.greaterThanOne(COMPONENT, "growthFactor", growthFactor);
    }

    /**
     * Largest Frobenius norm over layers of each variable, by the variable's name in {@link State#variables()} order;
     * a variable no layer holds (a_l of a network without hidden layers) has 0.
     */
    public record Norms(Map<String, Double> values) {
        public Norms {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The norms of every variable of {@code state}. */
        public static Norms of(State state) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String variable : state.variables()) {
                double m = 0;
                for (int l = 1; l <= state.layers(); l++) {
                    m = max(m, norm(state.variable(variable, l)));
                }
                out.put(variable, m);
            }
            return new Norms(out);
        }

        /** The norm of {@code variable}; NaN for a variable these norms do not have. */
        public double get(String variable) {
            return values.getOrDefault(variable, Double.NaN);
        }

        Norms max(Norms o) {
            Map<String, Double> out = new LinkedHashMap<>(values);
            o.values.forEach((k, v) -> out.merge(k, v, Norms::max));
            return new Norms(out);
        }

        /** max that propagates NaN, so a NaN norm is never hidden by a running maximum. */
        private static double max(double x, double y) {
            return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    /** One flagged iteration: the variable, its norm and the limit it exceeded. */
    public record Growth(int iteration, String variable, double norm, double limit) {}

    /**
     * @param iterations   iterations checked
     * @param initial      the reference norms (at the start, or at iteration K-1 for a claim from K > 1; null
     *                     before any)
     * @param max          running maxima over the reference and the checked iterations (null before any)
     * @param last         norms after the last checked iteration (null before any)
     * @param growthFactor the allowed growth
     * @param flaggedCount checked iterations with a norm beyond its limit, or not finite
     * @param flagged      the first {@link #MAX_RECORDED} of them
     * @param coverage     which iterations were checked, and why not the others
     * @param trend        per variable, {@code max_l ||x_l||} at the end over its value halfway through the checked
     *                     iterations (about 1: levelling off; NaN before two checked iterations)
     * @param lowestF      the smallest F seen over the checked iterations: Property 1 needs F bounded below, and
     *                     this is the run's evidence of the bound (NaN before any)
     * @param objectiveTrend {@code (F_end - F_half) / max(1, |F_half|)}: the relative change of F over the second
     *                     half (near 0 when F levels off at its lower bound; NaN before two checked iterations)
     * @param series       every checked iteration as {@code {k, F, max_l ||x_l|| for each variable in order}}
     */
    public record Report(int iterations, Norms initial, Norms max, Norms last, double growthFactor, int flaggedCount,
            List<Growth> flagged, Coverage coverage, Map<String, Double> trend, double lowestF, double objectiveTrend,
            List<double[]> series) {
        public Report {
            flagged = List.copyOf(flagged);
            trend = Collections.unmodifiableMap(new LinkedHashMap<>(trend));
            series = List.copyOf(series);
        }
    }

    /** Reads the claim for {@link Property#BOUNDEDNESS} and, if it applies, takes the reference norms. */
    @Override
    public void onStart(RunContext run) {
        gate.start(run);
        if (gate.applies()) {
            reference(Norms.of(run.state()));
        }
    }

    @Override
    public void onIteration(IterationReport report, State state) {
        int k = report.iteration();
        if (!gate.covers(k)) {
            if (gate.applies() && k == gate.from() - 1) {
                reference(Norms.of(state)); // the starting point of the stretch the claim covers
            }
            return;
        }
        Norms now = Norms.of(state);
        if (initial == null) {
            reference(now);
        }
        iterations++;
        last = now;
        max = max.max(now);
        if (seriesVariables.isEmpty()) {
            seriesVariables.addAll(now.values().keySet());
        }
        double[] point = new double[2 + seriesVariables.size()];
        point[0] = k;
        point[1] = report.objective();
        for (int i = 0; i < seriesVariables.size(); i++) {
            point[2 + i] = now.get(seriesVariables.get(i));
        }
        series.add(point);
        if (!(report.objective() >= lowestF)) {
            lowestF = report.objective();
        }
        for (Map.Entry<String, Double> e : now.values().entrySet()) {
            double limit = limit(initial.values().getOrDefault(e.getKey(), 0.0));
            double value = e.getValue();
            if (!(value <= limit)) {
                flaggedCount++;
                if (flagged.size() < MAX_RECORDED) {
                    flagged.add(new Growth(k, e.getKey(), value, limit));
                }
                break; // one flag per iteration: the count is of iterations
            }
        }
    }

    private void reference(Norms norms) {
        initial = norms;
        max = norms;
        last = norms;
    }

    private double limit(double initialNorm) {
        return tolerance().slack(Math.max(initialNorm, FLOOR) - FLOOR);
    }

    /** {@code limit = growthFactor * max(reference, FLOOR)}, written as a {@link Tolerance} for the verdict. */
    private Tolerance tolerance() {
        return new Tolerance(growthFactor, growthFactor * FLOOR);
    }

    public Report report() {
        Map<String, Double> trend = new LinkedHashMap<>();
        double objectiveTrend = Double.NaN;
        if (series.size() >= 2) {
            double[] half = series.get(series.size() / 2 - (series.size() % 2 == 0 ? 1 : 0));
            double[] end = series.get(series.size() - 1);
            for (int i = 0; i < seriesVariables.size(); i++) {
                trend.put(seriesVariables.get(i), end[2 + i] / half[2 + i]);
            }
            objectiveTrend = (end[1] - half[1]) / Math.max(1.0, Math.abs(half[1]));
        }
        return new Report(iterations, initial, max, last, growthFactor, flaggedCount, flagged, gate.coverage(), trend,
                lowestF, objectiveTrend, series);
    }

    /** The variables of {@link Report#series()}, in their order after k and F. */
    public List<String> seriesVariables() {
        return List.copyOf(seriesVariables);
    }

    /**
     * SKIPPED when the optimizer's theory does not prove boundedness (the reason is its condition) or no iteration
     * was checked; otherwise passed when no checked iteration was flagged.
     */
    public Verdict verdict() {
        if (!gate.applies()) {
            return gate.notApplicable(CHECK, tolerance());
        }
        if (iterations == 0) {
            return Verdict.skip(CHECK, 0, tolerance(), 0L, "no iteration checked" + gate.note());
        }
        if (flaggedCount > 0) {
            Growth g = flagged.get(0);
            return Verdict.fail(CHECK, iterations, tolerance(), 0L, flaggedCount + " of " + iterations
                    + " iterations have a norm beyond " + growthFactor + " x max(reference, " + FLOOR + ") or not finite"
                    + gate.note(), "iteration " + g.iteration() + ": max_l ||" + g.variable() + "_l|| = " + g.norm()
                    + " > " + g.limit() + " (reference " + initial + ")");
        }
        Report r = report();
        return Verdict.pass(CHECK, iterations, tolerance(), 0L, "max norms stayed within " + growthFactor
                + " x max(reference, " + FLOOR + "): running max " + max + ", reference " + initial
                + "; trend (norm at the end / halfway) " + r.trend() + "; lowest F " + r.lowestF()
                + ", relative change of F over the second half " + r.objectiveTrend() + gate.note());
    }

    private static double norm(INDArray x) {
        return x == null ? 0.0 : x.norm2Number().doubleValue();
    }
}
