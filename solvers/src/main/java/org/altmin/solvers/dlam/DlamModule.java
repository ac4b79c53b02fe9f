package org.altmin.solvers.dlam;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Injector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentFactory;
import org.altmin.api.Optimizer;
import org.altmin.api.Params;
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
        Registries.optimizers(binder()).addBinding(DlamOptimizer.NAME).to(DlamFactory.class);
        Registries.optimizers(binder()).addBinding(MdlamOptimizer.NAME).to(MdlamFactory.class);
    }

    /** Every role's registry, from the injector. */
    static Map<String, Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> registries(Injector injector) {
        Map<String, Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> all = new LinkedHashMap<>();
        for (String role : DlamBlocks.ROLES) {
            all.put(role, injector.getInstance(DlamBlocks.key(role)));
        }
        return all;
    }

    /** Builds a {@link DlamOptimizer} from its params and parts, with blocks from the injected registries. */
    static final class DlamFactory implements ComponentFactory<Optimizer> {
        private final Injector injector;

        @Inject
        DlamFactory(Injector injector) {
            this.injector = injector;
        }

        @Override
        public Optimizer create(Params params) {
            return DlamOptimizer.fromParams(params, registries(injector));
        }
    }

    /** Builds an {@link MdlamOptimizer} likewise. */
    static final class MdlamFactory implements ComponentFactory<Optimizer> {
        private final Injector injector;

        @Inject
        MdlamFactory(Injector injector) {
            this.injector = injector;
        }

        @Override
        public Optimizer create(Params params) {
            return MdlamOptimizer.fromParams(params, registries(injector));
        }
    }
}
