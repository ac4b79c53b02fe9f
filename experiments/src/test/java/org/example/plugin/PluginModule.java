package org.example.plugin;

import com.google.inject.AbstractModule;
import org.altmin.api.Registries;
import org.altmin.api.Validate;

/**
 * A third-party plug-in as a researcher would write it, used by the end-to-end CLI and runner tests through
 * {@code --module org.example.plugin.PluginModule}: an optimizer ({@link GradientDescent}, on the public skeleton
 * {@code org.altmin.solvers.core.IterativeOptimizer}), a loss, a regularizer and an activation, each bound by name;
 * no framework file knows them. Its names are prefixed with {@code test-} so that they never
 * clash with the shipped components when those are on the class path too.
 */
public final class PluginModule extends AbstractModule {
    @Override
    protected void configure() {
        Registries.optimizers(binder()).addBinding(GradientDescent.NAME).toInstance(p -> new GradientDescent(
                p.get("rate", GradientDescent.DEFAULT_RATE), p.get("rho", GradientDescent.DEFAULT_RHO),
                p.getInt("failAt", 0)));
        Registries.losses(binder()).addBinding(SoftmaxCrossEntropy.NAME).toInstance(p -> new SoftmaxCrossEntropy());
        Registries.regularizers(binder()).addBinding(SquaredNorm.NAME).toInstance(
                p -> new SquaredNorm(Validate.nonNegative("test-l2", "lambda", p.get("lambda", 0.0))));
        Registries.activations(binder()).addBinding(Identity.NAME).toInstance(p -> new Identity());
    }
}
