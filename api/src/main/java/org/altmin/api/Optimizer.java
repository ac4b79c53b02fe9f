package org.altmin.api;

/**
 * Fits a network to a data set. DLAM, the ADMM of Taylor et al. and the SGD family all implement it, so that
 * the CLI, the listeners and the experiments treat them alike.
 */
public interface Optimizer {
    /** The registered name, e.g. {@code "dlam"}. */
    String name();

    /**
     * Trains for at most {@code iterations} iterations, reporting each to {@code listener}. Never throws for
     * divergence: returns a {@link TrainingResult} with status {@code DIVERGED} and a diagnosis.
     *
     * @throws InvalidParameterException for bad input (shapes, non-finite data)
     */
    TrainingResult fit(Problem problem, int iterations, IterationListener listener);
}
