package org.altmin.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import java.util.Map;
import java.util.ServiceLoader;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.junit.jupiter.api.Test;

class LossesModuleTest {
    private final Injector injector = Guice.createInjector(new LossesModule());
    private final Map<String, ComponentFactory<Loss>> losses = injector.getInstance(Key.get(Registries.LOSS_MAP));
    private final Map<String, ComponentFactory<Regularizer>> regularizers =
            injector.getInstance(Key.get(Registries.REGULARIZER_MAP));

    private Loss loss(ComponentSpec spec) {
        return Registries.resolve("loss", losses, spec).component();
    }

    private Regularizer regularizer(ComponentSpec spec) {
        return Registries.resolve("regularizer", regularizers, spec).component();
    }

    @Test
    void everyNameResolvesToItsComponentWithDefaults() {
        assertThat(losses.keySet()).containsExactlyInAnyOrder("square", "cross-entropy", "hinge", "crammer-singer");
        assertThat(regularizers.keySet()).containsExactlyInAnyOrder("none", "l2", "l1", "elastic-net");
        assertThat(loss(ComponentSpec.of("square"))).isInstanceOf(SquareLoss.class);
        assertThat(loss(ComponentSpec.of("cross-entropy"))).isInstanceOfSatisfying(SoftmaxCrossEntropyLoss.class, l -> {
            assertThat(l.proxTolerance()).isEqualTo(SoftmaxCrossEntropyLoss.DEFAULT_PROX_TOLERANCE);
            assertThat(l.proxMaxIterations()).isEqualTo(SoftmaxCrossEntropyLoss.DEFAULT_PROX_MAX_ITERATIONS);
        });
        assertThat(loss(ComponentSpec.of("hinge"))).isInstanceOfSatisfying(MulticlassHingeLoss.class,
                l -> assertThat(l.margin()).isEqualTo(MulticlassHingeLoss.DEFAULT_MARGIN));
        assertThat(loss(ComponentSpec.of("crammer-singer", Map.of("margin", 0.5))))
                .isInstanceOfSatisfying(CrammerSingerHingeLoss.class, l -> assertThat(l.margin()).isEqualTo(0.5));
        assertThat(regularizer(ComponentSpec.of("none"))).isInstanceOf(NoRegularizer.class);
        assertThat(regularizer(ComponentSpec.of("l2"))).isEqualTo(new L2Regularizer(L2Regularizer.DEFAULT_LAMBDA));
        assertThat(regularizer(ComponentSpec.of("l1"))).isEqualTo(new L1Regularizer(L1Regularizer.DEFAULT_LAMBDA));
        assertThat(regularizer(ComponentSpec.of("elastic-net"))).isEqualTo(
                new ElasticNetRegularizer(ElasticNetRegularizer.DEFAULT_LAMBDA1, ElasticNetRegularizer.DEFAULT_LAMBDA2));
    }

    @Test
    void parametersAreReadAndRecordedInTheResolvedSpec() {
        var resolved = Registries.resolve("loss", losses,
                ComponentSpec.of("cross-entropy", Map.of("proxTolerance", 1e-8, "proxMaxIterations", 50.0)));
        SoftmaxCrossEntropyLoss ce = (SoftmaxCrossEntropyLoss) resolved.component();
        assertThat(ce.proxTolerance()).isEqualTo(1e-8);
        assertThat(ce.proxMaxIterations()).isEqualTo(50);
        assertThat(((MulticlassHingeLoss) loss(ComponentSpec.of("hinge", Map.of("margin", 2.0)))).margin()).isEqualTo(2.0);
        assertThat(regularizer(ComponentSpec.of("l1", Map.of("lambda", 0.5)))).isEqualTo(new L1Regularizer(0.5));
        assertThat(regularizer(ComponentSpec.of("elastic-net", Map.of("lambda1", 0.1, "lambda2", 0.2))))
                .isEqualTo(new ElasticNetRegularizer(0.1, 0.2));
        var l2 = Registries.resolve("regularizer", regularizers, ComponentSpec.of("l2"));
        assertThat(l2.spec().params()).containsEntry("lambda", L2Regularizer.DEFAULT_LAMBDA);
    }

    @Test
    void parametersAreReadByType() {
        var resolved = Registries.resolve("loss", losses,
                ComponentSpec.of("cross-entropy", Map.of("proxTolerance", 1, "proxMaxIterations", 50)));
        assertThat(((SoftmaxCrossEntropyLoss) resolved.component()).proxTolerance()).isEqualTo(1.0);
        assertThat(resolved.spec().params()).containsEntry("proxTolerance", 1.0).containsEntry("proxMaxIterations", 50L);
        assertThatThrownBy(() -> regularizer(ComponentSpec.of("l2", Map.of("lambda", "small"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("l2.lambda must be a number, found 'small'");
        assertThatThrownBy(() -> loss(ComponentSpec.of("cross-entropy", Map.of("proxMaxIterations", true))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("cross-entropy.proxMaxIterations must be an integer, found true");
    }

    @Test
    void badNamesAndParametersAreRejected() {
        assertThatThrownBy(() -> loss(ComponentSpec.of("mse"))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'mse'").hasMessageContaining("cross-entropy");
        assertThatThrownBy(() -> regularizer(ComponentSpec.of("l2", Map.of("lambda", -1.0))))
                .hasMessageContaining("L2Regularizer.lambda");
        assertThatThrownBy(() -> regularizer(ComponentSpec.of("l2", Map.of("lamda", 1.0))))
                .hasMessageContaining("lamda");
        assertThatThrownBy(() -> loss(ComponentSpec.of("cross-entropy", Map.of("proxMaxIterations", 2.5))))
                .hasMessageContaining("proxMaxIterations");
        assertThatThrownBy(() -> loss(ComponentSpec.of("hinge", Map.of("margin", 0.0))))
                .hasMessageContaining("MulticlassHingeLoss.margin");
    }

    @Test
    void theModuleIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Module.class).stream().map(ServiceLoader.Provider::type))
                .contains(LossesModule.class);
    }

    @Test
    void eachResolutionBuildsAFreshInstance() {
        // the cross-entropy keeps scratch buffers, so two runs must not share one instance
        assertThat(loss(ComponentSpec.of("cross-entropy"))).isNotSameAs(loss(ComponentSpec.of("cross-entropy")));
    }
}
