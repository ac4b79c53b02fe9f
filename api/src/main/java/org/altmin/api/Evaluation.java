package org.altmin.api;

/**
 * The plain forward pass of the current W, b on the training set and, when there is one, the test set: the part of
 * an {@link IterationReport} that every optimizer shares.
 *
 * @param trainLoss     mean per-sample data loss on the training set
 * @param trainAccuracy accuracy on the training set, in [0, 1]
 * @param testLoss      mean per-sample data loss on the test set; NaN without one
 * @param testAccuracy  accuracy on the test set; NaN without one
 */
public record Evaluation(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
    /** No evaluation (an iteration that broke, or one the run skipped). */
    public static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Whether a forward pass was evaluated. */
    public boolean present() {
        return !Double.isNaN(trainLoss) || !Double.isNaN(trainAccuracy);
    }
}
