package org.altmin.solvers.dlam;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentFactory;
import org.altmin.api.Optimizer;
import org.altmin.api.Params;
import org.altmin.api.Registries;

/**
 * Registers the optimizer {@code "dlam"} and the DLAM block updates ({@code w-backtrack, w-exact, b-exact, z-clip,
 * zl-prox, a-backtrack}) in their registries. A researcher adds a block with
 * {@code Registries.registry(binder(), DlamBlocks.KIND).addBinding("my-w").toInstance(p -> new MyW())} in a module
 * of their own and selects it as {@code parts: {W: {name: my-w}}}.
 */
public final class DlamModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, ComponentFactory<BlockUpdate<DlamContext>>> blocks = Registries.registry(binder(), DlamBlocks.KIND);
        DlamBlocks.shipped().forEach((name, factory) -> blocks.addBinding(name).toInstance(factory));
        Registries.optimizers(binder()).addBinding(DlamOptimizer.NAME).to(Factory.class);
    }

    /** Builds a {@link DlamOptimizer} from its params and parts, with blocks from the injected registry. */
    static final class Factory implements ComponentFactory<Optimizer> {
        private final Map<String, ComponentFactory<BlockUpdate<DlamContext>>> blocks;

        @Inject
        Factory(Map<String, ComponentFactory<BlockUpdate<DlamContext>>> blocks) {
            this.blocks = blocks;
        }

        @Override
        public Optimizer create(Params params) {
            return DlamOptimizer.fromParams(params, blocks);
        }
    }
}
