package org.altmin.solvers.admm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.altmin.api.BlockStep;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationRecord;
import org.altmin.api.Loss;
import org.altmin.api.Optimizer;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
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

    private static List<IterationRecord> run(Optimizer optimizer, Problem problem, int iterations,
            TrainingResult[] result) {
        List<IterationRecord> records = new ArrayList<>();
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
        assertThat(AdmmConfig.defaults().warmStartIterations()).isZero();
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
        List<IterationRecord> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 30, result);
        assertThat(result[0].status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        IterationRecord last = records.get(records.size() - 1);
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
        List<IterationRecord> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 20, result);
        assertThat(records.get(records.size() - 1).trainAccuracy()).isGreaterThan(0.8);
        assertThat(records.get(records.size() - 1).testAccuracy()).isGreaterThan(0.75);
    }

    @Test
    void reportsTheStartFirstThenOneRecordPerIteration() {
        Problem problem = Fixtures.random(DataType.FLOAT, 30, new SquareLoss(), new NoRegularizer(), new Relu(), 3, 6, 5,
                4, 3);
        TrainingResult[] result = new TrainingResult[1];
        List<IterationRecord> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 4, result);
        assertThat(result[0].status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(result[0].iterations()).isEqualTo(4);
        assertThat(records).extracting(IterationRecord::iteration).containsExactly(0, 1, 2, 3, 4);
        IterationRecord start = records.get(0);
        // The forward-pass start: every penalty and the multiplier term are 0, the Lagrangian is the risk.
        assertThat(start.terms().coupling()).isZero();
        assertThat(start.objective()).isEqualTo(start.terms().risk());
        assertThat(start.trainLoss() * 30).isCloseTo(start.terms().risk(), org.assertj.core.api.Assertions.within(1e-3));
        IterationRecord last = records.get(4);
        assertThat(last.terms().infeasibility()).isZero();
        assertThat(last.terms().regularization()).isZero();
        assertThat(last.layers()).hasSize(3);
        for (var s : last.layers()) {
            assertThat(s.w().nanos()).isPositive();
            assertThat(s.w().stepParameter()).isEqualTo(AdmmConfig.DEFAULT_BETA);
            assertThat(s.b()).isEqualTo(BlockStep.NONE);
            assertThat(s.z().nanos()).isPositive();
        }
        assertThat(last.layers().get(0).a().stepParameter()).isEqualTo(AdmmConfig.DEFAULT_GAMMA);
        assertThat(last.layers().get(2).a()).isEqualTo(BlockStep.NONE);
        assertThat(last.layers().get(2).z().stepParameter()).isEqualTo(2 * AdmmConfig.DEFAULT_BETA);
        assertThat(last.layers().get(2).bandResidual()).isZero();
        assertThat(last.layers().get(0).bandResidual()).isPositive();
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
        AdmmContext ctx = new AdmmContext(problem, config);
        ctx.start();
        AdmmOptimizer optimizer = new AdmmOptimizer(config);
        for (int k = 1; k <= 3; k++) {
            ctx.beginIteration(k);
            assertThat(optimizer.sweep(ctx).failure()).isNull();
            double lambda = ctx.lambda().norm2Number().doubleValue();
            if (k <= 2) {
                assertThat(lambda).as("iteration %d", k).isZero();
                assertThat(ctx.multiplierStep()).isZero();
                assertThat(ctx.primalResidual()).isPositive();
            } else {
                assertThat(lambda).isPositive();
                assertThat(ctx.multiplierStep()).isPositive();
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
        List<IterationRecord> records = run(new AdmmOptimizer(AdmmConfig.defaults()), problem, 5, result);
        assertThat(result[0].status()).isEqualTo(TrainingResult.Status.DIVERGED);
        assertThat(result[0].diagnosis()).contains("z_2").contains("layer 2").contains("iteration 2").contains("NaN");
        assertThat(result[0].iterations()).isEqualTo(2);
        assertThat(records).extracting(IterationRecord::iteration).containsExactly(0, 1, 2);
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
}
