package org.altmin.experiments.run;

import org.altmin.api.TrainingResult;

/**
 * How a run ended, as a process exit code: what {@code altmin train} returns and what a {@link RunOutcome} reports.
 * A run that ended normally (budget spent, converged, or stopped by a listener's
 * {@link org.altmin.api.RunContext#requestStop}) is {@link #OK}; the reason is in the summary's status and diagnosis.
 */
public enum ExitStatus {
    /** Finished: MAX_ITERATIONS, CONVERGED or STOPPED (a listener's request is a deliberate end, not a failure). */
    OK(0),
    /** Bad input (a name, a parameter, a part, data that do not fit the network): no run directory was created. */
    BAD_INPUT(2),
    /** The optimizer reported divergence; the run directory holds everything up to it. */
    DIVERGED(3),
    /** The data set is missing and could not (or was not allowed to) be downloaded: no run directory. */
    DATA_UNAVAILABLE(4),
    /** The optimizer threw; the run directory holds the partial results and an ERROR summary. */
    ERROR(5),
    /**
     * Interrupted ({@link RunInterrupt}): the run stopped after its current iteration and wrote its summary
     * ({@value Summary#INTERRUPTED}), model, plots and a final checkpoint; {@code altmin train --resume} continues
     * it. 130 = 128 + SIGINT's number, as a shell reports an interrupted command. A process stopped by SIGTERM exits
     * with the JVM's 143 (128 + 15) and one stopped by SIGINT with 130: the JVM sets these after the shutdown hook.
     */
    INTERRUPTED(130);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /** The exit status of a finished fit. */
    public static ExitStatus of(TrainingResult.Status status) {
        return status == TrainingResult.Status.DIVERGED ? DIVERGED : OK;
    }
}
