package org.altmin.experiments.data;

import com.google.inject.AbstractModule;

/**
 * Registers the shipped data sets: {@code mnist}, {@code fashion-mnist}, {@code csv}, {@code synthetic}. Found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/com.google.inject.Module}.
 */
public final class DataSetsModule extends AbstractModule {
    @Override
    protected void configure() {
        var registry = DataSets.registry(binder());
        DataPackage.defaults().forEach(pkg -> registry.addBinding(pkg.name()).toInstance(new IdxDataSet(pkg)));
        registry.addBinding(CsvDataSet.NAME).toInstance(new CsvDataSet());
        registry.addBinding(SyntheticDataSet.NAME).toInstance(new SyntheticDataSet());
    }

    // One instance of this module per injector; equality lets Guice drop a duplicate installation.
    @Override
    public boolean equals(Object other) {
        return other instanceof DataSetsModule;
    }

    @Override
    public int hashCode() {
        return DataSetsModule.class.hashCode();
    }
}
