package org.altmin.solvers.sgd;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentFactory;
import org.altmin.api.Optimizer;
import org.altmin.api.ParameterInfo;
import org.altmin.api.Registries;

/**
 * Registers the SGD-family optimizers {@code sgd, momentum, adam, rmsprop, adagrad} (see {@link SgdOptimizer}).
 * A researcher adds a rule with
 * {@code Registries.optimizers(binder()).addBinding("my-rule").toInstance(p -> SgdOptimizer.fromParams(p, 0.01, MyRule.fromParams(p)))}
 * in a module of their own.
 */
public final class SgdModule extends AbstractModule {
    /** {@link SgdSettings}' parameters, shared by every SGD-family optimizer. */
    public static final List<ParameterInfo> SETTINGS = List.of(
            ParameterInfo.of("learningRate", "> 0 and finite", "the learning rate lr"),
            ParameterInfo.of("batchSize", ">= 1", "samples per minibatch"),
            ParameterInfo.of("decay", ">= 0 and finite", "inverse-time decay lr_k = lr / (1 + decay (k - 1)) by epoch k"),
            ParameterInfo.of("init", "", "the distribution of W^0 (b^0 = 0)"),
            ParameterInfo.of("initScale", "> 0 and finite", "the multiplier on the init's standard deviation"));

    @Override
    protected void configure() {
        MapBinder<String, ComponentFactory<Optimizer>> optimizers = Registries.optimizers(binder());
        shipped().forEach((name, factory) -> optimizers.addBinding(name).toInstance(factory));
    }

    /** The shipped optimizers by name; each reads the shared settings and its rule's parameters. */
    public static Map<String, ComponentFactory<Optimizer>> shipped() {
        return Map.of(
                PlainSgd.NAME, ComponentFactory.described(
                        p -> SgdOptimizer.fromParams(p, PlainSgd.DEFAULT_LEARNING_RATE, PlainSgd.fromParams(p)), SETTINGS),
                Momentum.NAME, ComponentFactory.described(
                        p -> SgdOptimizer.fromParams(p, Momentum.DEFAULT_LEARNING_RATE, Momentum.fromParams(p)),
                        ParameterInfo.concat(SETTINGS,
                                ParameterInfo.of("momentum", "in [0, 1)", "the momentum mu"),
                                ParameterInfo.of("nesterov", "", "Nesterov's look-ahead gradient instead of heavy ball"))),
                Adam.NAME, ComponentFactory.described(
                        p -> SgdOptimizer.fromParams(p, Adam.DEFAULT_LEARNING_RATE, Adam.fromParams(p)),
                        ParameterInfo.concat(SETTINGS,
                                ParameterInfo.of("beta1", "in [0, 1)", "the first moment's decay"),
                                ParameterInfo.of("beta2", "in [0, 1)", "the second moment's decay"),
                                ParameterInfo.of("epsilon", "> 0 and finite", "added to the denominator"))),
                RmsProp.NAME, ComponentFactory.described(
                        p -> SgdOptimizer.fromParams(p, RmsProp.DEFAULT_LEARNING_RATE, RmsProp.fromParams(p)),
                        ParameterInfo.concat(SETTINGS,
                                ParameterInfo.of("rho", "in [0, 1)", "the squared gradients' decay"),
                                ParameterInfo.of("epsilon", "> 0 and finite", "added to the denominator"))),
                AdaGrad.NAME, ComponentFactory.described(
                        p -> SgdOptimizer.fromParams(p, AdaGrad.DEFAULT_LEARNING_RATE, AdaGrad.fromParams(p)),
                        ParameterInfo.concat(SETTINGS, ParameterInfo.of("epsilon", "> 0 and finite", "added to the denominator"))));
    }
}
