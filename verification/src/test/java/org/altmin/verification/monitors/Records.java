package org.altmin.verification.monitors;

import java.util.List;
import org.altmin.api.BlockStep;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.ObjectiveTerms;

/** Synthetic iteration records for the monitor tests. */
final class Records {
    private Records() {}

    static BlockStep step(double squared, double parameter) {
        return new BlockStep(squared, 1, parameter, false, 0L);
    }

    static IterationRecord record(int k, double objective, List<LayerStats> layers) {
        return new IterationRecord(k, new ObjectiveTerms(objective, 0, 0, 0), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, layers, 0L);
    }

    static IterationRecord infeasible(int k, List<LayerStats> layers) {
        return new IterationRecord(k, new ObjectiveTerms(1, 0, 0, 0.5), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, layers, 0L);
    }

    /** One layer with the given squared steps and theta (W), tau (a). */
    static LayerStats layer(int l, double dw, double theta, double db, double dz, double da, double tau) {
        return new LayerStats(l, 0.0, step(dw, theta), step(db, Double.NaN), step(dz, Double.NaN),
                da == 0 && Double.isNaN(tau) ? BlockStep.NONE : step(da, tau));
    }
}
