package org.altmin.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parameters of one component being built by its {@link ComponentFactory}, read by type: a number
 * ({@link #get}), an integer ({@link #getInt}), a switch ({@link #getBoolean}), an enum constant by name
 * ({@link #getEnum}) or a string ({@link #getString}). A value of the wrong type is rejected with an
 * {@link InvalidParameterException} naming the component, the parameter, the value found and what is accepted.
 * Every read records the value used, default or given, in its natural type (a double as a Double, an integer as a
 * whole number, a switch as a Boolean, an enum constant as its lower-case name), so that {@link #resolved()} is
 * the component's full spec with every default (written to the run directory), and {@link #checkAllUsed()} rejects
 * parameters that the component does not know, listing the ones it does.
 */
public final class Params {
    private final String component;
    private final ComponentSpec spec;
    private final Map<String, Object> used = new TreeMap<>();
    private final Map<String, ComponentSpec> usedParts = new TreeMap<>();
    /** Each parameter's type as read, in reading order (for {@link #description}). */
    private final Map<String, String> types = new LinkedHashMap<>();
    /** Each part's registry as read, in reading order (for {@link #description}). */
    private final Map<String, PartRead<?>> partsRead = new LinkedHashMap<>();

    private record PartRead<T>(String kind, String defaultName, Map<String, ComponentFactory<T>> registry) {}

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

    /**
     * A number parameter: any number given (an integral one too, e.g. {@code rho: 1}), or {@code defaultValue};
     * either way recorded as used, as a Double.
     *
     * @throws InvalidParameterException for a Boolean or a String, e.g. {@code "dlam.rho must be a number, found 'abc'"}
     */
    public double get(String key, double defaultValue) {
        Object given = spec.params().get(key);
        double value;
        if (given == null) {
            value = defaultValue;
        } else if (given instanceof Number number) {
            value = number.doubleValue();
        } else {
            throw invalid(key, given, "a number");
        }
        types.put(key, "number");
        used.put(key, value);
        return value;
    }

    /**
     * An integer parameter: an integral number (a whole number, or a floating one with an integral value such as
     * {@code 60.0}) within the range of {@code int}, or {@code defaultValue}; recorded as an integer.
     *
     * @throws InvalidParameterException for a non-integral number (e.g. 2.5), a Boolean or a String
     */
    public int getInt(String key, int defaultValue) {
        Object given = spec.params().get(key);
        int value;
        if (given == null) {
            value = defaultValue;
        } else if (given instanceof Number number && isIntegral(number)) {
            double real = number.doubleValue();
            if (real < Integer.MIN_VALUE || real > Integer.MAX_VALUE) {
                throw invalid(key, given, "an integer in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]");
            }
            value = number.intValue();
        } else {
            throw invalid(key, given, "an integer");
        }
        types.put(key, "integer");
        used.put(key, value);
        return value;
    }

    /**
     * A switch: {@code true} or {@code false} (a Boolean, or the string {@code "true"} or {@code "false"} in any
     * case), or {@code defaultValue}; recorded as a Boolean. Numbers, 0 and 1 included, are rejected.
     *
     * @throws InvalidParameterException for anything else, e.g. {@code "dlam.warmStart must be true or false, found 1"}
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        Object given = spec.params().get(key);
        boolean value;
        if (given == null) {
            value = defaultValue;
        } else if (given instanceof Boolean b) {
            value = b;
        } else if (given instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            value = Boolean.parseBoolean(text);
        } else {
            throw invalid(key, given, "true or false" + (given instanceof Number ? " (not a number such as 0 or 1)" : ""));
        }
        types.put(key, "true|false");
        used.put(key, value);
        return value;
    }

    /**
     * An enum constant by name: the constant's name in any case, with {@code '-'} and {@code '_'} equivalent (so
     * {@code he}, {@code HE} and {@code He} all name {@code HE}), or {@code defaultValue}; recorded as the constant's
     * lower-case name ({@code Enum.name()} in lower case). Numbers (ordinals) are rejected.
     *
     * @param defaultValue the default, not null (its class is the enum read)
     * @throws InvalidParameterException for a number, a Boolean or an unknown name, listing the known names in
     *                                   lower case, e.g. {@code "dlam.init must be one of he, xavier, unit (by name,
     *                                   not by number), found 1"}
     */
    public <E extends Enum<E>> E getEnum(String key, E defaultValue) {
        Objects.requireNonNull(defaultValue, "defaultValue");
        Class<E> type = defaultValue.getDeclaringClass();
        Object given = spec.params().get(key);
        E value = null;
        if (given == null) {
            value = defaultValue;
        } else if (given instanceof String text) {
            String wanted = canonical(text);
            for (E constant : type.getEnumConstants()) {
                if (canonical(constant.name()).equals(wanted)) {
                    value = constant;
                    break;
                }
            }
        }
        if (value == null) {
            String names = Arrays.stream(type.getEnumConstants()).map(Params::lowerCaseName)
                    .collect(Collectors.joining(", "));
            throw invalid(key, given, "one of " + names + (given instanceof String ? "" : " (by name, not by number)"));
        }
        types.put(key, Arrays.stream(type.getEnumConstants()).map(Params::lowerCaseName).collect(Collectors.joining("|")));
        used.put(key, lowerCaseName(value));
        return value;
    }

    /**
     * A string parameter, or {@code defaultValue}; recorded as used. Only a String is accepted: a number or a
     * Boolean (e.g. {@code --param name=123} on the command line, which parses as a number) is rejected; in YAML or
     * JSON, quote it.
     *
     * @throws InvalidParameterException for a number or a Boolean
     */
    public String getString(String key, String defaultValue) {
        Object given = spec.params().get(key);
        String value;
        if (given == null) {
            value = Objects.requireNonNull(defaultValue, "defaultValue");
        } else if (given instanceof String text) {
            value = text;
        } else {
            throw invalid(key, given, "a string");
        }
        types.put(key, "string");
        used.put(key, value);
        return value;
    }

    /**
     * Builds the part in {@code role} (e.g. DLAM's {@code "W"} block) from {@code registry}, by the name the spec
     * gives or {@code defaultName}; the part's resolved spec is recorded.
     */
    public <T> T part(String role, String defaultName, Map<String, ComponentFactory<T>> registry, String kind) {
        ComponentSpec partSpec = spec.parts().getOrDefault(role, ComponentSpec.of(defaultName));
        Registries.Resolved<T> resolved = Registries.resolve(kind, registry, partSpec);
        usedParts.put(role, resolved.spec());
        partsRead.put(role, new PartRead<>(kind, defaultName, registry));
        return resolved.component();
    }

    /**
     * What the factory read so far, as {@code altmin list} shows it: each parameter with its type, the value used
     * (the default, for parameters given no value) and what {@code declared} says of it; each part with every choice
     * of its registry, described in turn (see {@link Registries#describe}).
     */
    public ComponentDescription description(String kind, List<ParameterInfo> declared) {
        Map<String, ParameterInfo> byName = new LinkedHashMap<>();
        declared.forEach(info -> byName.put(info.name(), info));
        List<ComponentDescription.Parameter> parameters = new ArrayList<>();
        types.forEach((key, type) -> {
            ParameterInfo info = byName.get(key);
            parameters.add(new ComponentDescription.Parameter(key, type, used.get(key),
                    info != null ? info.range() : "", info != null ? info.description() : ""));
        });
        List<ComponentDescription.Part> parts = new ArrayList<>();
        partsRead.forEach((role, read) -> parts.add(part(role, read)));
        return new ComponentDescription(kind, spec.name(), parameters, parts, "");
    }

    private static <T> ComponentDescription.Part part(String role, PartRead<T> read) {
        List<ComponentDescription> choices = new ArrayList<>();
        new TreeMap<>(read.registry()).forEach((name, factory) ->
                choices.add(Registries.describe(read.kind(), name, factory)));
        return new ComponentDescription.Part(role, read.kind(), read.defaultName(), choices);
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

    /**
     * The full spec with every parameter that was read, typed as read (see the class comment; integers are held as
     * Longs, as in every {@link ComponentSpec}).
     */
    public ComponentSpec resolved() {
        return new ComponentSpec(spec.name(), Collections.unmodifiableMap(new LinkedHashMap<>(used)), usedParts);
    }

    private InvalidParameterException invalid(String key, Object given, String range) {
        return InvalidParameterException.of(component, key, ComponentSpec.describe(given), range);
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Long || number.doubleValue() == Math.rint(number.doubleValue())
                && Double.isFinite(number.doubleValue());
    }

    private static String canonical(String name) {
        return name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String lowerCaseName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
