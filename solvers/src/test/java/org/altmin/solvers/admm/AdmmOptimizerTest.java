package org.altmin.solvers.admm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import com.google.inject.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.activations.HardTanh;
import org.altmin.activations.Identity;
import org.altmin.activations.LeakyRelu;
import org.altmin.activations.Relu;
import org.altmin.activations.Sigmoid;
import org.altmin.activations.Tanh;
import org.altmin.api.BlockReport;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.Loss;
import org.altmin.api.Optimizer;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.TrainingResult;
import org.altmin.losses.L1Regularizer;
import org.altmin.losses.L2Regularizer;
import org.altmin.losses.NoRegularizer;
import org.altmin.losses.SoftmaxCrossEntropyLoss;
import org.altmin.losses.SquareLoss;
import org.altmin.solvers.common.Initialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class AdmmOptimizerTest {
    private static final Map<String, ComponentFactory<Optimizer>> REGISTRY =
            Guice.createInjector(new AdmmModule()).getInstance(Key.get(Registries.OPTIMIZER_MAP));

    private static List<IterationReport> run(Optimizer optimizer, Problem problem, int iterations,
            TrainingResult[] result) {
        List<IterationReport> records = new ArrayList<>();
        result[0] = optimizer.fit(problem, iterations, (r, s) -> records.add(r));
        return records;
    }

    @Test
    void moduleRegistersAdmmAndIsListedForTheServiceLoader() {
        assertThat(REGISTRY.keySet()).containsExactly("admm");
        Optimizer admm = Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("admm")).component();
        assertThat(admm).isInstanceOf(AdmmOptimizer.class);
        assertThat(admm.name()).isEqualTo("admm");
        assertThat(java.util.ServiceLoader.load(com.google.inject.Module.class).stream().map(p -> p.type().getName()))
                .contains(AdmmModule.class.getName());
    }

    @Test
    void resolvesEveryDefaultAndGivenValues() {
        var resolved = Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("admm", Map.of("beta", 2.0,
                "warmStartIterations", 3.0)));
        AdmmOptimizer admm = (AdmmOptimizer) resolved.component();
        assertThat(admm.config().beta()).isEqualTo(2.0);
        assertThat(admm.config().warmStartIterations()).isEqualTo(3);
        assertThat(admm.config().gamma()).isEqualTo(AdmmConfig.DEFAULT_GAMMA);
        assertThat(resolved.spec().params()).containsOnlyKeys("beta", "gamma", "ridge", "warmStartIterations", "init",
                "initScale");
        assertThat(AdmmConfig.fromParams(Params.empty("admm"))).isEqualTo(AdmmConfig.defaults());
        assertThat(AdmmConfig.defaults().beta()).isEqualTo(1e-3);
        assertThat(AdmmConfig.defaults().gamma()).isEqualTo(1.0);
        assertThat(AdmmConfig.defaults().ridge()).isEqualTo(1e-6);
        assertThat(AdmmConfig.defaults().warmStartIterations()).isEqualTo(AdmmConfig.DEFAULT_WARM_START_ITERATIONS).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"beta, -1", "beta, 0", "beta, Infinity", "gamma, -2.5", "gamma, 0", "gamma, NaN", "ridge, -1e-3",
            "warmStartIterations, -1", "warmStartIterations, 1.5", "initScale, 0"})
    void rejectsBadParametersNamingParameterAndValue(String name, double value) {
        assertThatThrownBy(() -> Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("admm", Map.of(name, value))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("admm." + name)
                .hasMessageContaining("found " + (value == Math.rint(value) && Double.isFinite(value)
                        && (name.equals("warmStartIterations") || name.equals("init")) ? String.valueOf((long) value)
                        : String.valueOf(value)));
    }

    @Test
    void initIsANameAndOrdinalsAreRejected() {
        var resolved = Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("admm", Map.of("init", "he",
                "warmStartIterations", 2)));
        assertThat(((AdmmOptimizer) resolved.component()).config().initScheme()).isEqualTo(Initialization.Scheme.HE);
        assertThat(resolved.spec().params()).containsEntry("init", "he").containsEntry("warmStartIterations", 2L);
        assertThat(Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("admm")).spec().params())
                .containsEntry("init", "xavier");
        for (long ordinal : new long[] {3, -1, 1}) {
            assertThatThrownBy(() -> Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("admm", Map.of("init", ordinal))))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessage("admm.init must be one of he, xavier, unit (by name, not by number), found " + ordinal);
        }
    }

    @Test
    void badBetaMessageReadsAsDocumented() {
        assertThatThrownBy(() -> AdmmConfig.defaults().withPenalties(-1, 10))
                .hasMessage("admm.beta must be > 0 and finite, found -1.0");
    }

    @Test
    void rejectsUnknownParametersListingTheKnownOnes() {
        assertThatThrownBy(() -> Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("admm", Map.of("rho", 1.0))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("rho").hasMessageContaining("beta")
                .hasMessageContaining("gamma");
    }

    @Test
    void rejectsUnsupportedActivationsListingTheSupportedOnes() {
        for (QuasilinearActivation h : List.<QuasilinearActivation>of(new Tanh(), new Sigmoid())) {
            Problem problem = Fixtures.random(DataType.DOUBLE, 8, new SquareLoss(), new NoRegularizer(), h, 1, 3, 4, 2);
            assertThatThrownBy(() -> new AdmmOptimizer(AdmmConfig.defaults()).fit(problem, 1, null))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("admm.activations[1]")
                    .hasMessageContaining(h.toString())
                    .hasMessageContaining("relu").hasMessageContaining("leaky-relu").hasMessageContaining("hard-tanh")
                    .hasMessageContaining("identity");
        }
    }

    @Test
    void rejectsRegularizersWithoutAnExactLeastSquaresUpdate() {
        Problem problem = Fixtures.random(DataType.DOUBLE, 8, new SquareLoss(), new L1Regularizer(0.1), new Relu(), 1,
                3, 4, 2);
        assertThatThrownBy(() -> new AdmmOptimizer(AdmmConfig.defaults()).fit(problem, 1, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("admm.regularizers[1]").hasMessageContaining("l1").hasMessageContaining("none or l2");
    }

    @Test
    void acceptsTheSupportedActivationsAndL2() {
        for (QuasilinearActivation h : List.<QuasilinearActivation>of(new Relu(), new LeakyRelu(0.2), new HardTanh(),
                new Identity())) {
            Problem problem = Fixtures.random(DataType.DOUBLE, 12, new SquareLoss(), new L2Regularizer(0.1), h, 2, 3, 4,
                    2);
            TrainingResult result = new AdmmOptimizer(AdmmConfig.defaults()).fit(problem, 3, null);
            assertThat(result.status()).as("%s", h).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        }
    }

    @Test
    void separatesGaussianBlobsWellAboveChance() {
        // 3 blobs in 4-D, 60 training samples each, 4-8-8-3 ReLU network, cross-entropy, default parameters; chance
        // is 1/3, the start 36% (measured: 89% train, 87% test after 30 iterations).
        Problem problem = Fixtures.blobs(DataType.DOUBLE, 3, 4, 60, new SoftmaxCrossEntropyLoss(), new Relu(), 7, 8, 8);
        TrainingResult[] result = new TrainingResult[1];
        List<IterationReport> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 30, result);
        assertThat(result[0].status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        IterationReport last = records.get(records.size() - 1);
        assertThat(records.get(0).trainAccuracy()).isLessThan(0.5);
        assertThat(last.trainAccuracy()).isGreaterThan(0.8);
        assertThat(last.testAccuracy()).isGreaterThan(0.75);
        assertThat(last.trainLoss()).isLessThan(0.6 * records.get(0).trainLoss());
    }

    @Test
    void squareLossAndHardTanhAlsoLearnTheBlobs() {
        // 4 blobs in 5-D, FLOAT, 5-10-4 hard-tanh network, square loss; chance 1/4 (measured: 11% -> 92% train, 90%
        // test after 20 iterations).
        Problem problem = Fixtures.blobs(DataType.FLOAT, 4, 5, 40, new SquareLoss(), new HardTanh(), 11, 10);
        TrainingResult[] result = new TrainingResult[1];
        List<IterationReport> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 20, result);
        assertThat(records.get(records.size() - 1).trainAccuracy()).isGreaterThan(0.8);
        assertThat(records.get(records.size() - 1).testAccuracy()).isGreaterThan(0.75);
    }

    @Test
    void reportsTheStartFirstThenOneRecordPerIteration() {
        Problem problem = Fixtures.random(DataType.FLOAT, 30, new SquareLoss(), new NoRegularizer(), new Relu(), 3, 6, 5,
                4, 3);
        TrainingResult[] result = new TrainingResult[1];
        List<IterationReport> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 4, result);
        assertThat(result[0].status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(result[0].iterations()).isEqualTo(4);
        assertThat(records).extracting(IterationReport::iteration).containsExactly(0, 1, 2, 3, 4);
        IterationReport start = records.get(0);
        // The forward-pass start: every penalty and the multiplier term are 0, the Lagrangian is the risk.
        assertThat(start.term(AdmmObjective.PENALTY)).isZero();
        assertThat(start.term(AdmmObjective.ACTIVATION_PENALTY)).isZero();
        assertThat(start.term(AdmmObjective.MULTIPLIER)).isZero();
        assertThat(start.objective()).isEqualTo(start.term(AdmmObjective.RISK));
        assertThat(start.trainLoss() * 30).isCloseTo(start.term(AdmmObjective.RISK),
                org.assertj.core.api.Assertions.within(1e-3));
        IterationReport last = records.get(4);
        // No hard constraints, so no infeasibility term; the terms are the augmented Lagrangian's five.
        assertThat(last.terms()).containsOnlyKeys(AdmmObjective.RISK, AdmmObjective.REGULARIZATION,
                AdmmObjective.PENALTY, AdmmObjective.ACTIVATION_PENALTY, AdmmObjective.MULTIPLIER);
        assertThat(last.term(AdmmObjective.REGULARIZATION)).isZero();
        for (int l = 1; l <= 3; l++) {
            BlockReport w = last.block(State.W, l).orElseThrow();
            assertThat(w.nanos()).isPositive();
            // ADMM states no descent inequality: no block has a modulus, and the descent bound is empty.
            assertThat(w.modulus()).isNaN();
            assertThat(last.block(State.B, l)).as("b never moves").isEmpty();
            assertThat(last.block(State.Z, l).orElseThrow().nanos()).isPositive();
            assertThat(last.block(State.Z, l).orElseThrow().modulus()).isNaN();
        }
        assertThat(last.descentBound()).isZero();
        assertThat(last.block(State.A, 1).orElseThrow().modulus()).isNaN();
        assertThat(last.block(State.A, 3)).as("a_L is not a variable").isEmpty();
        assertThat(last.diagnostic(IterationReport.layerKey(AdmmObjective.ACTIVATION_RESIDUAL, 3))).isNaN();
        assertThat(last.diagnostic(IterationReport.layerKey(AdmmObjective.ACTIVATION_RESIDUAL, 1))).isPositive();
        for (INDArray b : result[0].biases()) {
            assertThat(b.amaxNumber().doubleValue()).isZero();
        }
        assertThat(result[0].last()).contains(last);
    }

    @Test
    void sameSeedSameRunAndTheWeightsAreTheEvaluatedOnes() {
        Problem problem = Fixtures.random(DataType.DOUBLE, 20, new SquareLoss(), new NoRegularizer(), new Relu(), 5, 4,
                6, 3);
        TrainingResult one = new AdmmOptimizer(AdmmConfig.defaults()).fit(problem, 3, null);
        TrainingResult two = new AdmmOptimizer(AdmmConfig.defaults()).fit(problem, 3, null);
        for (int l = 0; l < 2; l++) {
            assertThat(one.weights().get(l)).isEqualTo(two.weights().get(l));
        }
        var forward = new org.altmin.solvers.common.Evaluator(problem).evaluate(one.weights(), one.biases());
        assertThat(forward.trainLoss()).isEqualTo(one.last().orElseThrow().trainLoss());
    }

    @Test
    void warmStartKeepsTheMultiplierAtZeroThenStartsIt() {
        Problem problem = Fixtures.random(DataType.DOUBLE, 15, new SquareLoss(), new NoRegularizer(), new Relu(), 6, 4,
                5, 3);
        AdmmConfig config = AdmmConfig.defaults().withWarmStart(2);
        AdmmSession session = new AdmmSession(problem, config);
        AdmmContext ctx = session.context();
        for (int k = 1; k <= 3; k++) {
            var sweep = session.iterate(k);
            assertThat(sweep.failure()).isNull();
            double lambda = ctx.lambda().norm2Number().doubleValue();
            BlockReport block = sweep.blocks().get(sweep.blocks().size() - 1);
            assertThat(block.key()).isEqualTo("lambda_2");
            if (k <= 2) {
                assertThat(lambda).as("iteration %d", k).isZero();
                assertThat(ctx.multiplierStep()).isZero();
                assertThat(block.stepSquared()).isZero();
                assertThat(ctx.primalResidual()).isPositive();
            } else {
                assertThat(lambda).isPositive();
                assertThat(ctx.multiplierStep()).isPositive();
                assertThat(block.stepSquared()).isEqualTo(ctx.multiplierStep());
            }
        }
    }

    @Test
    void nonFiniteValuesEndTheRunAsDivergedNamingVariableLayerAndIteration() {
        Loss square = new SquareLoss();
        int[] calls = {0};
        Loss poisoned = new Loss() {
            public double value(INDArray z, INDArray y) { return square.value(z, y); }
            public void gradient(INDArray z, INDArray y, INDArray out) { square.gradient(z, y, out); }
            public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
                ProxReport r = square.prox(v, y, rho, out);
                if (++calls[0] == 2) {
                    out.putScalar(0, 1, Double.NaN);
                }
                return r;
            }
        };
        Problem problem = Fixtures.random(DataType.DOUBLE, 10, poisoned, new NoRegularizer(), new Relu(), 4, 3, 4, 2);
        TrainingResult[] result = new TrainingResult[1];
        List<IterationReport> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 5, result);
        assertThat(result[0].status()).isEqualTo(TrainingResult.Status.DIVERGED);
        assertThat(result[0].diagnosis()).contains("z_2").contains("layer 2").contains("iteration 2").contains("NaN");
        assertThat(result[0].iterations()).isEqualTo(2);
        assertThat(records).extracting(IterationReport::iteration).containsExactly(0, 1, 2);
        assertThat(records.get(2).trainAccuracy()).isNaN();
    }

    @Test
    void aFailingProxIsADiagnosisNotAnException() {
        Loss square = new SquareLoss();
        Loss failing = new Loss() {
            public double value(INDArray z, INDArray y) { return square.value(z, y); }
            public void gradient(INDArray z, INDArray y, INDArray out) { square.gradient(z, y, out); }
            public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
                throw new InvalidParameterException("failing", "v", "must be tame, found wild");
            }
        };
        Problem problem = Fixtures.random(DataType.DOUBLE, 10, failing, new NoRegularizer(), new Relu(), 4, 3, 4, 2);
        TrainingResult result = new AdmmOptimizer(AdmmConfig.defaults()).fit(problem, 3, null);
        assertThat(result.status()).isEqualTo(TrainingResult.Status.DIVERGED);
        assertThat(result.diagnosis()).contains("z update of layer 2").contains("iteration 1").contains("found wild");
    }

    @Test
    void blocksRunInThePapersOrderWithTheMultiplierAsBlockLambdaOfTheOutputLayer() {
        Problem problem = Fixtures.random(DataType.DOUBLE, 12, new SquareLoss(), new NoRegularizer(), new Relu(), 2, 3,
                4, 5, 2);
        List<IterationReport> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 2,
                new TrainingResult[1]);
        for (IterationReport r : records) {
            assertThat(r.blocks()).extracting(BlockReport::key).containsExactly("W_1", "a_1", "z_1", "W_2", "a_2",
                    "z_2", "W_3", "z_3", "lambda_3");
        }
        assertThat(records.get(0).stepSquared()).isZero();
    }

    @Test
    void primalResidualAndMultiplierStepAreDiagnosticsOfEveryIterationAndMatchTheState() {
        Problem problem = Fixtures.random(DataType.DOUBLE, 20, new SoftmaxCrossEntropyLoss(), new NoRegularizer(),
                new Relu(), 8, 4, 6, 5, 3);
        AdmmConfig config = AdmmConfig.defaults().withPenalties(0.5, 2.0).withWarmStart(1);
        List<IterationReport> records = new ArrayList<>();
        List<double[][]> lambdas = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        TrainingResult result = new AdmmOptimizer(config).fit(problem, 5, (r, s) -> {
            records.add(r);
            assertThat(s.variables()).contains(AdmmContext.LAMBDA);
            assertThat(s.variable(AdmmContext.LAMBDA, 1)).as("lambda lives on the output layer only").isNull();
            lambdas.add(Fixtures.get(s.variable(AdmmContext.LAMBDA, 3)));
            double[][] wa = Fixtures.times(Fixtures.get(s.w(3)), Fixtures.get(s.a(2)));
            residuals.add(Math.sqrt(Fixtures.distanceSq(Fixtures.get(s.z(3)), wa)));
        });
        assertThat(result.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(records).hasSize(6);
        for (int k = 0; k < records.size(); k++) {
            IterationReport r = records.get(k);
            assertThat(r.diagnostics()).as("iteration %d", k).containsOnlyKeys(AdmmObjective.PRIMAL_RESIDUAL,
                    AdmmObjective.MULTIPLIER_STEP, "activation_residual_1", "activation_residual_2");
            assertThat(r.diagnostics().keySet()).first().isEqualTo(AdmmObjective.PRIMAL_RESIDUAL);
            double primal = r.diagnostic(AdmmObjective.PRIMAL_RESIDUAL);
            assertThat(primal).as("iteration %d", k).isCloseTo(residuals.get(k), within(1e-10 * (1 + primal)));
            double step = r.diagnostic(AdmmObjective.MULTIPLIER_STEP);
            // The multiplier block reports lambda's squared step, which the diagnostic repeats.
            assertThat(r.block(AdmmContext.LAMBDA, 3).orElseThrow().stepSquared()).isEqualTo(step);
            double moved = k == 0 ? 0.0 : Fixtures.distanceSq(lambdas.get(k), lambdas.get(k - 1));
            assertThat(step).as("iteration %d", k).isCloseTo(moved, within(1e-10 * (1 + moved)));
            double sum = r.terms().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(r.objective()).isCloseTo(sum, within(1e-12 * (1 + Math.abs(sum))));
        }
        assertThat(records.get(0).diagnostic(AdmmObjective.PRIMAL_RESIDUAL)).isZero();
        assertThat(records.get(1).diagnostic(AdmmObjective.MULTIPLIER_STEP)).as("warm start").isZero();
        assertThat(records.get(1).diagnostic(AdmmObjective.PRIMAL_RESIDUAL)).isPositive();
        assertThat(records.get(2).diagnostic(AdmmObjective.MULTIPLIER_STEP)).isPositive();
    }

    @Test
    void theMeasuredDiagnosticsAreExactlyWhatTheContextComputed() {
        Problem problem = Fixtures.random(DataType.FLOAT, 25, new SquareLoss(), new NoRegularizer(), new HardTanh(), 9,
                5, 6, 3);
        AdmmSession session = new AdmmSession(problem, AdmmConfig.defaults().withWarmStart(2));
        AdmmContext ctx = session.context();
        double flops = ctx.gemm().flops();
        assertThat(flops).as("the start's products are counted").isPositive();
        double perIteration = Double.NaN;
        for (int k = 1; k <= 5; k++) {
            var sweep = session.iterate(k);
            assertThat(sweep.failure()).isNull();
            var m = session.measure(k);
            assertThat(m.problem()).isNull();
            assertThat(m.diagnostics().get(AdmmObjective.PRIMAL_RESIDUAL)).isEqualTo(ctx.primalResidual());
            assertThat(m.diagnostics().get(AdmmObjective.MULTIPLIER_STEP)).isEqualTo(ctx.multiplierStep());
            assertThat(sweep.blocks().get(sweep.blocks().size() - 1).stepSquared()).isEqualTo(ctx.multiplierStep());
            AdmmObjective objective = AdmmObjective.of(ctx);
            assertThat(m.diagnostics().get("activation_residual_1")).isEqualTo(objective.activationResidual(1));
            assertThat(m.objective()).isEqualTo(objective.value());
            // Every iteration runs the same GEMMs, all counted (the measurement runs none).
            double spent = ctx.gemm().flops() - flops;
            flops = ctx.gemm().flops();
            assertThat(spent).isPositive();
            if (k > 1) {
                assertThat(spent).isEqualTo(perIteration);
            }
            perIteration = spent;
        }
    }

    @Test
    void prepareRejectsUnsupportedComponentsBeforeTheRunReportsAnything() {
        List<Problem> problems = List.of(
                Fixtures.random(DataType.DOUBLE, 8, new SquareLoss(), new NoRegularizer(), new Tanh(), 1, 3, 4, 2),
                Fixtures.random(DataType.DOUBLE, 8, new SquareLoss(), new L1Regularizer(0.1), new Relu(), 1, 3, 4, 2));
        List<String> expected = List.of("admm.activations[1]", "admm.regularizers[1]");
        for (int i = 0; i < problems.size(); i++) {
            Problem problem = problems.get(i);
            AdmmOptimizer admm = new AdmmOptimizer(AdmmConfig.defaults());
            assertThatThrownBy(() -> admm.prepare(problem)).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining(expected.get(i));
            List<String> seen = new ArrayList<>();
            IterationListener listener = new IterationListener() {
                @Override
                public void onStart(RunContext run) {
                    seen.add("start");
                }

                @Override
                public void onIteration(IterationReport report, State state) {
                    seen.add("iteration " + report.iteration());
                }

                @Override
                public void onEnd(TrainingResult result) {
                    seen.add("end");
                }
            };
            assertThatThrownBy(() -> admm.fit(problem, 3, listener)).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining(expected.get(i));
            assertThat(seen).isEmpty();
        }
        assertThatThrownBy(() -> new AdmmOptimizer(AdmmConfig.defaults()).prepare(null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("admm.problem");
    }

    @Test
    void aListenerStopsTheRunAfterIterationTwo() {
        Problem problem = Fixtures.random(DataType.DOUBLE, 12, new SquareLoss(), new NoRegularizer(), new Relu(), 3, 3,
                4, 2);
        List<IterationReport> records = new ArrayList<>();
        RunContext[] context = new RunContext[1];
        TrainingResult result = new AdmmOptimizer(AdmmConfig.defaults()).fit(problem, 10, new IterationListener() {
            @Override
            public void onStart(RunContext run) {
                context[0] = run;
                assertThat(run.optimizer()).isEqualTo("admm");
                assertThat(run.state().variables()).contains(AdmmContext.LAMBDA);
            }

            @Override
            public void onIteration(IterationReport report, State state) {
                records.add(report);
                if (report.iteration() == 2) {
                    context[0].requestStop("enough after two");
                }
            }
        });
        assertThat(result.status()).isEqualTo(TrainingResult.Status.STOPPED);
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(result.diagnosis()).isEqualTo("enough after two");
        assertThat(records).extracting(IterationReport::iteration).containsExactly(0, 1, 2);
        assertThat(result.last()).contains(records.get(2));
    }

    @Test
    void theoryClaimsNoneOfTheConvergencePropertiesAndSaysWhy() {
        AdmmOptimizer admm = new AdmmOptimizer(AdmmConfig.defaults());
        assertThat(admm.theory().paper()).contains("Taylor").contains("ICML 2016");
        assertThat(admm.unit()).isEqualTo(org.altmin.api.IterationUnit.ITERATION);
        for (org.altmin.api.Property p : org.altmin.api.Property.values()) {
            assertThat(admm.theory().proves(p)).as("%s", p).isFalse();
            assertThat(admm.theory().claim(p)).as("%s", p).isPresent();
        }
        assertThat(admm.theory().whyNot(org.altmin.api.Property.SUFFICIENT_DESCENT))
                .contains("not a descent method").contains("need not decrease");
    }
}
