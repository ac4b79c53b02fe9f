package org.altmin.api;

import java.util.List;
import java.util.function.Predicate;

/**
 * Receives one typed {@link IterationReport} per iteration; loggers, CSV writers, progress bars and the
 * verification monitors are listeners. A listener may stop the run: keep the {@link RunContext} given to
 * {@link #onStart} and call {@link RunContext#requestStop}.
 */
public interface IterationListener {
    /** Called once before the first report, with the run's context (problem, state, theory, objective model). */
    default void onStart(RunContext run) {}

    /**
     * Called after each iteration, and once with iteration 0 for the starting point.
     *
     * @param state the solver's live state; read it during the call only, never keep or modify it
     */
    void onIteration(IterationReport report, State state);

    /** Called once at the end with the result. */
    default void onEnd(TrainingResult result) {}

    /** A listener that does nothing. */
    IterationListener NONE = (report, state) -> {};

    /** Stops the run, with {@code reason}, after the first iteration whose report satisfies {@code condition}. */
    static IterationListener stopWhen(Predicate<IterationReport> condition, String reason) {
        return new IterationListener() {
            private RunContext run;

            @Override
            public void onStart(RunContext context) {
                run = context;
            }

            @Override
            public void onIteration(IterationReport report, State state) {
                if (run != null && condition.test(report)) {
                    run.requestStop(reason + " at " + report.unit().label() + " " + report.iteration());
                }
            }
        };
    }

    /** Calls each listener in order. */
    static IterationListener all(List<? extends IterationListener> listeners) {
        var copy = List.copyOf(listeners);
        return new IterationListener() {
            @Override
            public void onStart(RunContext run) {
                copy.forEach(l -> l.onStart(run));
            }

            @Override
            public void onIteration(IterationReport report, State state) {
                copy.forEach(l -> l.onIteration(report, state));
            }

            @Override
            public void onEnd(TrainingResult result) {
                copy.forEach(l -> l.onEnd(result));
            }
        };
    }
}
