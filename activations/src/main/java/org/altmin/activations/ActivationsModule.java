package org.altmin.activations;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ParameterInfo;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;

/**
 * Registers the shipped quasilinear activations (Assumption 3 of DLAM, arXiv:1811.04187) by name:
 * {@value Relu#NAME}, {@value LeakyRelu#NAME} ({@code alpha}), {@value Tanh#NAME}, {@value Sigmoid#NAME},
 * {@value HardTanh#NAME}, {@value Identity#NAME}, {@value Step#NAME} ({@code ste}), {@value Sign#NAME}
 * ({@code ste}) and {@value Softsign#NAME}. Found by the CLI through {@code META-INF/services/com.google.inject.Module}.
 */
public final class ActivationsModule extends AbstractModule {
    private static final ParameterInfo STE = ParameterInfo.of("ste", "", "whether the derivative (SGD only) is the straight-through estimator instead of 0");
    @Override
    protected void configure() {
        MapBinder<String, ComponentFactory<QuasilinearActivation>> activations = Registries.activations(binder());
        activations.addBinding(Relu.NAME).toInstance(Relu::fromParams);
        activations.addBinding(LeakyRelu.NAME).toInstance(ComponentFactory.described(LeakyRelu::fromParams,
                List.of(ParameterInfo.of("alpha", "in (0, 1)", "the slope for z < 0"))));
        activations.addBinding(Tanh.NAME).toInstance(Tanh::fromParams);
        activations.addBinding(Sigmoid.NAME).toInstance(Sigmoid::fromParams);
        activations.addBinding(HardTanh.NAME).toInstance(HardTanh::fromParams);
        activations.addBinding(Identity.NAME).toInstance(Identity::fromParams);
        activations.addBinding(Step.NAME).toInstance(ComponentFactory.described(Step::fromParams, List.of(STE)));
        activations.addBinding(Sign.NAME).toInstance(ComponentFactory.described(Sign::fromParams, List.of(STE)));
        activations.addBinding(Softsign.NAME).toInstance(Softsign::fromParams);
    }
}
