package org.altmin.solvers.core;

import java.util.Optional;
import org.altmin.api.IterationReport;

/**
 * When {@link IterativeOptimizer#fit(org.altmin.api.Problem, int, org.altmin.api.IterationListener, Checkpointing)}
 * saves the run's state, where it goes, and where a resumed run starts. The lifecycle saves after an iteration's
 * report (never a diverged one) when {@link #due} says so; the snapshot holds {@code iteration} and everything the
 * session saves ({@link Resumable}).
 */
public interface Checkpointing {
    /** Where a resumed run starts: empty for a fresh run from iteration 0. */
    Optional<Resume> resume();

    /**
     * Whether to save after iteration {@code k}; {@code stopping} when a stop was requested in it (the run ends
     * after this iteration).
     */
    boolean due(int k, boolean stopping);

    /** Writes the snapshot taken after iteration {@code k}; its arrays are live, so write them before returning. */
    void save(int k, Snapshot snapshot);

    /**
     * A checkpoint to resume from.
     *
     * @param iteration the last completed iteration k; the run continues with k + 1
     * @param snapshot  what the session saved after it
     * @param last      the report of iteration k (for the convergence check of k + 1)
     */
    record Resume(int iteration, Snapshot snapshot, IterationReport last) {}
}
