package org.altmin.solvers.dlam;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ParameterInfo;
import org.altmin.api.Registries;

/**
 * Registers the optimizers {@code "dlam"} and {@code "mdlam"} and the DLAM block updates in their roles' registries
 * (W: {@code w-backtrack, w-exact}; b: {@code b-exact}; z: {@code z-clip}; zL: {@code zl-prox}; a:
 * {@code a-backtrack}). A researcher adds a block with
 * {@code DlamBlocks.registry(binder(), "W").addBinding("my-w").toInstance(p -> new MyW())} in a module of their own
 * and selects it as {@code parts: {W: {name: my-w}}}; it then serves DLAM and mDLAM alike.
 */
public final class DlamModule extends AbstractModule {
    /** {@link DlamConfig}'s parameters (DLAM and mDLAM), as its validation checks them. */
    public static final List<ParameterInfo> PARAMETERS = List.of(
            ParameterInfo.of("rho", "> 0 and finite", "the penalty of the coupling term (rho/2)||z_l - W_l a_{l-1} - b_l||^2"),
            ParameterInfo.of("epsilon", "> 0 and finite", "the band half-width eps of h(z_l) - eps <= a_l <= h(z_l) + eps"),
            ParameterInfo.of("nu", "> 0 and finite", "the initial theta of Algorithm 2 (W backtracking)"),
            ParameterInfo.of("gamma", "> 1 and finite", "theta's growth factor in Algorithm 2"),
            ParameterInfo.of("mu", "> 0 and finite", "the initial t of Algorithm 3 (a backtracking)"),
            ParameterInfo.of("eta", "> 1 and finite", "t's growth factor in Algorithm 3"),
            ParameterInfo.of("maxBacktracks", ">= 1", "the cap on backtracking trials per block update"),
            ParameterInfo.of("warmStart", "", "start theta and t from the previous iteration's values"),
            ParameterInfo.of("epsilonDecay", "in (0, 1] (1 keeps eps fixed)",
                    "the eps schedule eps_k = max(epsilonFloor, epsilon epsilonDecay^(k-1))"),
            ParameterInfo.of("epsilonFloor", "> 0 and finite", "the floor of the eps schedule, at most epsilon"),
            ParameterInfo.of("init", "", "the distribution of W^0 (b^0 = 0)"),
            ParameterInfo.of("initScale", "> 0 and finite", "the multiplier on the init's standard deviation"),
            ParameterInfo.of("zLFromLabels", "", "z_L^0 = y (the authors' code) instead of the forward pass"),
            ParameterInfo.of("tolerance", ">= 0 and finite", "stop when |F^k - F^(k-1)| <= tolerance max(1, |F^(k-1)|); 0: off"));

    /** mDLAM's parameters: DLAM's and the extrapolation switch. */
    public static final List<ParameterInfo> MDLAM_PARAMETERS = ParameterInfo.concat(PARAMETERS,
            ParameterInfo.of("extrapolation", "", "Nesterov extrapolation before the W and a updates (false: DLAM)"));

    @Override
    protected void configure() {
        for (String role : DlamBlocks.ROLES) {
            var registry = DlamBlocks.registry(binder(), role);
            DlamBlocks.shipped(role).forEach((name, factory) -> registry.addBinding(name).toInstance(factory));
        }
        // The blocks come from the registries of the finished injector (a researcher's modules add to them).
        Provider<Injector> injector = getProvider(Injector.class);
        Registries.optimizers(binder()).addBinding(DlamOptimizer.NAME)
                .toInstance(ComponentFactory.described(p -> DlamOptimizer.fromParams(p, registries(injector.get())),
                        PARAMETERS));
        Registries.optimizers(binder()).addBinding(MdlamOptimizer.NAME)
                .toInstance(ComponentFactory.described(p -> MdlamOptimizer.fromParams(p, registries(injector.get())),
                        MDLAM_PARAMETERS));
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
