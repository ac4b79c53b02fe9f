package org.altmin.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters of one component being built by its {@link ComponentFactory}. Every read records the value
 * used, default or given, so that {@link #resolved()} is the component's full spec with every default (written
 * to the run directory), and {@link #checkAllUsed()} rejects parameters that the component does not know,
 * listing the ones it does.
 */
public final class Params {
    private final String component;
    private final ComponentSpec spec;
    private final Map<String, Double> used = new TreeMap<>();
    private final Map<String, ComponentSpec> usedParts = new TreeMap<>();

    public Params(String component, ComponentSpec spec) {
        this.component = component;
        this.spec = spec;
    }

    /** Parameters for a component given only by name. */
    public static Params empty(String name) {
        return new Params(name, ComponentSpec.of(name));
    }

    /** The component's registered name (for messages). */
    public String component() {
        return component;
    }

    /** The value of {@code key}, or {@code defaultValue}; either way recorded as used. */
    public double get(String key, double defaultValue) {
        Double given = spec.params().get(key);
        double value = given != null ? given : defaultValue;
        used.put(key, value);
        return value;
    }

    /** An integer parameter; a non-integral value is rejected. */
    public int getInt(String key, int defaultValue) {
        double value = get(key, defaultValue);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw InvalidParameterException.of(component, key, value, "an integer");
        }
        return (int) value;
    }

    /** A boolean parameter given as 0 or 1. */
    public boolean getFlag(String key, boolean defaultValue) {
        double value = get(key, defaultValue ? 1 : 0);
        if (value != 0 && value != 1) {
            throw InvalidParameterException.of(component, key, value, "0 or 1");
        }
        return value == 1;
    }

    /**
     * Builds the part in {@code role} (e.g. DLAM's {@code "W"} block) from {@code registry}, by the name the spec
     * gives or {@code defaultName}; the part's resolved spec is recorded.
     */
    public <T> T part(String role, String defaultName, Map<String, ComponentFactory<T>> registry, String kind) {
        ComponentSpec partSpec = spec.parts().getOrDefault(role, ComponentSpec.of(defaultName));
        Registries.Resolved<T> resolved = Registries.resolve(kind, registry, partSpec);
        usedParts.put(role, resolved.spec());
        return resolved.component();
    }

    /** Rejects every given parameter or part that was never read. */
    public void checkAllUsed() {
        Set<String> unknown = new TreeSet<>(spec.params().keySet());
        unknown.removeAll(used.keySet());
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(component, String.join(",", unknown),
                    "is not a parameter of " + component + "; known parameters: " + used.keySet());
        }
        Set<String> unknownParts = new TreeSet<>(spec.parts().keySet());
        unknownParts.removeAll(usedParts.keySet());
        if (!unknownParts.isEmpty()) {
            throw new InvalidParameterException(component, String.join(",", unknownParts),
                    "is not a part of " + component + "; known parts: " + usedParts.keySet());
        }
    }

    /** The full spec with every default that was read. */
    public ComponentSpec resolved() {
        return new ComponentSpec(spec.name(), Collections.unmodifiableMap(new LinkedHashMap<>(used)), usedParts);
    }
}
