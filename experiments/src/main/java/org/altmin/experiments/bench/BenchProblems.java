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
import org.altmin.api.DataSpec;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.altmin.experiments.data.DataPackage;
import org.altmin.experiments.data.DataStore;
import org.altmin.experiments.data.IdxDataSet;
import org.altmin.experiments.data.LoadContext;
import org.altmin.experiments.data.LoadedData;
import org.altmin.solvers.dlam.DlamConfig;
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

    /**
     * The benchmarks' configurations: a fixed eps (Theorem 1's setting, rho = eps = 0.01: the hidden layers stay at
     * their start, so their products are skipped), or the eps schedule of the MNIST preset (DLAM's defaults).
     */
    public static final String FIXED = "fixed";
    public static final String SCHEDULE = "schedule";
    /**
     * The eps schedule of {@code experiments/examples/dlam-mnist.yaml} (rho, eps, decay, floor; a test checks that
     * the two agree): under it the hidden layers move, so every block runs its products, unlike under a fixed eps.
     */
    public static final double SCHEDULE_RHO = 0.3;
    public static final double SCHEDULE_EPSILON = 1.0;
    public static final double SCHEDULE_DECAY = 0.9;
    public static final double SCHEDULE_FLOOR = 1e-3;
    /** rho and eps of {@link #FIXED}. */
    public static final double FIXED_RHO = 0.01;
    public static final double FIXED_EPSILON = 0.01;

    /** DLAM's config for {@code schedule} ({@link #FIXED} or {@link #SCHEDULE}), with or without the warm start. */
    public static DlamConfig dlamConfig(String schedule, boolean warmStart) {
        DlamConfig base = switch (schedule) {
            case FIXED -> DlamConfig.defaults().withFixedEpsilon().withRhoEpsilon(FIXED_RHO, FIXED_EPSILON);
            case SCHEDULE -> DlamConfig.defaults().withRhoEpsilon(SCHEDULE_RHO, SCHEDULE_EPSILON)
                    .withEpsilonSchedule(SCHEDULE_EPSILON, SCHEDULE_DECAY, SCHEDULE_FLOOR);
            default -> throw new IllegalArgumentException("schedule must be " + FIXED + " or " + SCHEDULE + ", found " + schedule);
        };
        return base.withBacktracking(DlamConfig.DEFAULT_NU, DlamConfig.DEFAULT_GAMMA, DlamConfig.DEFAULT_MU,
                DlamConfig.DEFAULT_ETA, DlamConfig.DEFAULT_MAX_BACKTRACKS, warmStart);
    }

    /** The benchmarks' data: real MNIST from the data directory (fetched with {@code altmin fetch}), or random. */
    public static final String MNIST = "mnist";
    public static final String RANDOM = "random";

    /**
     * The problem of {@code data} ({@link #MNIST}: the full 60000 training images from {@link DataStore#directory()},
     * which must have been fetched; {@link #RANDOM}: {@link #random}) with the 784-100-100-10 network, ReLU and
     * cross-entropy. Real data matter for DLAM's cost: which residuals are exactly zero, hence which products a
     * block skips, and how many backtracking trials it takes, depend on the data.
     */
    public static Problem problem(String data, int samples, DataType dtype) {
        return switch (data) {
            case RANDOM -> random(samples, dtype, "cross-entropy", "relu", MNIST_NETWORK);
            case MNIST -> {
                LoadedData loaded = new IdxDataSet(DataPackage.mnist("npm")).load(
                        new DataSpec(MNIST, samples >= 60000 ? 0 : samples, 1000, null, Map.of()),
                        new LoadContext(dtype, 42, DataStore.directory(), null, null));
                Loss r = registered(Registries.LOSS_MAP, "cross-entropy").orElseThrow();
                QuasilinearActivation h = registered(Registries.ACTIVATION_MAP, "relu").orElseThrow();
                Regularizer omega = registered(Registries.REGULARIZER_MAP, "none").orElseThrow();
                yield Problem.uniform(NetworkSpec.of(MNIST_NETWORK), loaded.data(), r, omega, h, 42);
            }
            default -> throw new IllegalArgumentException("data must be " + MNIST + " or " + RANDOM + ", found " + data);
        };
    }

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
