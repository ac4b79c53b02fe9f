package org.altmin.api;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The name registries of each component kind, as Guice {@code MapBinder}s (Druid's PolyBind idea): modules add
 * factories under names, a {@link RunSpec} picks them by name. A researcher's module calls e.g.
 * {@code Registries.losses(binder()).addBinding("huber").toInstance(HuberLoss::fromParams)}; no framework code
 * changes.
 */
public final class Registries {
    private Registries() {}

    public static final TypeLiteral<ComponentFactory<Loss>> LOSS = new TypeLiteral<>() {};
    public static final TypeLiteral<ComponentFactory<Regularizer>> REGULARIZER = new TypeLiteral<>() {};
    public static final TypeLiteral<ComponentFactory<QuasilinearActivation>> ACTIVATION = new TypeLiteral<>() {};
    public static final TypeLiteral<ComponentFactory<Optimizer>> OPTIMIZER = new TypeLiteral<>() {};

    /** Keys for injecting the whole registry: {@code @Inject Map<String, ComponentFactory<Loss>>}. */
    public static final TypeLiteral<Map<String, ComponentFactory<Loss>>> LOSS_MAP = new TypeLiteral<>() {};
    public static final TypeLiteral<Map<String, ComponentFactory<Regularizer>>> REGULARIZER_MAP = new TypeLiteral<>() {};
    public static final TypeLiteral<Map<String, ComponentFactory<QuasilinearActivation>>> ACTIVATION_MAP = new TypeLiteral<>() {};
    public static final TypeLiteral<Map<String, ComponentFactory<Optimizer>>> OPTIMIZER_MAP = new TypeLiteral<>() {};

    public static MapBinder<String, ComponentFactory<Loss>> losses(Binder binder) {
        return registry(binder, LOSS);
    }

    public static MapBinder<String, ComponentFactory<Regularizer>> regularizers(Binder binder) {
        return registry(binder, REGULARIZER);
    }

    public static MapBinder<String, ComponentFactory<QuasilinearActivation>> activations(Binder binder) {
        return registry(binder, ACTIVATION);
    }

    public static MapBinder<String, ComponentFactory<Optimizer>> optimizers(Binder binder) {
        return registry(binder, OPTIMIZER);
    }

    /** A registry of any other kind (e.g. DLAM's block updates). */
    public static <T> MapBinder<String, ComponentFactory<T>> registry(Binder binder, TypeLiteral<ComponentFactory<T>> kind) {
        return MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), kind);
    }

    /** A component together with its resolved spec (every default filled in). */
    public record Resolved<T>(T component, ComponentSpec spec) {}

    /**
     * Builds the component {@code spec} names from {@code registry}.
     *
     * @param kind the kind, for messages ("loss", "activation", ...)
     * @throws InvalidParameterException for an unknown name (listing the known ones) or a bad parameter
     */
    public static <T> Resolved<T> resolve(String kind, Map<String, ComponentFactory<T>> registry, ComponentSpec spec) {
        ComponentFactory<T> factory = registry.get(spec.name());
        if (factory == null) {
            throw InvalidParameterException.of(kind, "name", "'" + spec.name() + "'",
                    "one of " + new TreeSet<>(registry.keySet()));
        }
        Params params = new Params(spec.name(), spec);
        T component = factory.create(params);
        params.checkAllUsed();
        return new Resolved<>(component, params.resolved());
    }

    /**
     * Describes the component {@code factory} makes under {@code name}: builds it once with no parameters given
     * (what a spec naming only the component gets) and reports what it read, each parameter with its type and
     * default and the range and meaning the factory {@link ComponentFactory#parameters() declares}, and each part
     * with every registered choice. Works for any registration, a researcher's too; undeclared parameters are
     * listed without a range. A factory that cannot be built with its defaults is described by the reason.
     */
    public static <T> ComponentDescription describe(String kind, String name, ComponentFactory<T> factory) {
        Params params = Params.empty(name);
        try {
            factory.create(params);
        } catch (RuntimeException e) {
            return new ComponentDescription(kind, name, List.of(), List.of(),
                    "cannot be built with its defaults: " + e.getMessage());
        }
        return params.description(kind, factory.parameters());
    }

    /** Every component of {@code registry}, described ({@link #describe}), by name. */
    public static <T> List<ComponentDescription> describeAll(String kind, Map<String, ComponentFactory<T>> registry) {
        List<ComponentDescription> all = new java.util.ArrayList<>();
        new java.util.TreeMap<>(registry).forEach((name, factory) -> all.add(describe(kind, name, factory)));
        return all;
    }
}
