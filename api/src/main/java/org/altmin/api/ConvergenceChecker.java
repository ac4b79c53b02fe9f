package org.altmin.api;

import java.util.Optional;

/**
 * Decides when a run has converged, from two consecutive reports, as commons-math's {@code ConvergenceChecker}
 * does: the optimizer then stops with status {@link TrainingResult.Status#CONVERGED} and the returned text as its
 * diagnosis.
 */
@FunctionalInterface
public interface ConvergenceChecker {
    /**
     * @return why the run has converged at {@code current}, or empty to go on
     */
    Optional<String> converged(IterationReport previous, IterationReport current);

    /** Never converges: the run uses its whole budget. */
    ConvergenceChecker NEVER = (previous, current) -> Optional.empty();

    /**
     * Converged when {@code |F^k - F^{k-1}| <= tolerance * max(1, |F^{k-1}|)} (finite values only); tolerance 0 never
     * converges.
     */
    static ConvergenceChecker relativeObjective(double tolerance) {
        Validate.nonNegative("ConvergenceChecker", "tolerance", tolerance);
        if (tolerance == 0) {
            return NEVER;
        }
        return (previous, current) -> {
            double before = previous.objective();
            double after = current.objective();
            if (!Double.isFinite(before) || !Double.isFinite(after)) {
                return Optional.empty();
            }
            double change = Math.abs(before - after) / Math.max(1.0, Math.abs(before));
            return change <= tolerance
                    ? Optional.of("relative change of F " + change + " <= tolerance " + tolerance + " at "
                            + current.unit().label() + " " + current.iteration())
                    : Optional.empty();
        };
    }
}
