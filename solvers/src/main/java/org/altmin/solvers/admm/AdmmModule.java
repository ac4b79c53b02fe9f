package org.altmin.solvers.admm;

import com.google.inject.AbstractModule;
import java.util.List;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ParameterInfo;
import org.altmin.api.Registries;

/**
 * Registers the optimizer {@value AdmmOptimizer#NAME}, the ADMM of Taylor et al. (ICML 2016), in the optimizer
 * registry; found by the CLI through {@code META-INF/services/com.google.inject.Module}, so that
 * {@code bin/altmin train --optimizer admm --param beta=1 --param gamma=10} selects it.
 */
public final class AdmmModule extends AbstractModule {
    /** {@link AdmmConfig}'s parameters, as its validation checks them. */
    public static final List<ParameterInfo> PARAMETERS = List.of(
            ParameterInfo.of("beta", "> 0 and finite", "the weight beta of every penalty beta ||z_l - W_l a_{l-1}||^2"),
            ParameterInfo.of("gamma", "> 0 and finite", "the weight gamma of every penalty gamma ||a_l - h_l(z_l)||^2"),
            ParameterInfo.of("ridge", ">= 0 and finite", "the relative Tikhonov term of the least-squares W update"),
            ParameterInfo.of("warmStartIterations", ">= 0", "first iterations without the multiplier update"),
            ParameterInfo.of("init", "", "the distribution of W^0"),
            ParameterInfo.of("initScale", "> 0 and finite", "the multiplier on the init's standard deviation"));
    @Override
    protected void configure() {
        Registries.optimizers(binder()).addBinding(AdmmOptimizer.NAME)
                .toInstance(ComponentFactory.described(AdmmOptimizer::fromParams, PARAMETERS));
    }
}
