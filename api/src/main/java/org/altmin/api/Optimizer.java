package org.altmin.api;

/**
 * Fits a network to a data set. DLAM, mDLAM, the ADMM of Taylor et al. and the SGD family all implement it, so that
 * the runner, the listeners and the studies treat them alike.
 */
public interface Optimizer {
    /** The registered name, e.g. {@code "dlam"}. */
    String name();

    /** What the optimizer's paper proves under this optimizer's settings (monitors attach by it). */
    Theory theory();

    /** What one reported iteration is. */
    default IterationUnit unit() {
        return IterationUnit.ITERATION;
    }

    /**
     * What kind of compute its iterations are, for the thread policy: by default {@link Workload#MINIBATCH} for an
     * optimizer that reports epochs, {@link Workload#FULL_BATCH} otherwise.
     */
    default Workload workload() {
        return unit() == IterationUnit.EPOCH ? Workload.MINIBATCH : Workload.FULL_BATCH;
    }

    /**
     * Checks that this optimizer can run on {@code problem} (its parts, the components, the shapes) without
     * allocating the run's state: called before anything is written, so that an incompatible choice fails with one
     * clear message and leaves no run directory. {@link #fit} calls it too.
     *
     * @throws InvalidParameterException naming what is incompatible and what would do
     */
    default void prepare(Problem problem) {}

    /**
     * Trains for at most {@code iterations} iterations, reporting each to {@code listener}. Never throws for
     * divergence: returns a {@link TrainingResult} with status {@code DIVERGED} and a diagnosis.
     *
     * @throws InvalidParameterException for bad input (shapes, non-finite data, a problem {@link #prepare} rejects)
     */
    TrainingResult fit(Problem problem, int iterations, IterationListener listener);

    /**
     * {@link #fit(Problem, int, IterationListener)} with the forward-pass evaluation (train and test loss and
     * accuracy, an {@link Evaluation}) only every {@code evaluateEvery}-th iteration, at iteration 0 and at the
     * last one; the reports in between carry {@link Evaluation#NONE}. An optimizer that does not support it
     * evaluates every iteration (this default); {@code evaluateEvery = 1} is the three-argument fit.
     *
     * @throws InvalidParameterException for {@code evaluateEvery < 1}, and as the three-argument fit
     */
    default TrainingResult fit(Problem problem, int iterations, IterationListener listener, int evaluateEvery) {
        Validate.atLeastOne(name(), "evaluateEvery", evaluateEvery);
        return fit(problem, iterations, listener);
    }
}
