package org.example.plugin;

import com.google.inject.AbstractModule;
import org.altmin.api.Registries;

/** Listed in the test META-INF/services: proves that modules on the class path are found without --module. */
public final class ServiceLoadedModule extends AbstractModule {
    public static final String ACTIVATION = "test-service-loaded-identity";

    @Override
    protected void configure() {
        Registries.activations(binder()).addBinding(ACTIVATION).toInstance(p -> new Identity());
    }
}
