package org.altmin.activations;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.altmin.api.ComponentFactory;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;

/**
 * Registers the shipped quasilinear activations (Assumption 3 of DLAM, arXiv:1811.04187) by name:
 * {@value Relu#NAME}, {@value LeakyRelu#NAME} ({@code alpha}), {@value Tanh#NAME}, {@value Sigmoid#NAME},
 * {@value HardTanh#NAME}, {@value Identity#NAME}, {@value Step#NAME} ({@code ste}) and {@value Sign#NAME}
 * ({@code ste}). Found by the CLI through {@code META-INF/services/com.google.inject.Module}.
 */
public final class ActivationsModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, ComponentFactory<QuasilinearActivation>> activations = Registries.activations(binder());
        activations.addBinding(Relu.NAME).toInstance(Relu::fromParams);
        activations.addBinding(LeakyRelu.NAME).toInstance(LeakyRelu::fromParams);
        activations.addBinding(Tanh.NAME).toInstance(Tanh::fromParams);
        activations.addBinding(Sigmoid.NAME).toInstance(Sigmoid::fromParams);
        activations.addBinding(HardTanh.NAME).toInstance(HardTanh::fromParams);
        activations.addBinding(Identity.NAME).toInstance(Identity::fromParams);
        activations.addBinding(Step.NAME).toInstance(Step::fromParams);
        activations.addBinding(Sign.NAME).toInstance(Sign::fromParams);
        activations.addBinding(Softsign.NAME).toInstance(Softsign::fromParams);
    }
}
