package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.Evaluation;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationReport;
import org.altmin.api.Problem;
import org.altmin.api.TrainingData;
import org.altmin.solvers.common.Evaluator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The lifecycle's evaluation stride ({@code fit(problem, iterations, listener, evaluateEvery)}) and the training
 * evaluation's reuse of the session's exact {@code W_1 x} ({@link org.altmin.solvers.core.Session#inputProduct}).
 */
class EvaluationReuseTest {
    private static Problem problem(DataType dtype) {
        Problem p = Doubles.problem(dtype, 24, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 4, 6, 5, 4, 3);
        // With a test set, so that both evaluations run.
        TrainingData d = p.data();
        TrainingData withTest = new TrainingData(d.x(), d.y(), d.x().dup().muli(0.5), d.y().dup());
        return new Problem(p.network(), withTest, p.loss(), p.regularizers(), p.activations(), p.seed());
    }

    private static List<IterationReport> fit(DlamOptimizer dlam, Problem p, int iterations, int every) {
        List<IterationReport> reports = new ArrayList<>();
        dlam.fit(p, iterations, (r, s) -> reports.add(r), every);
        return reports;
    }

    @Test
    void evaluatesEveryKthIterationTheFirstAndTheLastWithTheSameValues() {
        DlamConfig schedule = DlamConfig.defaults().withRhoEpsilon(0.5, 0.5).withEpsilonSchedule(0.5, 0.8, 1e-3);
        Problem p = problem(DataType.DOUBLE);
        List<IterationReport> every = fit(new DlamOptimizer(schedule), p, 7, 1);
        List<IterationReport> third = fit(new DlamOptimizer(schedule), p, 7, 3);
        assertThat(third).hasSize(8);
        for (int k = 0; k <= 7; k++) {
            IterationReport r = third.get(k);
            // The iterates do not depend on the stride: same objective bit for bit.
            assertThat(r.objective()).as("objective %d", k).isEqualTo(every.get(k).objective());
            if (k % 3 == 0 || k == 7) {
                assertThat(r.evaluation()).as("iteration %d", k).isEqualTo(every.get(k).evaluation());
                assertThat(r.trainLoss()).isFinite();
                assertThat(r.evaluation().testAccuracy()).isBetween(0.0, 1.0);
            } else {
                assertThat(r.evaluation()).as("iteration %d", k).isEqualTo(Evaluation.NONE);
            }
        }
        assertThatThrownBy(() -> fit(new DlamOptimizer(schedule), p, 2, 0))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("evaluateEvery");
    }

    @Test
    void theTrainingEvaluationReusesWOneXOnlyWhileItIsExact() {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Problem p = problem(dtype);
            Evaluator evaluator = new Evaluator(p);
            // Fixed eps from the feasible start: W_1 never moves, so the cached W_1 x stays the refreshed GEMM's.
            DlamSession fixed = new DlamSession(p, DlamConfig.defaults());
            fixed.start();
            for (int k = 1; k <= 3; k++) {
                fixed.iterate(k);
                assertThat(fixed.inputProduct()).as("%s, iteration %d", dtype, k).isPresent();
                assertThat(evaluator.evaluate(fixed.state(), fixed.inputProduct()))
                        .isEqualTo(evaluator.evaluate(fixed.state()));
            }
            // Under a schedule W_1 moves (the cache is then updated incrementally, W^k x + D x): no reuse.
            DlamSession moving = new DlamSession(p, DlamConfig.defaults().withRhoEpsilon(0.5, 0.5)
                    .withEpsilonSchedule(0.5, 0.5, 1e-3));
            moving.start();
            assertThat(moving.inputProduct()).isPresent();
            org.nd4j.linalg.api.ndarray.INDArray w0 = moving.state().w(1).dup();
            for (int k = 1; k <= 3; k++) {
                moving.iterate(k);
                boolean moved = !java.util.Arrays.equals(moving.state().w(1).data().asDouble(), w0.data().asDouble());
                assertThat(moving.inputProduct().isPresent()).as("%s, iteration %d", dtype, k).isEqualTo(!moved);
            }
            // Any change of W_1 since the product was computed, even by a block that does not update the cache.
            moving.state().w(1).addi(1e-3);
            assertThat(moving.inputProduct()).as(dtype.toString()).isEmpty();
            moving.refreshProducts();
            assertThat(moving.inputProduct()).isPresent();
            assertThat(evaluator.evaluate(moving.state(), moving.inputProduct()))
                    .isEqualTo(evaluator.evaluate(moving.state()));
        }
    }
}
