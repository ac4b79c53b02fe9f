package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.IterationReport;
import org.altmin.api.Loss;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Property 2 (sufficient descent, inequality 7 of Wang et al.) for every shipped activation x loss x regularizer,
 * resolved by name through their Guice modules (found by ServiceLoader, as the CLI finds them), in DOUBLE on a
 * small random problem. The cross-entropy prox is iterative; it runs with {@code proxTolerance = 1e-12} so that
 * its inexactness stays below the rounding tolerance of {@link DlamDescentTest}.
 */
class DlamComponentsDescentTest {
    static final List<String> ACTIVATIONS = List.of("relu", "leaky-relu", "tanh", "sigmoid", "hard-tanh", "identity", "step", "sign");
    static final List<String> LOSSES = List.of("square", "cross-entropy", "hinge");
    static final List<String> REGULARIZERS = List.of("none", "l1", "l2", "elastic-net");
    static final Injector INJECTOR = Guice.createInjector(
            ServiceLoader.load(Module.class).stream().map(ServiceLoader.Provider::get).toList());

    static Stream<Arguments> combinations() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String act : ACTIVATIONS) {
            for (String loss : LOSSES) {
                for (String reg : REGULARIZERS) {
                    all.add(Arguments.of(act, loss, reg));
                }
            }
        }
        return all.build();
    }

    static <T> T resolve(com.google.inject.TypeLiteral<Map<String, ComponentFactory<T>>> key, ComponentSpec spec) {
        return Registries.resolve("component", INJECTOR.getInstance(Key.get(key)), spec).component();
    }

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @MethodSource("combinations")
    void everyIterationDescendsSufficiently(String act, String lossName, String reg) {
        ComponentSpec lossSpec = lossName.equals("cross-entropy")
                ? ComponentSpec.of(lossName, Map.of("proxTolerance", 1e-12, "proxMaxIterations", 100000.0))
                : ComponentSpec.of(lossName);
        Loss loss = resolve(Registries.LOSS_MAP, lossSpec);
        Regularizer omega = resolve(Registries.REGULARIZER_MAP, ComponentSpec.of(reg));
        QuasilinearActivation h = resolve(Registries.ACTIVATION_MAP, ComponentSpec.of(act));
        Problem problem = Doubles.problem(DataType.DOUBLE, 8, loss, omega, h, 17, 5, 4, 3, 3);
        DlamConfig config = DlamConfig.defaults().withFixedEpsilon().withRhoEpsilon(0.5, 0.05).withBacktracking(0.05, 2.0, 0.05, 3.0, 60, true);
        var records = new java.util.ArrayList<IterationReport>();
        TrainingResult result = new DlamOptimizer(config).fit(problem, 6, (r, s) -> records.add(r));
        assertThat(result.status()).as(result.diagnosis()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
        DlamDescentTest.assertSufficientDescent(records);
    }

    @org.junit.jupiter.api.Test
    void exactWBlockAcceptsExactlyTheQuadraticShippedRegularizers() {
        for (DataType dtype : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            Regularizer none = resolve(Registries.REGULARIZER_MAP, ComponentSpec.of("none"));
            Regularizer l2 = resolve(Registries.REGULARIZER_MAP, ComponentSpec.of("l2", Map.of("lambda", 0.3)));
            assertThat(WExact.quadraticWeight(none, dtype)).isZero();
            assertThat(WExact.quadraticWeight(l2, dtype)).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-5));
            for (String name : List.of("l1", "elastic-net")) {
                Regularizer other = resolve(Registries.REGULARIZER_MAP, ComponentSpec.of(name));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> WExact.quadraticWeight(other, dtype))
                        .isInstanceOf(org.altmin.api.InvalidParameterException.class)
                        .hasMessageContaining("w-exact.regularizer").hasMessageContaining(WBacktrack.NAME);
            }
        }
    }
}
