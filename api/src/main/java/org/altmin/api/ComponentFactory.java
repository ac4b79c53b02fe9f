package org.altmin.api;

import java.util.List;

/**
 * Makes a component from its parameters. Registered by name in a Guice {@code MapBinder} (see
 * {@link Registries}); a researcher adds a component by writing the class and one module that binds its factory,
 * e.g. {@code Registries.activations(binder()).addBinding("swish-ish").toInstance(p -> new MyAct(p.get("beta", 1.0)))}.
 *
 * @param <T> the component kind
 */
@FunctionalInterface
public interface ComponentFactory<T> {
    /**
     * Reads its parameters from {@code params} (each with its default) and returns a validated component.
     *
     * @throws InvalidParameterException for an out-of-range parameter
     */
    T create(Params params);

    /**
     * The parameters this factory declares (names, ranges, meanings; see {@link ParameterInfo}), for listings; none
     * unless the registration used {@link #described}. A parameter it reads but does not declare is still listed,
     * with its type and default.
     */
    default List<ParameterInfo> parameters() {
        return List.of();
    }

    /** {@code factory}, declaring {@code parameters} (what a registration passes to {@code toInstance}). */
    static <T> ComponentFactory<T> described(ComponentFactory<T> factory, List<ParameterInfo> parameters) {
        java.util.Objects.requireNonNull(factory, "factory");
        List<ParameterInfo> declared = List.copyOf(parameters);
        return new ComponentFactory<>() {
            @Override
            public T create(Params params) {
                return factory.create(params);
            }

            @Override
            public List<ParameterInfo> parameters() {
                return declared;
            }
        };
    }
}
