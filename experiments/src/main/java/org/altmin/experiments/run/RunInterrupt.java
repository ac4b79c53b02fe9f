package org.altmin.experiments.run;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.RunContext;
import org.altmin.api.State;

/**
 * A handle that interrupts a {@link Runner} run from another thread: {@link #request} stops the run after its current
 * iteration through {@link RunContext#requestStop}; the runner then saves a final checkpoint (for an optimizer that
 * supports checkpoints), writes the summary with status {@value Summary#INTERRUPTED}, the model and the plots, and
 * returns an outcome with {@link ExitStatus#INTERRUPTED}. {@code altmin train} requests it from a JVM shutdown hook
 * on SIGTERM and SIGINT ({@link RunOptions#shutdownHook()}), which then waits for {@link #awaitFinished}.
 * Give one to {@link RunOptions.Builder#interrupt}; a handle serves one run.
 */
public final class RunInterrupt {
    private final CountDownLatch finished = new CountDownLatch(1);
    private String reason;
    private RunContext run;

    /**
     * Asks the run to stop after its current iteration (at once if it has not started iterating), with
     * {@code reason} as the summary's diagnosis; the first request wins.
     */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why == null || why.isBlank() ? "interrupted" : why;
        }
        if (run != null) {
            run.requestStop(reason);
        }
    }

    /** Whether the run was asked to stop. */
    public synchronized boolean requested() {
        return reason != null;
    }

    /** The request's reason, if one was made. */
    public synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** Waits until the run has written everything and returned (or failed); false on timeout. */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** The listener that connects this handle to the run's context. */
    IterationListener listener() {
        return new IterationListener() {
            @Override
            public void onStart(RunContext context) {
                bind(context);
            }

            @Override
            public void onIteration(IterationReport report, State state) {}
        };
    }

    private synchronized void bind(RunContext context) {
        run = context;
        if (reason != null) {
            context.requestStop(reason);
        }
    }

    /** Called by the runner when the run has returned or failed. */
    void finished() {
        finished.countDown();
    }
}
