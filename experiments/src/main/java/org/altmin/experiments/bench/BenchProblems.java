package org.altmin.experiments.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Random problems of MNIST's shape for the benchmarks (data loading lives elsewhere): x is {@code 784 x N} with
 * about 80% zeros and the rest uniform in (0, 1], like MNIST's pixels; y is one-hot over 10 classes. The
 * components are the registered ones (found through the Guice modules on the class path) when present, else
 * small vectorized stand-ins: ReLU, and the closed-form square loss {@code (1/2)||z - y||^2}.
 */
public final class BenchProblems {
    private BenchProblems() {}

    /** MNIST's widths 784-100-100-10 by default. */
    public static final int[] MNIST_NETWORK = {784, 100, 100, 10};

    /** A seeded random problem of the given size and dtype, with the named loss and activation when registered. */
    public static Problem random(int samples, DataType dtype, String loss, String activation, int... widths) {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(dtype, widths[0], samples);
        INDArray mask = Nd4j.rand(dtype, widths[0], samples);
        x.muli(Transforms.step(mask.subi(0.8), false));
        int classes = widths[widths.length - 1];
        INDArray y = Nd4j.zeros(dtype, classes, samples);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < samples; i++) {
            y.putScalar(random.nextInt(classes), i, 1.0);
        }
        Loss r = registered(Registries.LOSS_MAP, loss).orElse(SQUARE);
        QuasilinearActivation h = registered(Registries.ACTIVATION_MAP, activation).orElse(RELU);
        Regularizer omega = registered(Registries.REGULARIZER_MAP, "none").orElse(NONE);
        return Problem.uniform(NetworkSpec.of(widths), new TrainingData(x, y), r, omega, h, 42);
    }

    /** The component registered under {@code name}, if a module on the class path registers it. */
    static <T> java.util.Optional<T> registered(com.google.inject.TypeLiteral<Map<String, ComponentFactory<T>>> key, String name) {
        try {
            List<Module> modules = ServiceLoader.load(Module.class).stream().map(ServiceLoader.Provider::get).toList();
            Injector injector = Guice.createInjector(modules);
            Map<String, ComponentFactory<T>> registry = injector.getInstance(Key.get(key));
            if (!registry.containsKey(name)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Registries.resolve("component", registry, ComponentSpec.of(name)).component());
        } catch (RuntimeException notBound) {
            return java.util.Optional.empty();
        }
    }

    /** Stand-in ReLU with vectorized array forms. */
    static final QuasilinearActivation RELU = new QuasilinearActivation() {
        public double apply(double z) { return Math.max(0, z); }
        public double derivative(double z) { return z > 0 ? 1 : 0; }
        public double lowerBound(double a, double eps) { return a - eps <= 0 ? Double.NEGATIVE_INFINITY : a - eps; }
        public double upperBound(double a, double eps) { return a + eps; }
        public void apply(INDArray z, INDArray out) {
            if (out != z) {
                out.assign(z);
            }
            Transforms.max(out, 0.0, false);
        }
        public void preimageBounds(INDArray a, double eps, INDArray lower, INDArray upper) {
            lower.assign(a).subi(eps);
            BooleanIndexing.replaceWhere(lower, Double.NEGATIVE_INFINITY, Conditions.lessThanOrEqual(0.0));
            upper.assign(a).addi(eps);
        }
        public String toString() { return "relu (bench stand-in)"; }
    };

    /** Stand-in square loss (1/2)||z - y||^2 with its closed-form prox (rho v + y) / (1 + rho). */
    static final Loss SQUARE = new Loss() {
        public double value(INDArray z, INDArray y) { double n = z.distance2(y); return 0.5 * n * n; }
        public void gradient(INDArray z, INDArray y, INDArray out) { out.assign(z).subi(y); }
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            out.assign(v).muli(rho).addi(y).divi(1 + rho);
            return ProxReport.EXACT;
        }
        public String toString() { return "square (bench stand-in)"; }
    };

    static final Regularizer NONE = new Regularizer() {
        public double value(INDArray w) { return 0; }
        public void prox(INDArray v, double t, INDArray out) { if (out != v) out.assign(v); }
        public void subgradient(INDArray w, INDArray out) { out.assign(0); }
        public String toString() { return "none (bench stand-in)"; }
    };
}
