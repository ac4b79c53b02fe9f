package org.altmin.solvers.core;

/**
 * A part of a run whose state can be saved into a {@link Snapshot} and restored from one, so that a run resumed
 * from a checkpoint continues bit for bit as if it had never stopped. A {@link Session} implements it for resume
 * ({@code altmin train --checkpoint-every K}, {@code --resume}); so may a block update or an SGD stepper that keeps
 * state of its own between calls. Save everything that the next iterations read: the variables, caches that are
 * updated incrementally (recomputing them would round differently), step memories, schedule positions, counters,
 * random-number streams; buffers that every iteration overwrites before reading need not be saved.
 */
public interface Resumable {
    /** Saves the state into {@code out} (arrays by reference; they are written out before the next iteration). */
    void save(Snapshot out);

    /**
     * Restores the state saved by {@link #save} into this part, which was just created for the same problem.
     *
     * @throws org.altmin.api.InvalidParameterException for a missing or mismatched entry, naming it
     */
    void restore(Snapshot in);
}
