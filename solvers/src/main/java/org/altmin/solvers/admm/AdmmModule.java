package org.altmin.solvers.admm;

import com.google.inject.AbstractModule;
import org.altmin.api.Registries;

/**
 * Registers the optimizer {@value AdmmOptimizer#NAME}, the ADMM of Taylor et al. (ICML 2016), in the optimizer
 * registry; found by the CLI through {@code META-INF/services/com.google.inject.Module}, so that
 * {@code bin/altmin train --optimizer admm --param beta=1 --param gamma=10} selects it.
 */
public final class AdmmModule extends AbstractModule {
    @Override
    protected void configure() {
        Registries.optimizers(binder()).addBinding(AdmmOptimizer.NAME).toInstance(AdmmOptimizer::fromParams);
    }
}
