package org.altmin.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component chosen by name, with its typed parameters and, for composite components such as an optimizer,
 * its named parts (e.g. DLAM's block updates: {@code parts: {W: {name: w-backtrack, params: {nu: 1}}}}).
 * No class names: names are looked up in the Guice registries ({@link Registries}).
 *
 * <p><b>Parameter values</b> are of three kinds, normalised on construction so that a spec read from YAML equals
 * the same spec built in code:
 * <ul>
 *   <li>numbers: an integral type ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, a {@code BigInteger}
 *       in the range of {@code long}) is held as a {@link Long}; a floating type ({@code Double}, {@code Float},
 *       {@code BigDecimal}) as a {@link Double}, whatever its value ({@code 2.0} stays a Double, {@code 2} a
 *       Long). The reader decides what it needs: {@link Params#get} takes either, {@link Params#getInt} an
 *       integral value of either;</li>
 *   <li>{@link Boolean}s, e.g. {@code warmStart: false};</li>
 *   <li>{@link String}s, e.g. an enum constant by name, {@code init: he} (an {@link Enum} given in code is held as
 *       its lower-case name).</li>
 * </ul>
 * Anything else (null, a list, a map, ...) is rejected with an {@link InvalidParameterException} naming the
 * component, the parameter and the value.
 */
public record ComponentSpec(String name, Map<String, Object> params, Map<String, ComponentSpec> parts) {
    public ComponentSpec {
        if (name == null || name.isBlank()) {
            throw InvalidParameterException.of("ComponentSpec", "name", name, "a non-blank registered name");
        }
        params = params == null ? Map.of() : Collections.unmodifiableMap(normalised(name, params));
        parts = parts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(parts));
    }

    /** A component by name with default parameters. */
    public static ComponentSpec of(String name) {
        return new ComponentSpec(name, Map.of(), Map.of());
    }

    /** A component by name with the given parameters (numbers, booleans or strings; see the class comment). */
    @SuppressWarnings("unchecked") // only read, and every value is checked
    public static ComponentSpec of(String name, Map<String, ?> params) {
        return new ComponentSpec(name, (Map<String, Object>) params, Map.of());
    }

    /** A copy with one number parameter set (held as a Double). */
    public ComponentSpec withParam(String key, double value) {
        return withParam(key, (Object) value);
    }

    /** A copy with one integral parameter set (held as a Long). */
    public ComponentSpec withParam(String key, long value) {
        return withParam(key, (Object) value);
    }

    /** A copy with one switch set. */
    public ComponentSpec withParam(String key, boolean value) {
        return withParam(key, (Object) value);
    }

    /** A copy with one parameter set: a number, a Boolean, a String or an enum constant (see the class comment). */
    public ComponentSpec withParam(String key, Object value) {
        Map<String, Object> copy = new TreeMap<>(params);
        copy.put(key, value);
        return new ComponentSpec(name, copy, parts);
    }

    /** A copy with one part set. */
    public ComponentSpec withPart(String role, ComponentSpec part) {
        Map<String, ComponentSpec> copy = new TreeMap<>(parts);
        copy.put(role, part);
        return new ComponentSpec(name, params, copy);
    }

    /**
     * {@code value} as a parameter value: a Long, a Double, a Boolean or a String (see the class comment).
     *
     * @throws InvalidParameterException for any other value, naming {@code component}, {@code key} and the value
     */
    static Object parameterValue(String component, String key, Object value) {
        if (value instanceof Double || value instanceof Long || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof BigInteger integer && integer.bitLength() < Long.SIZE) {
            return integer.longValue();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        throw InvalidParameterException.of(component, key, describe(value),
                "a number, true or false, or a string" + (value instanceof BigInteger ? " (an integer within the "
                        + "range of a 64-bit long)" : ""));
    }

    /** A parameter value as messages show it: strings in single quotes, anything else as its text. */
    static String describe(Object value) {
        return value instanceof String || value instanceof Character ? "'" + value + "'" : String.valueOf(value);
    }

    private static TreeMap<String, Object> normalised(String component, Map<String, ?> params) {
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, ?> entry : params.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.isBlank()) {
                throw InvalidParameterException.of(component, "params", describe(key) + " as a parameter name",
                        "non-blank names");
            }
            out.put(key, parameterValue(component, key, entry.getValue()));
        }
        return out;
    }
}
