package org.altmin.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.IterationListener;
import org.altmin.verification.checks.Verdict;
import org.altmin.verification.monitors.BoundednessMonitor;
import org.altmin.verification.monitors.SubgradientBoundMonitor;
import org.altmin.verification.monitors.SufficientDescentMonitor;

/**
 * The run-time monitors of DLAM's Properties 1-3 (module {@code verification}) attached to a run by
 * {@code altmin train --monitor}: boundedness always; sufficient descent and the subgradient bound when the
 * optimizer has a penalty {@code rho} (they are stated for it). Their verdicts go to {@code summary.json} and
 * their full reports to {@code monitors.json}.
 */
public final class Monitors {
    /** The file with the monitors' reports. */
    public static final String FILE = "monitors.json";
    /** The optimizer parameter the descent and subgradient monitors need. */
    public static final String RHO = "rho";

    private final BoundednessMonitor boundedness = new BoundednessMonitor();
    private final SufficientDescentMonitor descent;
    private final SubgradientBoundMonitor subgradient;
    private final String skipped;

    /** A verdict as written to JSON. */
    public record Result(String check, boolean passed, boolean skipped, String detail, String counterexample) {
        static Result of(Verdict verdict) {
            return new Result(verdict.check(), verdict.passed(), verdict.skipped(), verdict.detail(),
                    verdict.counterexample().orElse(null));
        }
    }

    /**
     * @param optimizer the resolved optimizer spec (its {@code rho}, if any, parametrizes Properties 2 and 3)
     * @param stride    evaluate the subgradient bound every stride-th iteration (it costs a gradient evaluation)
     */
    public Monitors(ComponentSpec optimizer, int stride) {
        double rho = optimizer.params().get(RHO) instanceof Number number ? number.doubleValue() : Double.NaN;
        if (rho > 0) {
            descent = new SufficientDescentMonitor(rho);
            subgradient = new SubgradientBoundMonitor(rho, stride, SubgradientBoundMonitor.NO_BOUND);
            skipped = null;
        } else {
            descent = null;
            subgradient = null;
            skipped = "optimizer " + optimizer.name() + " has no parameter rho > 0 (Properties 2 and 3 are stated "
                    + "for DLAM's penalty rho)";
        }
    }

    public List<IterationListener> listeners() {
        List<IterationListener> listeners = new ArrayList<>();
        listeners.add(boundedness);
        if (descent != null) {
            listeners.add(descent);
            listeners.add(subgradient);
        }
        return listeners;
    }

    /** The verdicts, Property 1 first. */
    public List<Result> results() {
        List<Result> results = new ArrayList<>();
        results.add(Result.of(boundedness.verdict()));
        if (descent != null) {
            results.add(Result.of(descent.verdict()));
            results.add(Result.of(subgradient.verdict()));
        } else {
            results.add(new Result("property2.sufficientDescent", true, true, "skipped: " + skipped, null));
            results.add(new Result("property3.subgradientBound", true, true, "skipped: " + skipped, null));
        }
        return results;
    }

    /** Verdicts and full reports, for {@code monitors.json}. */
    public Map<String, Object> reports() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdicts", results());
        out.put("boundedness", boundedness.report());
        if (descent != null) {
            out.put("sufficientDescent", descent.report());
            out.put("subgradientBound", subgradient.report());
        }
        return out;
    }
}
