package org.altmin.api;

import java.util.List;

/**
 * Everything a solver reports after one iteration (one sweep over all blocks, or one epoch for SGD).
 * Accuracies and losses marked "forward" are of the plain forward pass with the current W, b.
 *
 * @param iteration     iteration count k; 0 for the starting point (solvers report it so that F^0 is known)
 * @param terms         the terms of F at the new point ({@link ObjectiveTerms#objective()} gives F)
 * @param trainLoss     mean per-sample data loss of the forward pass on the training set
 * @param trainAccuracy forward-pass accuracy on the training set, in [0, 1]
 * @param testLoss      mean per-sample data loss of the forward pass on the test set; NaN without one
 * @param testAccuracy  forward-pass accuracy on the test set; NaN without one
 * @param layers        per-layer steps, backtracking counts and band residuals (empty for SGD)
 * @param nanos         wall time of the iteration, without the evaluation
 */
public record IterationRecord(
        int iteration,
        ObjectiveTerms terms,
        double trainLoss,
        double trainAccuracy,
        double testLoss,
        double testAccuracy,
        List<LayerStats> layers,
        long nanos) {
    public IterationRecord {
        layers = List.copyOf(layers);
    }

    /** F of Problem 2 after this iteration. */
    public double objective() {
        return terms.objective();
    }
}
