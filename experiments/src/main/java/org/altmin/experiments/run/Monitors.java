package org.altmin.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.IterationListener;
import org.altmin.api.Validate;
import org.altmin.verification.checks.Verdict;
import org.altmin.verification.monitors.BoundednessMonitor;
import org.altmin.verification.monitors.SubgradientBoundMonitor;
import org.altmin.verification.monitors.SufficientDescentMonitor;

/**
 * The run-time monitors of Properties 1-3 (module {@code verification}) attached to a run by {@code --monitor}: all
 * three, always. Each decides for itself, from the optimizer's {@link org.altmin.api.Theory} given in
 * {@link IterationListener#onStart}, whether its property applies, and reports SKIPPED with the theory's reason when
 * it does not (e.g. the ADMM of Taylor et al., whose paper proves none of them). Their verdicts go to
 * {@code summary.json} and their full reports to {@code monitors.json}.
 */
public final class Monitors {
    /** The file with the monitors' reports. */
    public static final String FILE = "monitors.json";
    /**
     * The optimizer parameter handed to the subgradient monitor for its standalone formula (DLAM's penalty); it uses
     * the optimizer's {@link org.altmin.api.ObjectiveModel} instead whenever there is one.
     */
    public static final String RHO = "rho";

    private final BoundednessMonitor boundedness = new BoundednessMonitor();
    private final SufficientDescentMonitor descent = new SufficientDescentMonitor();
    private final SubgradientBoundMonitor subgradient;

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
        Validate.atLeastOne("Monitors", "stride", stride);
        Object rho = optimizer.params().get(RHO);
        subgradient = rho instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())
                ? new SubgradientBoundMonitor(n.doubleValue(), stride, SubgradientBoundMonitor.NO_BOUND)
                : new SubgradientBoundMonitor(stride, SubgradientBoundMonitor.NO_BOUND);
    }

    /** The three monitors, Property 1 first. */
    public List<IterationListener> listeners() {
        return List.of(boundedness, descent, subgradient);
    }

    /** The verdicts, Property 1 first (a monitor whose property does not apply is SKIPPED with its reason). */
    public List<Result> results() {
        List<Result> results = new ArrayList<>();
        results.add(Result.of(boundedness.verdict()));
        results.add(Result.of(descent.verdict()));
        results.add(Result.of(subgradient.verdict()));
        return results;
    }

    /** Verdicts and full reports, for {@code monitors.json}. */
    public Map<String, Object> reports() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdicts", results());
        out.put("boundedness", boundedness.report());
        out.put("sufficientDescent", descent.report());
        out.put("subgradientBound", subgradient.report());
        return out;
    }
}
