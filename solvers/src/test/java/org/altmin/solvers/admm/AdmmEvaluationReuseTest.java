package org.altmin.solvers.admm;

import static org.assertj.core.api.Assertions.assertThat;

import org.altmin.activations.Relu;
import org.altmin.api.Problem;
import org.altmin.losses.SquareLoss;
import org.altmin.losses.NoRegularizer;
import org.altmin.solvers.common.Evaluator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** ADMM's W_1 update recomputes {@code W_1 x}, so the training evaluation reuses it every iteration, bit for bit. */
class AdmmEvaluationReuseTest {
    @Test
    void everyIterationsWOneXIsTheForwardPassesGemm() {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Problem p = Fixtures.random(dtype, 20, new SquareLoss(), new NoRegularizer(), new Relu(), 3, 5, 4, 3);
            AdmmSession session = new AdmmSession(p, AdmmConfig.defaults());
            Evaluator evaluator = new Evaluator(p);
            for (int k = 1; k <= 3; k++) {
                session.iterate(k);
                assertThat(session.inputProduct()).as("%s, iteration %d", dtype, k).isPresent();
                assertThat(evaluator.evaluate(session.state(), session.inputProduct()))
                        .isEqualTo(evaluator.evaluate(session.state()));
            }
        }
    }
}
