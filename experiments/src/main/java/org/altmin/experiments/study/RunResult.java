package org.altmin.experiments.study;

import java.io.Serializable;

/**
 * What an engine hands back for one run of a study (small and serializable: a Spark task's result).
 *
 * @param name        the run's directory name
 * @param status      {@code summary.json}'s status ({@code MAX_ITERATIONS}, {@code DIVERGED}, ...), {@link #SKIPPED}
 *                    for a run finished before (resumed study), or {@link #FAILED} for one that did not train
 * @param diagnosis   why it ended (for a failure: the error)
 * @param iterations  iterations (or epochs) completed
 * @param wallSeconds the wall time of the run, loading included
 * @param testAccuracy the final test accuracy, or null
 */
public record RunResult(String name, String status, String diagnosis, int iterations, double wallSeconds,
        Double testAccuracy) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** A run that finished in an earlier invocation of the study. */
    public static final String SKIPPED = "SKIPPED";
    /** A run that did not train: bad input that only showed on its own data, an optimizer that threw. */
    public static final String FAILED = "FAILED";

    /** Whether the run failed (did not train to an outcome). */
    public boolean failed() {
        return FAILED.equals(status) || org.altmin.experiments.run.Summary.ERROR.equals(status);
    }
}
