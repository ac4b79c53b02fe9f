package org.altmin.experiments.run;

import java.util.Optional;
import org.altmin.api.IterationRecord;
import org.altmin.api.TrainingResult;

/**
 * The outcome of a run, as {@code summary.json}. Non-finite numbers are written as null (JSON has no NaN); the
 * diagnosis says why.
 *
 * @param status         a {@link TrainingResult.Status} name, or {@code ERROR} when the optimizer threw
 * @param objective      F after the last iteration
 * @param trainLoss      mean per-sample data loss of the forward pass on the training set
 * @param wallSeconds    wall time of the fit
 * @param monitors       the verdicts of the Property 1-3 monitors ({@code --monitor}); null without them
 */
public record Summary(
        String status,
        String diagnosis,
        int iterations,
        Double objective,
        Double trainLoss,
        Double trainAccuracy,
        Double testLoss,
        Double testAccuracy,
        double wallSeconds,
        String runDirectory,
        java.util.List<Monitors.Result> monitors) {
    /** The summary of a finished fit. */
    public static Summary of(TrainingResult result, double wallSeconds, String runDirectory,
            java.util.List<Monitors.Result> monitors) {
        Optional<IterationRecord> last = result.last();
        return new Summary(result.status().name(), result.diagnosis(), result.iterations(),
                last.map(r -> finite(r.objective())).orElse(null),
                last.map(r -> finite(r.trainLoss())).orElse(null),
                last.map(r -> finite(r.trainAccuracy())).orElse(null),
                last.map(r -> finite(r.testLoss())).orElse(null),
                last.map(r -> finite(r.testAccuracy())).orElse(null),
                wallSeconds, runDirectory, monitors);
    }

    /** The summary of a fit that threw. */
    public static Summary error(Throwable error, int iterations, double wallSeconds, String runDirectory) {
        return new Summary("ERROR", error.toString(), iterations, null, null, null, null, null, wallSeconds, runDirectory,
                null);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
