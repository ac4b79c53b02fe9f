package org.altmin.api;

/**
 * The plain forward pass of the current W, b on the training set and, when there are ones, the validation set (held
 * out from the training set, for tuning) and the test set: the part of an {@link IterationReport} that every
 * optimizer shares.
 *
 * @param trainLoss          mean per-sample data loss on the training set
 * @param trainAccuracy      accuracy on the training set, in [0, 1]
 * @param testLoss           mean per-sample data loss on the test set; NaN without one
 * @param testAccuracy       accuracy on the test set; NaN without one
 * @param validationLoss     mean per-sample data loss on the validation set; NaN without one
 * @param validationAccuracy accuracy on the validation set; NaN without one
 */
public record Evaluation(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        double validationLoss, double validationAccuracy) {
    /** No evaluation (an iteration that broke, or one the run skipped). */
    public static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** An evaluation without a validation set. */
    public Evaluation(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
        this(trainLoss, trainAccuracy, testLoss, testAccuracy, Double.NaN, Double.NaN);
    }

    /** Whether a forward pass was evaluated. */
    public boolean present() {
        return !Double.isNaN(trainLoss) || !Double.isNaN(trainAccuracy);
    }

    /** Whether it holds a validation part. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss) || !Double.isNaN(validationAccuracy);
    }

    /** This evaluation with the validation set's mean loss and accuracy. */
    public Evaluation withValidation(double loss, double accuracy) {
        return new Evaluation(trainLoss, trainAccuracy, testLoss, testAccuracy, loss, accuracy);
    }
}
