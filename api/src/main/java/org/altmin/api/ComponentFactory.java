package org.altmin.api;

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
}
