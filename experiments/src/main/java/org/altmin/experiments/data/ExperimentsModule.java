package org.altmin.experiments.data;

import com.google.inject.AbstractModule;
import org.altmin.api.Registries;

/**
 * Registers the shipped data sets ({@code mnist}, {@code fashion-mnist}, {@code csv}, {@code synthetic}) and
 * declares the four component registries, so that they exist (possibly empty) whichever component modules are on
 * the class path and an unknown name gets the "one of [...]" message rather than a Guice error. Found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/com.google.inject.Module}.
 */
public final class ExperimentsModule extends AbstractModule {
    @Override
    protected void configure() {
        Registries.losses(binder());
        Registries.regularizers(binder());
        Registries.activations(binder());
        Registries.optimizers(binder());
        var registry = DataSets.registry(binder());
        DataPackage.defaults().forEach(pkg -> registry.addBinding(pkg.name()).toInstance(new IdxDataSet(pkg)));
        registry.addBinding(CsvDataSet.NAME).toInstance(new CsvDataSet());
        registry.addBinding(SyntheticDataSet.NAME).toInstance(new SyntheticDataSet());
    }

    // Guice drops a second installation of an equal module (e.g. named with --module as well).
    @Override
    public boolean equals(Object other) {
        return other instanceof ExperimentsModule;
    }

    @Override
    public int hashCode() {
        return ExperimentsModule.class.hashCode();
    }
}
