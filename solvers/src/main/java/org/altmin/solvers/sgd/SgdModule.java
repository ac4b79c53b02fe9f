package org.altmin.solvers.sgd;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import org.altmin.api.ComponentFactory;
import org.altmin.api.Optimizer;
import org.altmin.api.Registries;

/**
 * Registers the SGD-family optimizers {@code sgd, momentum, adam, rmsprop, adagrad} (see {@link SgdOptimizer}).
 * A researcher adds a rule with
 * {@code Registries.optimizers(binder()).addBinding("my-rule").toInstance(p -> SgdOptimizer.fromParams(p, 0.01, MyRule.fromParams(p)))}
 * in a module of their own.
 */
public final class SgdModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, ComponentFactory<Optimizer>> optimizers = Registries.optimizers(binder());
        shipped().forEach((name, factory) -> optimizers.addBinding(name).toInstance(factory));
    }

    /** The shipped optimizers by name; each reads the shared settings and its rule's parameters. */
    public static Map<String, ComponentFactory<Optimizer>> shipped() {
        return Map.of(
                PlainSgd.NAME, p -> SgdOptimizer.fromParams(p, PlainSgd.DEFAULT_LEARNING_RATE, PlainSgd.fromParams(p)),
                Momentum.NAME, p -> SgdOptimizer.fromParams(p, Momentum.DEFAULT_LEARNING_RATE, Momentum.fromParams(p)),
                Adam.NAME, p -> SgdOptimizer.fromParams(p, Adam.DEFAULT_LEARNING_RATE, Adam.fromParams(p)),
                RmsProp.NAME, p -> SgdOptimizer.fromParams(p, RmsProp.DEFAULT_LEARNING_RATE, RmsProp.fromParams(p)),
                AdaGrad.NAME, p -> SgdOptimizer.fromParams(p, AdaGrad.DEFAULT_LEARNING_RATE, AdaGrad.fromParams(p)));
    }
}
