package org.altmin.experiments.run;

import java.util.List;
import java.util.Optional;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.TrainingResult;

/**
 * The outcome of a run, as {@code summary.json}. Non-finite numbers are written as null (JSON has no NaN); the
 * diagnosis says why the run ended (the budget, the convergence criterion, a listener's stop request with its reason,
 * or what diverged where).
 *
 * @param status      a {@link TrainingResult.Status} name, or {@code ERROR} when the optimizer threw
 * @param unit        what {@code iterations} counts: {@code iteration}, or {@code epoch} for SGD
 *                    ({@link IterationUnit#label()})
 * @param iterations  iterations (or epochs) completed
 * @param objective   F after the last iteration
 * @param trainLoss   mean per-sample data loss of the forward pass on the training set
 * @param wallSeconds wall time of the fit
 * @param monitors    the verdicts of the Property 1-3 monitors ({@code --monitor}); null without them
 * @param validationLoss     mean loss on the validation set (the data option {@code validation}); null without one
 * @param validationAccuracy accuracy on the validation set; null without one
 */
public record Summary(
        String status,
        String diagnosis,
        String unit,
        int iterations,
        Double objective,
        Double trainLoss,
        Double trainAccuracy,
        Double testLoss,
        Double testAccuracy,
        double wallSeconds,
        String runDirectory,
        List<Monitors.Result> monitors,
        Double validationLoss,
        Double validationAccuracy) {
    /** The status of a summary whose optimizer threw. */
    public static final String ERROR = "ERROR";
    /** The status of a summary whose run was interrupted ({@link RunInterrupt}, SIGTERM, SIGINT). */
    public static final String INTERRUPTED = "INTERRUPTED";

    /** The summary of a finished fit. */
    public static Summary of(TrainingResult result, IterationUnit unit, double wallSeconds, String runDirectory,
            List<Monitors.Result> monitors) {
        Optional<IterationReport> last = result.last();
        return new Summary(result.status().name(), result.diagnosis(), unit.label(), result.iterations(),
                last.map(r -> finite(r.objective())).orElse(null),
                last.map(r -> finite(r.trainLoss())).orElse(null),
                last.map(r -> finite(r.trainAccuracy())).orElse(null),
                last.map(r -> finite(r.testLoss())).orElse(null),
                last.map(r -> finite(r.testAccuracy())).orElse(null),
                wallSeconds, runDirectory, monitors,
                last.map(r -> finite(r.validationLoss())).orElse(null),
                last.map(r -> finite(r.validationAccuracy())).orElse(null));
    }

    /** This summary with the validation set's final loss and accuracy. */
    public Summary withValidation(double loss, double accuracy) {
        return new Summary(status, diagnosis, unit, iterations, objective, trainLoss, trainAccuracy, testLoss,
                testAccuracy, wallSeconds, runDirectory, monitors, finite(loss), finite(accuracy));
    }

    /** The summary of a fit that threw after {@code iterations} reported iterations. */
    public static Summary error(Throwable error, IterationUnit unit, int iterations, double wallSeconds,
            String runDirectory) {
        return new Summary(ERROR, error.toString(), unit.label(), iterations, null, null, null, null, null,
                wallSeconds, runDirectory, null, null, null);
    }

    /** This summary with status {@value #INTERRUPTED} and {@code diagnosis}. */
    public Summary interrupted(String why) {
        return new Summary(INTERRUPTED, why, unit, iterations, objective, trainLoss, trainAccuracy, testLoss,
                testAccuracy, wallSeconds, runDirectory, monitors, validationLoss, validationAccuracy);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
