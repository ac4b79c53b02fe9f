package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.altmin.api.IterationReport;
import org.altmin.api.Loss;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Property 2 of DLAM (sufficient descent, inequality 7 of Wang et al.): in DOUBLE, every iteration satisfies
 * {@code F^k - F^{k+1} >= sum (parameter/2) ||step||^2} over all blocks, where the parameter is theta (W), rho N
 * (b; at least the paper's rho), rho (z) and tau (a), up to a rounding tolerance of {@code 1e-10 max(1, |F|)}.
 */
class DlamDescentTest {
    static final double TOLERANCE = 1e-10;

    static Stream<Arguments> combinations() {
        Stream.Builder<Arguments> all = Stream.builder();
        int i = 0;
        for (QuasilinearActivation act : Doubles.ACTIVATIONS) {
            for (Regularizer reg : Doubles.REGULARIZERS) {
                for (Loss loss : List.of(Doubles.SQUARE)) {
                    // Alternate Algorithms 2-3 as written (theta from nu) and the warm-started search.
                    all.add(Arguments.of(act, reg, loss, i++ % 2 == 0));
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} x {1} x {2}, warm start {3}")
    @MethodSource("combinations")
    void everyIterationDescendsSufficiently(QuasilinearActivation act, Regularizer reg, Loss loss, boolean warm) {
        Problem problem = Doubles.problem(DataType.DOUBLE, 9, loss, reg, act, 11, 5, 4, 3, 2);
        // A small nu and mu make the backtracking searches take several trials.
        DlamConfig config = DlamConfig.defaults().withFixedEpsilon().withRhoEpsilon(0.5, 0.05).withBacktracking(0.05, 2.0, 0.05, 3.0, 60, warm);
        List<IterationReport> records = Support.run(new DlamOptimizer(config), problem, 10);
        assertThat(records).hasSize(11);
        assertSufficientDescent(records);
    }

    static void assertSufficientDescent(List<IterationReport> records) {
        assertThat(records.get(0).iteration()).isZero();
        int moved = 0;
        for (int k = 1; k < records.size(); k++) {
            IterationReport before = records.get(k - 1);
            IterationReport after = records.get(k);
            assertThat(after.term("infeasibility")).as("infeasibility at %d", k).isZero();
            double decrease = before.objective() - after.objective();
            double bound = Support.descentBound(after);
            assertThat(decrease).as("F^%d - F^%d vs bound %s", k - 1, k, bound)
                    .isGreaterThanOrEqualTo(bound - TOLERANCE * Math.max(1, Math.abs(before.objective())));
            if (bound > 0) {
                moved++;
            }
        }
        assertThat(moved).as("iterations that moved").isPositive();
    }
}
