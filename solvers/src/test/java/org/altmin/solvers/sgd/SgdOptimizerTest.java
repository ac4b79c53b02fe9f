package org.altmin.solvers.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.Registries;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.Theory;
import org.altmin.api.TrainingResult;
import org.altmin.solvers.common.Initialization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SgdOptimizerTest {
    private static final Map<String, ComponentFactory<Optimizer>> REGISTRY =
            Guice.createInjector(new SgdModule()).getInstance(Key.get(Registries.OPTIMIZER_MAP));

    private static Optimizer optimizer(String name, Map<String, ?> params) {
        return Registries.resolve("optimizer", REGISTRY, ComponentSpec.of(name, params)).component();
    }

    /** Collects every report. */
    private static final class Recorder implements IterationListener {
        final List<IterationReport> records = new ArrayList<>();
        TrainingResult end;

        @Override
        public void onIteration(IterationReport record, org.altmin.api.State state) {
            records.add(record);
        }

        @Override
        public void onEnd(TrainingResult result) {
            end = result;
        }
    }

    @Test
    void registersTheFiveRulesByName() {
        assertThat(REGISTRY.keySet()).containsExactlyInAnyOrder("sgd", "momentum", "adam", "rmsprop", "adagrad");
        for (String name : REGISTRY.keySet()) {
            SgdOptimizer optimizer = (SgdOptimizer) optimizer(name, Map.of());
            assertThat(optimizer.name()).isEqualTo(name);
            assertThat(optimizer.rule().name()).isEqualTo(name);
            assertThat(optimizer.settings().batchSize()).isEqualTo(SgdSettings.DEFAULT_BATCH_SIZE);
        }
        assertThat(((SgdOptimizer) optimizer("adam", Map.of())).settings().learningRate()).isEqualTo(Adam.DEFAULT_LEARNING_RATE);
        assertThat(((SgdOptimizer) optimizer("momentum", Map.of("nesterov", true))).rule())
                .isEqualTo(new Momentum(Momentum.DEFAULT_MOMENTUM, true));
    }

    @Test
    void moduleIsListedForTheServiceLoader() {
        assertThat(java.util.ServiceLoader.load(com.google.inject.Module.class).stream().map(p -> p.type().getName()))
                .contains(SgdModule.class.getName());
    }

    @Test
    void adamLearnsSeparableBlobsAndReportsEveryEpoch() {
        Problem problem = Doubles.blobProblem(3, DataType.DOUBLE);
        Recorder recorder = new Recorder();
        TrainingResult result = optimizer("adam", Map.of("learningRate", 0.03, "batchSize", 32.0, "initScale", 0.5))
                .fit(problem, 8, recorder);

        assertThat(result.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(result.iterations()).isEqualTo(8);
        assertThat(recorder.end).isSameAs(result);
        assertThat(recorder.records).extracting(IterationReport::iteration)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        IterationReport first = recorder.records.get(0);
        IterationReport last = recorder.records.get(8);
        assertThat(result.last()).contains(last);
        assertThat(last.trainLoss()).isLessThan(0.1 * first.trainLoss());
        assertThat(last.trainAccuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(last.testAccuracy()).isGreaterThanOrEqualTo(0.95);
        // F of an SGD record is the summed training loss plus the (here zero) regularization.
        assertThat(last.objective()).isCloseTo(last.trainLoss() * 150, org.assertj.core.api.Assertions.within(1e-9));
        for (int l = 1; l <= 2; l++) {
            assertThat(first.block("W", l).orElseThrow().stepSquared()).isZero();
            assertThat(last.block("W", l).orElseThrow().stepSquared()).isPositive();
            assertThat(last.block("b", l).orElseThrow().stepSquared()).isPositive();
        }
        // The epoch's learning rate is reported (a diagnostic now; SGD states no descent modulus).
        assertThat(last.diagnostic("learning_rate")).isEqualTo(0.03);
    }

    @Test
    void everyRuleDecreasesTheLoss() {
        Map<String, Double> rates = Map.of("sgd", 0.02, "momentum", 0.002, "adam", 0.03, "rmsprop", 0.01,
                "adagrad", 0.1);
        for (var entry : rates.entrySet()) {
            Recorder recorder = new Recorder();
            TrainingResult result = optimizer(entry.getKey(), Map.of("learningRate", entry.getValue(), "batchSize", 32.0,
                    "initScale", 0.5)).fit(Doubles.blobProblem(4, DataType.DOUBLE), 8, recorder);
            assertThat(result.status()).as(entry.getKey()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
            assertThat(recorder.records.get(8).trainLoss()).as(entry.getKey())
                    .isLessThan(0.1 * recorder.records.get(0).trainLoss());
            assertThat(recorder.records.get(8).trainAccuracy()).as(entry.getKey()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        Optimizer optimizer = optimizer("momentum", Map.of("learningRate", 0.02, "batchSize", 20.0, "nesterov", true));
        TrainingResult a = optimizer.fit(Doubles.blobProblem(9, DataType.DOUBLE), 3, null);
        TrainingResult b = optimizer.fit(Doubles.blobProblem(9, DataType.DOUBLE), 3, null);
        TrainingResult c = optimizer.fit(Doubles.blobProblem(10, DataType.DOUBLE), 3, null);
        for (int l = 0; l < 2; l++) {
            assertThat(a.weights().get(l)).isEqualTo(b.weights().get(l));
            assertThat(a.biases().get(l)).isEqualTo(b.biases().get(l));
            assertThat(a.weights().get(l)).isNotEqualTo(c.weights().get(l));
        }
        assertThat(a.last().orElseThrow().trainLoss()).isEqualTo(b.last().orElseThrow().trainLoss());
    }

    @Test
    void minibatchSizeChangesTheTrajectory() {
        // One epoch of full-batch GD and of 15 minibatches from the same start end at different weights.
        TrainingResult full = optimizer("sgd", Map.of("learningRate", 0.05, "batchSize", 1000.0))
                .fit(Doubles.blobProblem(9, DataType.DOUBLE), 1, null);
        TrainingResult mini = optimizer("sgd", Map.of("learningRate", 0.05, "batchSize", 10.0))
                .fit(Doubles.blobProblem(9, DataType.DOUBLE), 1, null);
        assertThat(full.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(full.weights().get(0)).isNotEqualTo(mini.weights().get(0));
    }

    @Test
    void trainsInFloat() {
        Recorder recorder = new Recorder();
        TrainingResult result = optimizer("rmsprop", Map.of("learningRate", 0.01, "batchSize", 32.0))
                .fit(Doubles.blobProblem(3, DataType.FLOAT), 4, recorder);
        assertThat(result.weights().get(0).dataType()).isEqualTo(DataType.FLOAT);
        assertThat(recorder.records.get(4).trainLoss()).isLessThan(0.6 * recorder.records.get(0).trainLoss());
    }

    @Test
    void hugeLearningRateDivergesWithADiagnosis() {
        Recorder recorder = new Recorder();
        TrainingResult result = optimizer("sgd", Map.of("learningRate", 1e6, "batchSize", 8.0))
                .fit(Doubles.blobProblem(3, DataType.DOUBLE), 20, recorder);
        assertThat(result.status()).isEqualTo(TrainingResult.Status.DIVERGED);
        assertThat(result.diagnosis()).containsPattern("(W_|b_|loss).*epoch " + result.iterations());
        assertThat(result.iterations()).isBetween(1, 20);
        assertThat(recorder.end).isSameAs(result);
        assertThat(recorder.records).hasSize(result.iterations() + 1);
        assertThat(result.diagnosis()).endsWith(" (lr_k = 1000000.0)");
    }

    @Test
    void aFailingMinibatchEndsTheRunWithADiagnosisAndReportsTheEpochWithoutEvaluation() {
        Problem plain = Doubles.blobProblem(3, DataType.DOUBLE);
        int[] calls = {0};
        // A prox that rejects its input on its 13th call: layer 1 of minibatch 2 of epoch 2 (5 batches, 2 layers).
        org.altmin.api.Regularizer failing = new org.altmin.api.Regularizer() {
            public double value(INDArray w) {
                return 0;
            }

            public void prox(INDArray v, double t, INDArray out) {
                if (++calls[0] == 13) {
                    throw new InvalidParameterException("test", "prox", "refused");
                }
                out.assign(v);
            }

            public void subgradient(INDArray w, INDArray out) {
                out.assign(0);
            }
        };
        Problem problem = Problem.uniform(plain.network(), plain.data(), Doubles.HALF_SQUARE, failing, Doubles.RELU, 3);
        Recorder recorder = new Recorder();
        TrainingResult result = optimizer("sgd", Map.of("learningRate", 0.02, "batchSize", 32.0)).fit(problem, 5, recorder);
        assertThat(result.status()).isEqualTo(TrainingResult.Status.DIVERGED);
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(result.diagnosis()).startsWith("minibatch 2 of 5 failed in epoch 2: test.prox")
                .endsWith(" (lr_k = 0.02)");
        assertThat(recorder.records).hasSize(3);
        IterationReport broken = recorder.records.get(2);
        assertThat(broken.evaluation().present()).isFalse();
        assertThat(broken.blocks()).hasSize(4);
        assertThat(broken.block("W", 1).orElseThrow().stepSquared()).isPositive();
        assertThat(recorder.records.get(1).evaluation().present()).isTrue();
    }

    @Test
    void l1ProximalStepZeroesWeightsExactly() {
        Problem plain = Doubles.blobProblem(3, DataType.DOUBLE);
        Problem sparse = Problem.uniform(plain.network(), plain.data(), Doubles.HALF_SQUARE, Doubles.l1(0.05),
                Doubles.RELU, 3);
        Recorder recorder = new Recorder();
        TrainingResult result = optimizer("sgd", Map.of("learningRate", 0.05, "batchSize", 32.0)).fit(sparse, 4, recorder);
        INDArray w1 = result.weights().get(0);
        long zeros = w1.length() - w1.neq(0).castTo(DataType.INT32).sumNumber().longValue();
        assertThat(zeros).isPositive();
        IterationReport last = recorder.records.get(4);
        double l1 = 0.05 * (result.weights().get(0).norm1Number().doubleValue()
                + result.weights().get(1).norm1Number().doubleValue());
        assertThat(last.term("regularization")).isCloseTo(l1, org.assertj.core.api.Assertions.within(1e-9));
        // Without the regularizer no weight is exactly zero.
        TrainingResult dense = optimizer("sgd", Map.of("learningRate", 0.05, "batchSize", 32.0)).fit(plain, 4, null);
        assertThat(dense.weights().get(0).neq(0).castTo(DataType.INT32).sumNumber().longValue()).isEqualTo(w1.length());
    }

    @Test
    void decayShrinksTheLearningRatePerEpoch() {
        SgdSettings settings = SgdSettings.defaults("sgd", 0.1);
        assertThat(settings.learningRateAt(5)).isEqualTo(0.1);
        SgdSettings decaying = new SgdSettings("sgd", 0.1, 8, 0.5, SgdSettings.DEFAULT_INIT_SCHEME, 1.0);
        assertThat(decaying.learningRateAt(1)).isEqualTo(0.1);
        assertThat(decaying.learningRateAt(3)).isEqualTo(0.05);
        Recorder recorder = new Recorder();
        optimizer("sgd", Map.of("learningRate", 0.1, "decay", 1.0)).fit(Doubles.blobProblem(3, DataType.DOUBLE), 2, recorder);
        assertThat(recorder.records.get(2).diagnostic("learning_rate")).isEqualTo(0.05);
    }

    @Test
    void anIterationIsAnEpochAndTheReportsSaySo() {
        Optimizer sgd = optimizer("sgd", Map.of("learningRate", 0.02, "batchSize", 32.0));
        assertThat(sgd.unit()).isEqualTo(IterationUnit.EPOCH);
        Recorder recorder = new Recorder();
        TrainingResult result = sgd.fit(Doubles.blobProblem(3, DataType.DOUBLE), 3, recorder);
        assertThat(recorder.records).extracting(IterationReport::unit).containsOnly(IterationUnit.EPOCH);
        assertThat(result.diagnosis()).isEqualTo("ran 3 epochs");
    }

    @Test
    void reportsRiskAndRegularizationTheWAndBBlocksOfEveryLayerAndTheLearningRate() {
        Problem plain = Doubles.blobProblem(3, DataType.DOUBLE);
        Problem sparse = Problem.uniform(plain.network(), plain.data(), Doubles.HALF_SQUARE, Doubles.l1(0.01),
                Doubles.RELU, 3);
        Recorder recorder = new Recorder();
        optimizer("sgd", Map.of("learningRate", 0.05, "batchSize", 32.0, "decay", 1.0)).fit(sparse, 2, recorder);
        for (IterationReport r : recorder.records) {
            assertThat(r.terms().keySet()).containsExactly("risk", "regularization");
            assertThat(r.objective()).isEqualTo(r.term("risk") + r.term("regularization"));
            assertThat(r.term("risk")).isCloseTo(r.trainLoss() * 150, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(r.term("regularization")).isPositive();
            assertThat(r.blocks()).extracting(org.altmin.api.BlockReport::key).containsExactly("W_1", "b_1", "W_2", "b_2");
            // SGD states no descent inequality: no modulus, so no descent bound; no search, so no trials.
            assertThat(r.blocks()).allSatisfy(b -> {
                assertThat(b.modulus()).isNaN();
                assertThat(b.trials()).isZero();
                assertThat(b.fallback()).isFalse();
            });
            assertThat(r.descentBound()).isZero();
            assertThat(r.diagnostics().keySet()).containsExactly("learning_rate");
        }
        assertThat(recorder.records.get(0).diagnostic("learning_rate")).isNaN();
        assertThat(recorder.records.get(0).stepSquared()).isZero();
        assertThat(recorder.records.get(1).diagnostic("learning_rate")).isEqualTo(0.05);
        assertThat(recorder.records.get(2).diagnostic("learning_rate")).isEqualTo(0.025);
        assertThat(recorder.records.get(2).blocks()).allSatisfy(b -> {
            assertThat(b.stepSquared()).isPositive();
            assertThat(b.nanos()).isPositive();
        });
    }

    @Test
    void listenersSeeOnlyTheLiveWeightsAndBiases() {
        Problem problem = Doubles.blobProblem(3, DataType.DOUBLE);
        List<State> states = new ArrayList<>();
        List<INDArray> firstWeights = new ArrayList<>();
        RunContext[] context = new RunContext[1];
        TrainingResult result = optimizer("adam", Map.of("learningRate", 0.03, "batchSize", 32.0))
                .fit(problem, 3, new IterationListener() {
                    @Override
                    public void onStart(RunContext run) {
                        context[0] = run;
                    }

                    @Override
                    public void onIteration(IterationReport report, State state) {
                        states.add(state);
                        firstWeights.add(state.w(1).dup());
                    }
                });
        State state = states.get(0);
        assertThat(states).allSatisfy(s -> assertThat(s).isSameAs(state));
        assertThat(context[0].state()).isSameAs(state);
        // No N-sized z and a: only W, b and a_0 = x.
        assertThat(state.hasLayerVariables()).isFalse();
        assertThat(state.variables()).containsExactly("W", "b");
        assertThat(state.a(0)).isSameAs(problem.data().x());
        assertThatThrownBy(() -> state.z(1)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> state.a(1)).isInstanceOf(InvalidParameterException.class);
        // Live: the arrays the listener saw moved every epoch and hold the result at the end.
        assertThat(firstWeights.get(1)).isNotEqualTo(firstWeights.get(0));
        assertThat(firstWeights.get(3)).isEqualTo(result.weights().get(0));
        for (int l = 1; l <= 2; l++) {
            assertThat(state.w(l)).isEqualTo(result.weights().get(l - 1));
            assertThat(state.b(l)).isEqualTo(result.biases().get(l - 1));
        }
        assertThat(context[0].optimizer()).isEqualTo("adam");
        assertThat(context[0].unit()).isEqualTo(IterationUnit.EPOCH);
        assertThat(context[0].objective()).isEmpty();
    }

    @Test
    void aListenerStopsTheRun() {
        Recorder recorder = new Recorder();
        IterationListener stop = IterationListener.stopWhen(r -> r.iteration() == 2, "enough");
        TrainingResult result = optimizer("momentum", Map.of("learningRate", 0.002, "batchSize", 32.0))
                .fit(Doubles.blobProblem(3, DataType.DOUBLE), 10, IterationListener.all(List.of(recorder, stop)));
        assertThat(result.status()).isEqualTo(TrainingResult.Status.STOPPED);
        assertThat(result.diagnosis()).isEqualTo("enough at epoch 2");
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(recorder.records).hasSize(3);
        assertThat(recorder.end).isSameAs(result);
        assertThat(result.last()).contains(recorder.records.get(2));
    }

    @Test
    void declaresNoneOfDlamsPropertiesAndCitesItsRule() {
        for (String name : REGISTRY.keySet()) {
            Optimizer optimizer = optimizer(name, Map.of());
            Theory theory = optimizer.theory();
            assertThat(theory.claims()).as(name).isEmpty();
            for (Property property : Property.values()) {
                assertThat(theory.proves(property)).as(name).isFalse();
            }
            assertThat(theory.paper()).as(name).isEqualTo(((SgdOptimizer) optimizer).rule().paper()
                    + "; proximal step as in J. Duchi and Y. Singer, \"Efficient online and batch learning using forward"
                    + " backward splitting\", JMLR 10, 2009");
        }
        assertThat(optimizer("adam", Map.of()).theory().paper()).startsWith("D. P. Kingma and J. Ba");
        assertThat(optimizer("momentum", Map.of("nesterov", true)).theory().paper()).startsWith("Y. Nesterov");
        assertThat(optimizer("momentum", Map.of()).theory().paper()).startsWith("B. T. Polyak");
        UpdateRule own = new UpdateRule() {
            public String name() {
                return "mine";
            }

            public Stepper stepper(INDArray parameter) {
                return (p, g, lr) -> p.subi(g.muli(lr));
            }
        };
        assertThat(own.paper()).isEqualTo("update rule 'mine' (no paper given)");
    }

    @Test
    void initIsReadByNameAndRecordedAsALowerCaseName() {
        var resolved = Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("adam",
                Map.of("init", "XAVIER", "batchSize", 16)));
        assertThat(((SgdOptimizer) resolved.component()).settings().initScheme()).isEqualTo(Initialization.Scheme.XAVIER);
        assertThat(resolved.spec().params()).containsEntry("init", "xavier").containsEntry("batchSize", 16L);
        assertThat(((SgdOptimizer) optimizer("sgd", Map.of())).settings().initScheme()).isEqualTo(Initialization.Scheme.HE);
        var momentum = Registries.resolve("optimizer", REGISTRY, ComponentSpec.of("momentum", Map.of("init", "unit")));
        assertThat(((SgdOptimizer) momentum.component()).settings().initScheme()).isEqualTo(Initialization.Scheme.UNIT);
        assertThat(momentum.spec().params()).containsEntry("nesterov", false).containsEntry("init", "unit");
        assertThatThrownBy(() -> optimizer("sgd", Map.of("init", 0))).isInstanceOf(InvalidParameterException.class)
                .hasMessage("sgd.init must be one of he, xavier, unit (by name, not by number), found 0");
        assertThatThrownBy(() -> optimizer("momentum", Map.of("nesterov", 1)))
                .hasMessage("momentum.nesterov must be true or false (not a number such as 0 or 1), found 1");
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertThatThrownBy(() -> optimizer("adam", Map.of("beta1", 1.5)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("adam.beta1 must be in [0, 1), found 1.5");
        assertThatThrownBy(() -> optimizer("adam", Map.of("beta2", -0.1))).hasMessageStartingWith("adam.beta2 must be in [0, 1)");
        assertThatThrownBy(() -> optimizer("adam", Map.of("epsilon", 0.0))).hasMessageStartingWith("adam.epsilon must be > 0");
        assertThatThrownBy(() -> optimizer("momentum", Map.of("momentum", 1.0))).hasMessage("momentum.momentum must be in [0, 1), found 1.0");
        assertThatThrownBy(() -> optimizer("momentum", Map.of("nesterov", 0.5))).hasMessageStartingWith("momentum.nesterov must be true or false");
        assertThatThrownBy(() -> optimizer("rmsprop", Map.of("rho", 1.0))).hasMessageStartingWith("rmsprop.rho must be in [0, 1)");
        assertThatThrownBy(() -> optimizer("adagrad", Map.of("epsilon", -1.0))).hasMessageStartingWith("adagrad.epsilon must be > 0");
        assertThatThrownBy(() -> optimizer("sgd", Map.of("learningRate", 0.0))).hasMessage("sgd.learningRate must be > 0 and finite, found 0.0");
        assertThatThrownBy(() -> optimizer("rmsprop", Map.of("batchSize", 0.0))).hasMessage("rmsprop.batchSize must be >= 1, found 0");
        assertThatThrownBy(() -> optimizer("sgd", Map.of("batchSize", 2.5))).hasMessageStartingWith("sgd.batchSize must be an integer");
        assertThatThrownBy(() -> optimizer("sgd", Map.of("decay", -1.0))).hasMessageStartingWith("sgd.decay must be >= 0");
        assertThatThrownBy(() -> optimizer("sgd", Map.of("init", 3.0))).hasMessageStartingWith("sgd.init must be one of he, xavier, unit");
        assertThatThrownBy(() -> optimizer("sgd", Map.of("beta1", 0.9))).hasMessageContaining("beta1 is not a parameter of sgd");
        assertThatThrownBy(() -> optimizer("sgd", Map.of()).fit(Doubles.blobProblem(1, DataType.DOUBLE), 0, null))
                .hasMessage("sgd.iterations must be >= 1, found 0");
    }
}
