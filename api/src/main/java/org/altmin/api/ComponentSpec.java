package org.altmin.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * A component chosen by name, with its numeric parameters and, for composite components such as an optimizer,
 * its named parts (e.g. DLAM's block updates: {@code parts: {W: {name: w-backtrack, params: {nu: 1}}}}).
 * No class names: names are looked up in the Guice registries ({@link Registries}).
 */
public record ComponentSpec(String name, Map<String, Double> params, Map<String, ComponentSpec> parts) {
    public ComponentSpec {
        if (name == null || name.isBlank()) {
            throw InvalidParameterException.of("ComponentSpec", "name", name, "a non-blank registered name");
        }
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        parts = parts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parts));
    }

    /** A component by name with default parameters. */
    public static ComponentSpec of(String name) {
        return new ComponentSpec(name, Map.of(), Map.of());
    }

    /** A component by name with the given parameters. */
    public static ComponentSpec of(String name, Map<String, Double> params) {
        return new ComponentSpec(name, params, Map.of());
    }

    /** A copy with one parameter set. */
    public ComponentSpec withParam(String key, double value) {
        Map<String, Double> copy = new TreeMap<>(params);
        copy.put(key, value);
        return new ComponentSpec(name, copy, parts);
    }

    /** A copy with one part set. */
    public ComponentSpec withPart(String role, ComponentSpec part) {
        Map<String, ComponentSpec> copy = new TreeMap<>(parts);
        copy.put(role, part);
        return new ComponentSpec(name, params, copy);
    }
}
