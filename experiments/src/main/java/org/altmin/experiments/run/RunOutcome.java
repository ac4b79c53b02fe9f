package org.altmin.experiments.run;

import java.nio.file.Path;
import java.util.List;
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingResult;

/**
 * What {@link Runner#run()} returns for a run that trained (normally or until it diverged or a listener stopped it).
 *
 * @param directory the run's own directory, with every file written
 * @param spec      the fully resolved spec, as in {@code spec.yaml}
 * @param result    the optimizer's result: status, diagnosis, learned weights, last report
 * @param summary   what {@code summary.json} holds
 * @param exit      the status as an exit code ({@link ExitStatus#OK} also for STOPPED and CONVERGED)
 */
public record RunOutcome(Path directory, RunSpec spec, TrainingResult result, Summary summary, ExitStatus exit) {
    /** Why the run ended. */
    public TrainingResult.Status status() {
        return result.status();
    }

    /** The monitors' verdicts; empty without monitors. */
    public List<Monitors.Result> verdicts() {
        return summary.monitors() == null ? List.of() : summary.monitors();
    }
}
