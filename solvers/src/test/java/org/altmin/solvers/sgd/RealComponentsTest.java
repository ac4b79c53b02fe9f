package org.altmin.solvers.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.altmin.api.ComponentSpec;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.altmin.api.TrainingResult;
import org.altmin.solvers.common.ForwardPass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** SGD over the shipped losses, regularizers and activations, found by name as the CLI finds them. */
class RealComponentsTest {
    private static final List<Module> MODULES = ServiceLoader.load(Module.class).stream().map(ServiceLoader.Provider::get).toList();
    private static final Injector INJECTOR = Guice.createInjector(MODULES);

    private static Loss loss(String name) {
        return Registries.resolve("loss", INJECTOR.getInstance(Key.get(Registries.LOSS_MAP)), ComponentSpec.of(name)).component();
    }

    private static QuasilinearActivation activation(String name) {
        return Registries.resolve("activation", INJECTOR.getInstance(Key.get(Registries.ACTIVATION_MAP)), ComponentSpec.of(name)).component();
    }

    private static Regularizer regularizer(String name, Map<String, Double> params) {
        return Registries.resolve("regularizer", INJECTOR.getInstance(Key.get(Registries.REGULARIZER_MAP)),
                ComponentSpec.of(name, params)).component();
    }

    @Test
    void crossEntropyTanhGradientMatchesCentralDifferences() {
        var r = new SplittableRandom(8);
        var network = NetworkSpec.of(3, 5, 4);
        int n = 6;
        double[][] xs = new double[3][n];
        double[][] ys = new double[4][n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 3; f++) {
                xs[f][i] = r.nextGaussian();
            }
            ys[i % 4][i] = 1;
        }
        INDArray x = Nd4j.createFromArray(xs);
        INDArray y = Nd4j.createFromArray(ys);
        var problem = Problem.uniform(network, new TrainingData(x, y), loss("cross-entropy"), regularizer("none", Map.of()),
                activation("tanh"), 1);
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 1; l <= 2; l++) {
            w.add(Nd4j.rand(DataType.DOUBLE, network.width(l), network.width(l - 1)).subi(0.5));
            b.add(Nd4j.rand(DataType.DOUBLE, network.width(l), 1).subi(0.5));
        }
        var backprop = new Backprop(problem, n);
        backprop.compute(w, b, x, y);
        var pass = new ForwardPass(problem, x, y);
        double h = 1e-6;
        for (int l = 1; l <= 2; l++) {
            INDArray param = w.get(l - 1);
            for (int i = 0; i < param.rows(); i++) {
                for (int j = 0; j < param.columns(); j++) {
                    double v = param.getDouble(i, j);
                    param.putScalar(i, j, v + h);
                    double plus = pass.evaluate(w, b).meanLoss();
                    param.putScalar(i, j, v - h);
                    double minus = pass.evaluate(w, b).meanLoss();
                    param.putScalar(i, j, v);
                    assertThat(backprop.gradW(l).getDouble(i, j)).as("W_%d(%d, %d)", l, i, j)
                            .isCloseTo((plus - minus) / (2 * h), within(1e-7));
                }
            }
        }
    }

    @Test
    void adamWithCrossEntropyReluAndL1LearnsBlobs() {
        TrainingData data = Doubles.blobs(150, 60, 11, DataType.FLOAT);
        var problem = Problem.uniform(NetworkSpec.of(2, 16, 3), data, loss("cross-entropy"),
                regularizer("l1", Map.of("lambda", 1e-3)), activation("relu"), 5);
        Optimizer adam = Registries.resolve("optimizer", INJECTOR.getInstance(Key.get(Registries.OPTIMIZER_MAP)),
                ComponentSpec.of("adam", Map.of("learningRate", 0.03, "batchSize", 32.0, "initScale", 0.5))).component();
        TrainingResult result = adam.fit(problem, 8, null);
        assertThat(result.status()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        assertThat(result.last().orElseThrow().trainAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.last().orElseThrow().testAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.last().orElseThrow().term("regularization")).isPositive();
    }
}
