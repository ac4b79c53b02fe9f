package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockStep;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationReport;
import org.altmin.api.Loss;
import org.altmin.api.Optimizer;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.Registries;
import org.altmin.api.State;
import org.altmin.api.TrainingResult;
import org.altmin.solvers.common.Initialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class DlamOptimizerTest {
    static Map<String, ComponentFactory<Optimizer>> optimizers() {
        Injector injector = Guice.createInjector(new DlamModule());
        return injector.getInstance(Key.get(Registries.OPTIMIZER_MAP));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"rho, -1", "rho, 0", "epsilon, -0.1", "epsilon, 0", "nu, 0", "gamma, 1", "gamma, 0.5", "mu, -2",
            "eta, 1", "maxBacktracks, 0", "epsilonDecay, 1.5", "epsilonDecay, 0", "epsilonFloor, 0",
            "initScale, 0", "tolerance, -1", "maxBacktracks, 2.5"})
    void rejectsBadParametersNamingThem(String name, double value) {
        assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam", Map.of(name, value))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("dlam." + name)
                .hasMessageContaining(String.valueOf(value).replace(".0", ""));
    }

    @Test
    void initIsReadByNameInAnyCase() {
        for (var given : Map.of("he", Initialization.Scheme.HE, "HE", Initialization.Scheme.HE, "xavier",
                Initialization.Scheme.XAVIER, "Unit", Initialization.Scheme.UNIT).entrySet()) {
            var resolved = Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam", Map.of("init", given.getKey())));
            assertThat(((DlamOptimizer) resolved.component()).config().initScheme()).as(given.getKey()).isEqualTo(given.getValue());
            assertThat(resolved.spec().params()).containsEntry("init", given.getValue().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @ParameterizedTest(name = "init = {0}")
    @CsvSource({"0", "1", "2", "7", "-1"})
    void initRejectsOrdinalsListingTheNames(long ordinal) {
        assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam", Map.of("init", ordinal))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("dlam.init must be one of he, xavier, unit (by name, not by number), found " + ordinal);
        assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam", Map.of("init", "glorot"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("dlam.init must be one of he, xavier, unit, found 'glorot'");
    }

    @Test
    void switchesAreBooleansAndZeroOrOneIsRejected() {
        var resolved = Registries.resolve("optimizer", optimizers(),
                ComponentSpec.of("dlam", Map.of("warmStart", false, "zLFromLabels", "TRUE")));
        DlamConfig config = ((DlamOptimizer) resolved.component()).config();
        assertThat(config.warmStart()).isFalse();
        assertThat(config.zLFromLabels()).isTrue();
        assertThat(resolved.spec().params()).containsEntry("warmStart", false).containsEntry("zLFromLabels", true);
        for (String name : List.of("warmStart", "zLFromLabels")) {
            for (Object zeroOrOne : List.of(0, 1, 1.0, 2)) {
                assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(),
                        ComponentSpec.of("dlam", Map.of(name, zeroOrOne))))
                        .isInstanceOf(InvalidParameterException.class)
                        .hasMessageStartingWith("dlam." + name + " must be true or false (not a number such as 0 or 1), found ");
            }
        }
    }

    @Test
    void resolvedSpecListsEveryParameterInItsNaturalType() {
        var params = Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam")).spec().params();
        assertThat(params).containsEntry("rho", DlamConfig.DEFAULT_RHO)
                .containsEntry("maxBacktracks", (long) DlamConfig.DEFAULT_MAX_BACKTRACKS)
                .containsEntry("warmStart", true).containsEntry("zLFromLabels", false).containsEntry("init", "xavier")
                .containsEntry("tolerance", 0.0);
        assertThat(params).containsOnlyKeys("rho", "epsilon", "nu", "gamma", "mu", "eta", "maxBacktracks", "warmStart",
                "epsilonDecay", "epsilonFloor", "init", "initScale", "zLFromLabels", "tolerance");
        assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam", Map.of("maxBacktracks", 7.5))))
                .isInstanceOf(InvalidParameterException.class).hasMessage("dlam.maxBacktracks must be an integer, found 7.5");
        assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam", Map.of("rho", "abc"))))
                .isInstanceOf(InvalidParameterException.class).hasMessage("dlam.rho must be a number, found 'abc'");
    }

    @Test
    void rejectsUnknownParametersAndBlocks() {
        assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(), ComponentSpec.of("dlam", Map.of("rh0", 1.0))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("rh0").hasMessageContaining("rho");
        ComponentSpec badPart = ComponentSpec.of("dlam").withPart("W", ComponentSpec.of("w-newton"));
        assertThatThrownBy(() -> Registries.resolve("optimizer", optimizers(), badPart))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("w-newton").hasMessageContaining("w-exact");
    }

    @Test
    void resolvesDefaultsAndSwappedBlocksByName() {
        var resolved = Registries.resolve("optimizer", optimizers(),
                ComponentSpec.of("dlam", Map.of("rho", 2.0)).withPart("W", ComponentSpec.of("w-exact")));
        DlamOptimizer dlam = (DlamOptimizer) resolved.component();
        assertThat(dlam.name()).isEqualTo("dlam");
        assertThat(dlam.config().rho()).isEqualTo(2.0);
        assertThat(dlam.config().epsilon()).isEqualTo(DlamConfig.DEFAULT_EPSILON);
        assertThat(dlam.blocks().w()).isInstanceOf(WExact.class);
        assertThat(dlam.blocks().a()).isInstanceOf(ABacktrack.class);
        assertThat(resolved.spec().params()).containsKeys("rho", "epsilon", "nu", "gamma", "mu", "eta", "maxBacktracks");
        assertThat(resolved.spec().parts().get("zL").name()).isEqualTo(ZLProx.NAME);
        assertThat(DlamConfig.fromParams(Params.empty("dlam"))).isEqualTo(DlamConfig.defaults());
    }

    @Test
    void exactWStepIsAtLeastAsGoodAsBacktrackingFromTheSameState() {
        for (var reg : List.of(Doubles.NONE, Doubles.l2(0.3))) {
            Problem problem = Doubles.problem(DataType.DOUBLE, 12, Doubles.SQUARE, reg, Doubles.TANH, 5, 4, 6, 5, 3);
            DlamSession ctx = Support.moved(problem, DlamConfig.defaults().withRhoEpsilon(0.5, 0.1), 2);
            State start = ctx.state().copy();
            for (int l = 1; l <= ctx.layers(); l++) {
                BlockStep backtrack = new WBacktrack().update(ctx, l);
                double fBacktrack = Support.objective(ctx);
                ctx.state().assign(start);
                ctx.refreshProducts();
                double f0 = Support.objective(ctx);
                BlockStep exact = new WExact().update(ctx, l);
                double fExact = Support.objective(ctx);
                assertThat(fExact).as("layer %d", l).isLessThanOrEqualTo(fBacktrack + 1e-10);
                // Exact minimizer of a quadratic: F decreases by exactly (curvature / 2) ||dW||^2.
                assertThat(f0 - fExact).isCloseTo(0.5 * exact.modulus() * exact.stepSquared(),
                        org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, f0)));
                assertThat(backtrack.trials()).isPositive();
                ctx.state().assign(start);
                ctx.refreshProducts();
            }
        }
    }

    @Test
    void exactWStepRejectsNonQuadraticRegularizers() {
        Problem problem = Doubles.problem(DataType.DOUBLE, 6, Doubles.SQUARE, Doubles.l1(0.1), Doubles.RELU, 5, 3, 4, 2);
        DlamOptimizer dlam = new DlamOptimizer(DlamConfig.defaults(),
                new DlamBlocks(new WExact(), new BExact(), new ZClip(), new ZLProx(), new ABacktrack()));
        // Rejected by prepare, before the run starts (no report, no result).
        var reports = new java.util.ArrayList<IterationReport>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dlam.fit(problem, 2, (r, s) -> reports.add(r)))
                .isInstanceOf(org.altmin.api.InvalidParameterException.class)
                .hasMessageContaining("w-exact.regularizer").hasMessageContaining("none and l2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dlam.prepare(problem))
                .isInstanceOf(org.altmin.api.InvalidParameterException.class);
        assertThat(reports).isEmpty();
    }

    @Test
    void reportsStartingPointFirstThenOneRecordPerIteration() {
        Problem problem = Doubles.problem(DataType.FLOAT, 30, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 9, 6, 8, 3);
        var records = new java.util.ArrayList<IterationReport>();
        TrainingResult result = new DlamOptimizer(DlamConfig.defaults()).fit(problem, 5, (r, s) -> records.add(r));
        assertThat(result.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(records).extracting(IterationReport::iteration).containsExactly(0, 1, 2, 3, 4, 5);
        IterationReport start = records.get(0);
        assertThat(start.term("coupling")).isZero();
        assertThat(start.term("infeasibility")).isZero();
        assertThat(start.blocks()).hasSize(7).allSatisfy(b -> assertThat(b.stepSquared()).isZero());
        assertThat(start.diagnostic("band_residual_1")).isZero();
        IterationReport last = records.get(5);
        assertThat(last.objective()).isLessThan(start.objective());
        assertThat(last.trainAccuracy()).isBetween(0.0, 1.0);
        assertThat(last.block("W", 1).orElseThrow().nanos()).isPositive();
        assertThat(last.block("a", 1).orElseThrow().trials()).isPositive();
        assertThat(last.block("a", 2)).isEmpty(); // DLAM has no a_L
        assertThat(last.block("b", 2).orElseThrow().modulus()).isEqualTo(DlamConfig.DEFAULT_RHO * 30);
        assertThat(result.weights()).hasSize(2);
        assertThat(result.last()).contains(last);
    }

    @Test
    void toleranceStopsTheRunAsConverged() {
        Problem problem = Doubles.problem(DataType.DOUBLE, 10, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 9, 4, 3, 2);
        DlamConfig loose = DlamConfig.fromParams(new Params("dlam", ComponentSpec.of("dlam", Map.of("tolerance", 0.5))));
        TrainingResult result = new DlamOptimizer(loose).fit(problem, 50, null);
        assertThat(result.status()).isEqualTo(TrainingResult.Status.CONVERGED);
        assertThat(result.iterations()).isLessThan(50);
        assertThat(result.diagnosis()).contains("tolerance");
    }

    @Test
    void nonFiniteValuesEndTheRunAsDivergedNamingTermLayerAndIteration() {
        Loss poisoned = new Loss() {
            public double value(INDArray z, INDArray y) { return Doubles.SQUARE.value(z, y); }
            public void gradient(INDArray z, INDArray y, INDArray out) { Doubles.SQUARE.gradient(z, y, out); }
            public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
                out.assign(Double.NaN);
                return ProxReport.EXACT;
            }
        };
        Problem problem = Doubles.problem(DataType.DOUBLE, 8, poisoned, Doubles.NONE, Doubles.RELU, 9, 4, 3, 2);
        var records = new java.util.ArrayList<IterationReport>();
        TrainingResult result = new DlamOptimizer(DlamConfig.defaults()).fit(problem, 10, (r, s) -> records.add(r));
        assertThat(result.status()).isEqualTo(TrainingResult.Status.DIVERGED);
        assertThat(result.diagnosis()).contains("risk").contains("iteration 1").contains("layer 2");
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(records).hasSize(2);
    }

    @Test
    void epsilonScheduleHalvesDownToTheFloor() {
        DlamConfig c = new DlamConfig(1, 0.1, 1, 2, 1, 2, 10, false, 0.5, 0.01, DlamConfig.DEFAULT_INIT_SCHEME, 1, false, 0);
        assertThat(c.epsilonAt(1)).isEqualTo(0.1);
        assertThat(c.epsilonAt(2)).isEqualTo(0.05);
        assertThat(c.epsilonAt(20)).isEqualTo(0.01);
        assertThat(DlamConfig.defaults().withFixedEpsilon().epsilonAt(50)).isEqualTo(DlamConfig.DEFAULT_EPSILON);
        // The default schedule: eps 1 shrinking by 0.9 per iteration to its floor 0.001 (k = 67).
        assertThat(DlamConfig.defaults().epsilonAt(2)).isEqualTo(DlamConfig.DEFAULT_EPSILON * DlamConfig.DEFAULT_EPSILON_DECAY);
        assertThat(DlamConfig.defaults().epsilonAt(200)).isEqualTo(DlamConfig.DEFAULT_EPSILON_FLOOR);
    }

    @Test
    void epsilonScheduleKeepsTheIteratesFeasible() {
        Problem problem = Doubles.problem(DataType.DOUBLE, 20, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 4, 5, 6, 4, 3);
        DlamConfig c = new DlamConfig(0.5, 0.2, 1, 2, 1, 2, 60, true, 0.5, 0.001, DlamConfig.DEFAULT_INIT_SCHEME, 1, false, 0);
        var records = new java.util.ArrayList<IterationReport>();
        TrainingResult result = new DlamOptimizer(c).fit(problem, 12, (r, s) -> records.add(r));
        assertThat(result.status()).as(result.diagnosis()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(records).allSatisfy(r -> assertThat(r.term("infeasibility")).isZero());
        // The band shrank: the last residual bound is the floor's.
        IterationReport last = records.get(12);
        assertThat(last.diagnostic("band_residual_1")).isLessThanOrEqualTo(Math.sqrt(6 * 20) * 0.001 + 1e-12);
        // Equation 4 with the shrinking eps moves the hidden layers (with a fixed eps they stay, see below).
        DlamSession start = new DlamSession(problem, c);
        start.start();
        assertThat(result.weights().get(0).sub(start.state().w(1)).amaxNumber().doubleValue()).isGreaterThan(1e-6);
    }

    /**
     * The property of Algorithm 1 documented in the package: from the forward-pass start with a fixed eps, only the
     * output layer's W_L, b_L (and z_L, a_{L-1}) move; W_l, b_l for l < L stay at their start.
     */
    @Test
    void onlyTheOutputLayerMovesFromTheFeasibleStart() {
        Problem problem = Doubles.problem(DataType.DOUBLE, 15, Doubles.SQUARE, Doubles.NONE, Doubles.TANH, 6, 5, 4, 4, 3);
        DlamSession start = new DlamSession(problem, DlamConfig.defaults().withFixedEpsilon());
        start.start();
        TrainingResult result = new DlamOptimizer(DlamConfig.defaults().withFixedEpsilon().withRhoEpsilon(0.5, 0.1)).fit(problem, 10, null);
        for (int l = 1; l < problem.layers(); l++) {
            assertThat(result.weights().get(l - 1).sub(start.state().w(l)).amaxNumber().doubleValue()).as("W_%d", l).isLessThan(1e-10);
            assertThat(result.biases().get(l - 1).sub(start.state().b(l)).amaxNumber().doubleValue()).as("b_%d", l).isLessThan(1e-10);
        }
        int last = problem.layers();
        assertThat(result.weights().get(last - 1).sub(start.state().w(last)).amaxNumber().doubleValue()).isGreaterThan(1e-6);
    }

    @Test
    void aListenerCanStopTheRun() {
        Problem problem = Doubles.problem(DataType.DOUBLE, 10, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 9, 4, 3, 2);
        var reports = new java.util.ArrayList<IterationReport>();
        org.altmin.api.IterationListener stopAt3 = org.altmin.api.IterationListener.stopWhen(r -> r.iteration() == 3,
                "enough");
        TrainingResult result = new DlamOptimizer(DlamConfig.defaults()).fit(problem, 50,
                org.altmin.api.IterationListener.all(List.of((r, s) -> reports.add(r), stopAt3)));
        assertThat(result.status()).isEqualTo(TrainingResult.Status.STOPPED);
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(result.diagnosis()).isEqualTo("enough at iteration 3");
        assertThat(reports).extracting(IterationReport::iteration).containsExactly(0, 1, 2, 3);
        assertThat(result.last()).contains(reports.get(3));
    }

    @Test
    void partsAreValidatedForTheirRole() {
        com.google.inject.Injector injector = com.google.inject.Guice.createInjector(new DlamModule());
        var optimizers = injector.getInstance(com.google.inject.Key.get(org.altmin.api.Registries.OPTIMIZER_MAP));
        ComponentSpec zClipAsW = ComponentSpec.of("dlam").withPart("W", ComponentSpec.of(ZClip.NAME));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.altmin.api.Registries.resolve("optimizer", optimizers, zClipAsW))
                .isInstanceOf(org.altmin.api.InvalidParameterException.class)
                .hasMessageContaining("DLAM W block").hasMessageContaining("'z-clip'")
                .hasMessageContaining("[w-backtrack, w-exact]");
        ComponentSpec exactW = ComponentSpec.of("mdlam").withPart("W", ComponentSpec.of(WExact.NAME));
        assertThat(org.altmin.api.Registries.resolve("optimizer", optimizers, exactW).component())
                .isInstanceOf(MdlamOptimizer.class);
    }

    @Test
    void theoryCoversTheFixedEpsStepsOnly() {
        org.altmin.api.Theory fixed = new DlamOptimizer(DlamConfig.defaults().withFixedEpsilon()).theory();
        for (org.altmin.api.Property p : org.altmin.api.Property.values()) {
            assertThat(fixed.claim(p)).hasValueSatisfying(c -> assertThat(c.fromIteration()).isEqualTo(1));
        }
        DlamConfig schedule = DlamConfig.defaults().withEpsilonSchedule(1.0, 0.5, 0.125);
        // eps_k = 1, 0.5, 0.25, 0.125 (the floor, k = 4): the step into k = 5 is the first with a fixed eps.
        org.altmin.api.Theory shrinking = new DlamOptimizer(schedule).theory();
        assertThat(shrinking.claim(org.altmin.api.Property.SUFFICIENT_DESCENT))
                .hasValueSatisfying(c -> {
                    assertThat(c.fromIteration()).isEqualTo(5);
                    assertThat(c.condition()).contains("does not apply while eps changes");
                });
    }

    @Test
    void aStopRequestedAtTheStartEndsTheRunBeforeTheFirstIteration() {
        Problem problem = Doubles.problem(DataType.DOUBLE, 10, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 9, 4, 3, 2);
        TrainingResult result = new DlamOptimizer(DlamConfig.defaults()).fit(problem, 5,
                org.altmin.api.IterationListener.stopWhen(r -> true, "at once"));
        assertThat(result.status()).isEqualTo(TrainingResult.Status.STOPPED);
        assertThat(result.iterations()).isZero();
        assertThat(result.diagnosis()).isEqualTo("at once at iteration 0");
    }
}
