package org.altmin.experiments.run;

import org.altmin.api.Evaluation;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.Problem;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.TrainingData;
import org.altmin.api.TrainingResult;
import org.altmin.solvers.common.ForwardPass;

/**
 * Adds the validation set's mean loss and accuracy (the forward pass of the current W, b on the samples held out
 * from the training set, {@link org.altmin.experiments.data.DataPreparation}) to each report before the listeners
 * it wraps see it, so that {@code metrics.csv} ({@code val_loss, val_accuracy}), the plots, the summary and a
 * user's listener (e.g. early stopping on validation accuracy) all have it, and tuning never needs the test set.
 * A report without an evaluation (a broken iteration) passes unchanged. Buffers are allocated once.
 */
final class ValidationEvaluation {
    private final ForwardPass pass;
    private Evaluation last = Evaluation.NONE;

    ValidationEvaluation(Problem problem, TrainingData validation) {
        pass = new ForwardPass(problem, validation.x(), validation.y());
    }

    /** The evaluation of the last report seen, with its validation part. */
    Evaluation last() {
        return last;
    }

    /** {@code delegate}, called with the reports completed by the validation part. */
    IterationListener around(IterationListener delegate) {
        return new IterationListener() {
            @Override
            public void onStart(RunContext run) {
                delegate.onStart(run);
            }

            @Override
            public void onIteration(IterationReport report, State state) {
                IterationReport completed = report;
                if (report.evaluation().present()) {
                    ForwardPass.Evaluation v = pass.evaluate(state.weights(), state.biases());
                    completed = report.withEvaluation(report.evaluation().withValidation(v.meanLoss(), v.accuracy()));
                }
                last = completed.evaluation();
                delegate.onIteration(completed, state);
            }

            @Override
            public void onEnd(TrainingResult result) {
                delegate.onEnd(result);
            }
        };
    }
}
