package org.altmin.api;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer's objective at the run's current point, from what the solver already holds (its caches of
 * {@code W_l a_{l-1}}, its parameters), so that monitors need not recompute or re-derive it. Valid during the
 * listener calls of a run; not thread-safe.
 */
public interface ObjectiveModel {
    /** The objective at the current point ({@code +inf} where a hard constraint is violated). */
    double value();

    /** Its terms by name, as in {@link IterationReport#terms()}. */
    Map<String, Double> terms();

    /**
     * The variables (e.g. {@code W, b}; DLAM's model also {@code z, a}) whose partial (sub)gradient
     * {@link #subgradient} gives; the monitor of Property 3 uses every one of {@code W, b, z, a} offered.
     */
    List<String> differentiable();

    /**
     * Writes one element of the partial subgradient of the objective with respect to {@code variable} of
     * {@code layer} at the current point into {@code out} (the variable's shape); for a smooth part its gradient, for
     * a non-smooth regularizer its {@link Regularizer#subgradient} (the minimum-norm element), for a variable under a
     * constraint (DLAM's z and a, in the band of Problem 2) the smooth part plus the element of the constraint set's
     * normal cone that gives the minimum-norm subgradient.
     *
     * @throws InvalidParameterException for a variable not in {@link #differentiable()} or a wrong shape
     */
    void subgradient(String variable, int layer, INDArray out);
}
