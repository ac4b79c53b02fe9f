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
import org.altmin.api.IterationRecord;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.Registries;
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

    /** Collects every record. */
    private static final class Recorder implements IterationListener {
        final List<IterationRecord> records = new ArrayList<>();
        TrainingResult end;

        @Override
        public void onIteration(IterationRecord record, org.altmin.api.State state) {
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
        assertThat(recorder.records).extracting(IterationRecord::iteration)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        IterationRecord first = recorder.records.get(0);
        IterationRecord last = recorder.records.get(8);
        assertThat(result.last()).contains(last);
        assertThat(last.trainLoss()).isLessThan(0.1 * first.trainLoss());
        assertThat(last.trainAccuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(last.testAccuracy()).isGreaterThanOrEqualTo(0.95);
        // F of an SGD record is the summed training loss plus the (here zero) regularization.
        assertThat(last.objective()).isCloseTo(last.trainLoss() * 150, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(first.layers()).hasSize(2).allSatisfy(s -> assertThat(s.w().stepSquared()).isZero());
        assertThat(last.layers()).hasSize(2).allSatisfy(s -> {
            assertThat(s.w().stepSquared()).isPositive();
            assertThat(s.b().stepSquared()).isPositive();
            assertThat(s.w().stepParameter()).isEqualTo(0.03);
        });
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
        IterationRecord last = recorder.records.get(4);
        double l1 = 0.05 * (result.weights().get(0).norm1Number().doubleValue()
                + result.weights().get(1).norm1Number().doubleValue());
        assertThat(last.terms().regularization()).isCloseTo(l1, org.assertj.core.api.Assertions.within(1e-9));
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
        assertThat(recorder.records.get(2).layers().get(0).w().stepParameter()).isEqualTo(0.05);
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
