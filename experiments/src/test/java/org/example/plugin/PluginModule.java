package org.example.plugin;

import com.google.inject.AbstractModule;
import java.util.List;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ParameterInfo;
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
        // Declaring the parameters (optional) gives `altmin list` their ranges and meanings; types and defaults it
        // reads from the factory itself, as for the undeclared components below.
        Registries.optimizers(binder()).addBinding(GradientDescent.NAME).toInstance(ComponentFactory.described(
                p -> new GradientDescent(p.get("rate", GradientDescent.DEFAULT_RATE),
                        p.get("rho", GradientDescent.DEFAULT_RHO), p.getInt("failAt", 0)),
                List.of(ParameterInfo.of("rate", "> 0 and finite", "the gradient step"),
                        ParameterInfo.of("rho", "> 0 and finite", "the coupling penalty"),
                        ParameterInfo.of("failAt", ">= 0", "declare divergence at this iteration (tests); 0: never"))));
        Registries.losses(binder()).addBinding(SoftmaxCrossEntropy.NAME).toInstance(p -> new SoftmaxCrossEntropy());
        Registries.regularizers(binder()).addBinding(SquaredNorm.NAME).toInstance(
                p -> new SquaredNorm(Validate.nonNegative("test-l2", "lambda", p.get("lambda", 0.0))));
        Registries.activations(binder()).addBinding(Identity.NAME).toInstance(p -> new Identity());
    }
}
