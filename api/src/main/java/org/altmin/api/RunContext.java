package org.altmin.api;

import java.util.Optional;

/**
 * What a listener learns when a run starts ({@link IterationListener#onStart}) and how it may stop it: the problem,
 * the live state, the optimizer's name, its {@link Theory} and its {@link ObjectiveModel}, and
 * {@link #requestStop(String)}. A listener keeps the context for the run if it wants to stop it later.
 */
public interface RunContext {
    Problem problem();

    /** The live variables; read them during listener calls only, never keep or modify them. */
    State state();

    /** The optimizer's registered name. */
    String optimizer();

    /** What the optimizer's paper proves under its settings. */
    Theory theory();

    /** The optimizer's objective at the current point, if it offers one. */
    Optional<ObjectiveModel> objective();

    /** What an iteration of this optimizer is. */
    IterationUnit unit();

    /**
     * Asks the optimizer to stop after the current iteration; the run then ends with status
     * {@link TrainingResult.Status#STOPPED} and this reason as its diagnosis (the first request wins).
     */
    void requestStop(String reason);

    /** The first stop request's reason, if any. */
    Optional<String> stopRequest();
}
