package org.example.block;

import com.google.inject.AbstractModule;
import org.altmin.solvers.dlam.DlamBlocks;

/** Registers {@link LineSearchW} in DLAM's W registry: then {@code --part W=w-line-search} serves dlam and mdlam. */
public final class LineSearchModule extends AbstractModule {
    @Override
    protected void configure() {
        DlamBlocks.registry(binder(), "W").addBinding(LineSearchW.NAME).toInstance(p -> new LineSearchW());
    }
}
