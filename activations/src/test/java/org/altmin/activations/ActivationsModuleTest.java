package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.junit.jupiter.api.Test;

/** The Guice module registers every activation by name, with validated parameters and their defaults. */
class ActivationsModuleTest {
    private final Map<String, ComponentFactory<QuasilinearActivation>> registry =
            Guice.createInjector(new ActivationsModule()).getInstance(Key.get(Registries.ACTIVATION_MAP));

    private Registries.Resolved<QuasilinearActivation> resolve(ComponentSpec spec) {
        return Registries.resolve("activation", registry, spec);
    }

    @Test
    void everyNameResolvesToItsActivationWithDefaults() {
        assertThat(registry.keySet()).containsExactlyInAnyOrder(
                "relu", "leaky-relu", "tanh", "sigmoid", "hard-tanh", "identity", "step", "sign", "softsign");
        assertThat(resolve(ComponentSpec.of("relu")).component()).isEqualTo(new Relu());
        assertThat(resolve(ComponentSpec.of("tanh")).component()).isEqualTo(new Tanh());
        assertThat(resolve(ComponentSpec.of("sigmoid")).component()).isEqualTo(new Sigmoid());
        assertThat(resolve(ComponentSpec.of("hard-tanh")).component()).isEqualTo(new HardTanh());
        assertThat(resolve(ComponentSpec.of("identity")).component()).isEqualTo(new Identity());
        var leaky = resolve(ComponentSpec.of("leaky-relu"));
        assertThat(leaky.component()).isEqualTo(new LeakyRelu(0.01));
        assertThat(leaky.spec().params()).containsEntry("alpha", 0.01);
        var step = resolve(ComponentSpec.of("step"));
        assertThat(step.component()).isEqualTo(new Step(false));
        assertThat(step.spec().params()).containsEntry("ste", false);
        assertThat(resolve(ComponentSpec.of("sign")).component()).isEqualTo(new Sign(false));
    }

    @Test
    void parametersAreReadAndValidated() {
        assertThat(resolve(ComponentSpec.of("leaky-relu", Map.of("alpha", 0.2))).component())
                .isEqualTo(new LeakyRelu(0.2));
        assertThat(resolve(ComponentSpec.of("sign", Map.of("ste", true))).component()).isEqualTo(new Sign(true));
        assertThatThrownBy(() -> resolve(ComponentSpec.of("leaky-relu", Map.of("alpha", 2.0))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("LeakyRelu.alpha must be in (0, 1), found 2.0");
        assertThatThrownBy(() -> resolve(ComponentSpec.of("step", Map.of("ste", 0.5))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("ste");
        assertThat(resolve(ComponentSpec.of("step", Map.of("ste", "true"))).component()).isEqualTo(new Step(true));
        assertThatThrownBy(() -> resolve(ComponentSpec.of("sign", Map.of("ste", 1))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("sign.ste must be true or false (not a number such as 0 or 1), found 1");
        assertThatThrownBy(() -> resolve(ComponentSpec.of("relu", Map.of("alpha", 0.1))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> resolve(ComponentSpec.of("softplus")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("softplus");
    }

    @Test
    void serviceLoaderFindsTheModule() {
        assertThat(StreamSupport.stream(ServiceLoader.load(Module.class).spliterator(), false))
                .anyMatch(module -> module instanceof ActivationsModule);
    }
}
