package org.altmin.solvers.dlam;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentFactory;
import org.altmin.api.Registries;

/**
 * Registers the optimizers {@code "dlam"} and {@code "mdlam"} and the DLAM block updates in their roles' registries
 * (W: {@code w-backtrack, w-exact}; b: {@code b-exact}; z: {@code z-clip}; zL: {@code zl-prox}; a:
 * {@code a-backtrack}). A researcher adds a block with
 * {@code DlamBlocks.registry(binder(), "W").addBinding("my-w").toInstance(p -> new MyW())} in a module of their own
 * and selects it as {@code parts: {W: {name: my-w}}}; it then serves DLAM and mDLAM alike.
 */
public final class DlamModule extends AbstractModule {
    @Override
    protected void configure() {
        for (String role : DlamBlocks.ROLES) {
            var registry = DlamBlocks.registry(binder(), role);
            DlamBlocks.shipped(role).forEach((name, factory) -> registry.addBinding(name).toInstance(factory));
        }
        // The blocks come from the registries of the finished injector (a researcher's modules add to them).
        Provider<Injector> injector = getProvider(Injector.class);
        Registries.optimizers(binder()).addBinding(DlamOptimizer.NAME)
                .toInstance(p -> DlamOptimizer.fromParams(p, registries(injector.get())));
        Registries.optimizers(binder()).addBinding(MdlamOptimizer.NAME)
                .toInstance(p -> MdlamOptimizer.fromParams(p, registries(injector.get())));
    }

    /** Every role's registry, from the injector. */
    static Map<String, Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> registries(Injector injector) {
        Map<String, Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> all = new LinkedHashMap<>();
        for (String role : DlamBlocks.ROLES) {
            all.put(role, injector.getInstance(DlamBlocks.key(role)));
        }
        return all;
    }
}
