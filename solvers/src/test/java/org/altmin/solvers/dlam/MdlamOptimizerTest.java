package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.IterationReport;
import org.altmin.api.Loss;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** mDLAM (Wang, Li, Zhao, Neurocomputing 2022) on DLAM's blocks: monotone F, DLAM without extrapolation, restarts. */
class MdlamOptimizerTest {
    static final double TOLERANCE = 1e-10;

    static List<IterationReport> run(MdlamOptimizer optimizer, Problem problem, int iterations, TrainingResult[] result) {
        List<IterationReport> reports = new ArrayList<>();
        result[0] = optimizer.fit(problem, iterations, (r, s) -> reports.add(r));
        return reports;
    }

    /** F^{k+1} <= F^k (up to rounding) and Property 2's inequality with the reported moduli. */
    static void assertMonotone(List<IterationReport> reports) {
        for (int k = 1; k < reports.size(); k++) {
            double before = reports.get(k - 1).objective();
            double after = reports.get(k).objective();
            assertThat(after).as("F^%d vs F^%d", k, k - 1).isLessThanOrEqualTo(before + TOLERANCE * Math.max(1, Math.abs(before)));
        }
        DlamDescentTest.assertSufficientDescent(reports);
    }

    @ParameterizedTest(name = "{0} x {1} x {2} warm={3}")
    @MethodSource("org.altmin.solvers.dlam.DlamDescentTest#combinations")
    void fNeverIncreasesOnDlamsCombinations(QuasilinearActivation act, Regularizer reg, Loss loss, boolean warm) {
        Problem problem = Doubles.problem(DataType.DOUBLE, 9, loss, reg, act, 11, 5, 4, 3, 2);
        DlamConfig config = DlamConfig.defaults().withFixedEpsilon().withRhoEpsilon(0.5, 0.05).withBacktracking(0.05, 2.0, 0.05, 3.0, 60, warm);
        TrainingResult[] result = new TrainingResult[1];
        List<IterationReport> reports = run(new MdlamOptimizer(config), problem, 10, result);
        assertThat(result[0].status()).as(result[0].diagnosis()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertMonotone(reports);
    }

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @MethodSource("org.altmin.solvers.dlam.DlamComponentsDescentTest#combinations")
    void fNeverIncreasesOnEveryShippedComponentCombination(String act, String lossName, String reg) {
        ComponentSpec lossSpec = lossName.equals("cross-entropy")
                ? ComponentSpec.of(lossName, Map.of("proxTolerance", 1e-12, "proxMaxIterations", 100000.0))
                : ComponentSpec.of(lossName);
        Loss loss = DlamComponentsDescentTest.resolve(org.altmin.api.Registries.LOSS_MAP, lossSpec);
        Regularizer omega = DlamComponentsDescentTest.resolve(org.altmin.api.Registries.REGULARIZER_MAP, ComponentSpec.of(reg));
        QuasilinearActivation h = DlamComponentsDescentTest.resolve(org.altmin.api.Registries.ACTIVATION_MAP, ComponentSpec.of(act));
        Problem problem = Doubles.problem(DataType.DOUBLE, 8, loss, omega, h, 17, 5, 4, 3, 3);
        DlamConfig config = DlamConfig.defaults().withFixedEpsilon().withRhoEpsilon(0.5, 0.05).withBacktracking(0.05, 2.0, 0.05, 3.0, 60, true);
        TrainingResult[] result = new TrainingResult[1];
        List<IterationReport> reports = run(new MdlamOptimizer(config), problem, 6, result);
        assertThat(result[0].status()).as(result[0].diagnosis()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertMonotone(reports);
    }

    @Test
    void withoutExtrapolationItIsDlamExactly() {
        // An eps schedule, so that every block moves.
        DlamConfig config = new DlamConfig(0.5, 0.3, 1, 2, 1, 2, 60, true, 0.7, 0.001, DlamConfig.DEFAULT_INIT_SCHEME, 1,
                false, 0);
        Problem problem = Doubles.problem(DataType.DOUBLE, 20, Doubles.SQUARE, Doubles.l2(0.1), Doubles.TANH, 4, 5, 6, 4, 3);
        List<IterationReport> dlam = new ArrayList<>();
        TrainingResult d = new DlamOptimizer(config).fit(problem, 12, (r, s) -> dlam.add(r));
        TrainingResult[] m = new TrainingResult[1];
        List<IterationReport> mdlam = run(new MdlamOptimizer(config, DlamBlocks.defaults(), false), problem, 12, m);
        assertThat(m[0].status()).isEqualTo(d.status());
        for (int l = 0; l < problem.layers(); l++) {
            assertThat(m[0].weights().get(l)).isEqualTo(d.weights().get(l));
            assertThat(m[0].biases().get(l)).isEqualTo(d.biases().get(l));
        }
        assertThat(mdlam).hasSameSizeAs(dlam);
        for (int k = 0; k < dlam.size(); k++) {
            assertThat(mdlam.get(k).objective()).isEqualTo(dlam.get(k).objective());
            assertThat(mdlam.get(k).terms()).isEqualTo(dlam.get(k).terms());
        }
    }

    @Test
    void extrapolationChangesTheIteratesReportsItsWeightAndCountsRestarts() {
        DlamConfig config = new DlamConfig(0.5, 0.3, 1, 2, 1, 2, 60, true, 0.7, 0.001, DlamConfig.DEFAULT_INIT_SCHEME, 1,
                false, 0);
        Problem problem = Doubles.problem(DataType.DOUBLE, 20, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 4, 5, 6, 4, 3);
        TrainingResult d = new DlamOptimizer(config).fit(problem, 25, null);
        TrainingResult[] m = new TrainingResult[1];
        List<IterationReport> reports = run(new MdlamOptimizer(config), problem, 25, m);
        assertThat(m[0].status()).as(m[0].diagnosis()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        INDArray diff = m[0].weights().get(0).sub(d.weights().get(0));
        assertThat(diff.amaxNumber().doubleValue()).as("W_1 differs from DLAM's").isGreaterThan(1e-9);
        double t = 1;
        double total = 0;
        for (IterationReport r : reports.subList(1, reports.size())) {
            double weight;
            if (r.iteration() == 1) {
                weight = 0;
            } else {
                double next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                weight = (t - 1) / next;
                t = next;
            }
            assertThat(r.diagnostic("extrapolation_weight")).isEqualTo(weight);
            double restarts = r.diagnostic("restarts");
            assertThat(restarts).isBetween(0.0, (double) (2 * problem.layers() - 1));
            total += restarts;
            assertThat(r.diagnostic("restarts_total")).isEqualTo(total);
        }
        assertThat(reports.get(0).diagnostic("restarts")).isZero();
        assertThat(reports.get(0).diagnostic("extrapolation_weight")).isZero();
        // eps = 0.3 * 0.7^(k-1) reaches the floor 0.001 at k = 17; from the step into 18 on eps is fixed, and F is
        // monotone, as the safeguard guarantees.
        int from = DlamOptimizer.firstFixedStep(config);
        assertThat(from).isEqualTo(18);
        for (int k = from; k < reports.size(); k++) {
            assertThat(reports.get(k).objective()).isLessThanOrEqualTo(reports.get(k - 1).objective() * (1 + 1e-12));
        }
    }

    @Test
    void declaresDescentAndBoundednessOnly() {
        MdlamOptimizer fixed = new MdlamOptimizer(DlamConfig.defaults().withFixedEpsilon());
        assertThat(fixed.theory().proves(Property.SUFFICIENT_DESCENT)).isTrue();
        assertThat(fixed.theory().proves(Property.BOUNDEDNESS)).isTrue();
        assertThat(fixed.theory().proves(Property.SUBGRADIENT_BOUND)).isFalse();
        assertThat(fixed.theory().whyNot(Property.SUBGRADIENT_BOUND)).contains("extrapolation");
        assertThat(new MdlamOptimizer(DlamConfig.defaults().withFixedEpsilon(), DlamBlocks.defaults(), false).theory().proves(
                Property.SUBGRADIENT_BOUND)).isTrue();
    }
}
