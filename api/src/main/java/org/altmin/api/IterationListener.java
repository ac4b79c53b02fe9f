package org.altmin.api;

/**
 * Receives one typed record per iteration; loggers, CSV writers, progress bars and the verification monitors
 * of Properties 1-3 are listeners.
 */
public interface IterationListener {
    /** Called once before the first iteration, with the starting point. */
    default void onStart(Problem problem, State state) {}

    /**
     * Called after each iteration.
     *
     * @param state the solver's live state; read it during the call only, never keep or modify it
     */
    void onIteration(IterationRecord record, State state);

    /** Called once at the end with the result. */
    default void onEnd(TrainingResult result) {}

    /** A listener that does nothing. */
    IterationListener NONE = (record, state) -> {};

    /** Calls each listener in order. */
    static IterationListener all(java.util.List<? extends IterationListener> listeners) {
        var copy = java.util.List.copyOf(listeners);
        return new IterationListener() {
            @Override
            public void onStart(Problem problem, State state) {
                copy.forEach(l -> l.onStart(problem, state));
            }

            @Override
            public void onIteration(IterationRecord record, State state) {
                copy.forEach(l -> l.onIteration(record, state));
            }

            @Override
            public void onEnd(TrainingResult result) {
                copy.forEach(l -> l.onEnd(result));
            }
        };
    }
}
