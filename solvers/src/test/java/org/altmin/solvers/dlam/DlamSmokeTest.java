package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.IterationRecord;
import org.altmin.api.TrainingResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class DlamSmokeTest {
    @Test
    void runsAndDecreasesF() {
        var problem = Doubles.problem(DataType.DOUBLE, 20, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 3, 6, 5, 4, 3);
        List<IterationRecord> records = new ArrayList<>();
        TrainingResult result = new DlamOptimizer(DlamConfig.defaults()).fit(problem, 10, (r, s) -> records.add(r));
        records.forEach(r -> System.out.println(r.iteration() + " F=" + r.objective() + " " + r.terms() + " acc=" + r.trainAccuracy()
                + " " + r.layers().get(0).w()));
        System.out.println(result.diagnosis());
        assertThat(result.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(records.get(10).objective()).isLessThan(records.get(0).objective());
    }
}
