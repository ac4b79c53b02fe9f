package org.altmin.experiments.run;

import java.nio.file.Path;

/**
 * The optimizer (or a listener) threw during a run: not bad input, not divergence, but a failure. The run directory
 * exists and holds the partial results, {@code summary.json} with status {@code ERROR} and the ended provenance.
 */
public final class RunFailedException extends RuntimeException {
    private final transient Path directory;

    public RunFailedException(Path directory, Throwable cause) {
        super("the run failed (partial results in " + directory + "): " + cause, cause);
        this.directory = directory;
    }

    /** The run directory with the partial results. */
    public Path directory() {
        return directory;
    }
}
