package org.altmin.experiments.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;

/** Parsing of the repeatable {@code KEY=VALUE} flags of {@code altmin train}, with messages naming the flag. */
final class SpecOverrides {
    private static final String COMPONENT = "altmin train";

    /** A decimal number: an optional sign, digits with an optional fraction (or a fraction alone), an exponent. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private SpecOverrides() {}

    /** {@code key=value} pairs in order; a later key wins. */
    static Map<String, String> pairs(String flag, List<String> items) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw InvalidParameterException.of(COMPONENT, flag, "'" + item + "'", "KEY=VALUE");
            }
            out.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
        }
        return out;
    }

    /** {@code key=value} pairs with typed values (see {@link #value}). */
    static Map<String, Object> values(String flag, List<String> items) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs(flag, items).entrySet()) {
            out.put(pair.getKey(), value(pair.getValue()));
        }
        return out;
    }

    /**
     * A parameter value from the command line: a number if the text is one (an integer such as {@code 60} as a
     * Long, anything else such as {@code 0.5} or {@code 1e-3} as a Double), {@code true} or {@code false} (in any
     * case) as a Boolean, else the text itself as a String (e.g. an enum constant's name, {@code init=he}). Whether
     * the type fits is the component's to say when it reads the parameter (see {@link org.altmin.api.Params}).
     */
    static Object value(String text) {
        if (INTEGER.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException beyondLong) {
                return Double.parseDouble(text);
            }
        }
        if (NUMBER.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        return text;
    }

    /**
     * The component of the config file, renamed by {@code name} (parameters and parts of the file are dropped when
     * the name changes: they belong to the other component) and with the flag parameters set.
     */
    static ComponentSpec component(ComponentSpec base, String name, Map<String, ?> params) {
        ComponentSpec spec = name == null || name.equals(base.name()) ? base : ComponentSpec.of(name);
        for (Map.Entry<String, ?> param : params.entrySet()) {
            spec = spec.withParam(param.getKey(), param.getValue());
        }
        return spec;
    }

    /** Sets parts ({@code ROLE=NAME}) and part parameters ({@code ROLE.KEY=VALUE}, typed as by {@link #value}). */
    static ComponentSpec parts(ComponentSpec optimizer, List<String> partFlags, List<String> partParamFlags) {
        ComponentSpec spec = optimizer;
        for (Map.Entry<String, String> part : pairs("--part", partFlags).entrySet()) {
            ComponentSpec existing = spec.parts().get(part.getKey());
            spec = spec.withPart(part.getKey(), existing != null && existing.name().equals(part.getValue())
                    ? existing : ComponentSpec.of(part.getValue()));
        }
        for (Map.Entry<String, String> param : pairs("--part-param", partParamFlags).entrySet()) {
            String key = param.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw InvalidParameterException.of(COMPONENT, "--part-param", "'" + key + "=" + param.getValue() + "'",
                        "ROLE.KEY=VALUE, e.g. W.nu=1");
            }
            String role = key.substring(0, dot);
            ComponentSpec part = spec.parts().get(role);
            if (part == null) {
                throw InvalidParameterException.of(COMPONENT, "--part-param", "'" + key + "'",
                        "a parameter of a part chosen with --part ROLE=NAME (or in --config); chosen parts: "
                                + spec.parts().keySet());
            }
            spec = spec.withPart(role, part.withParam(key.substring(dot + 1), value(param.getValue())));
        }
        return spec;
    }

    /** Hidden widths from {@code 100,100}; {@code none} or an empty string for no hidden layer. */
    static List<Integer> widths(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Integer> widths = new ArrayList<>();
        for (String part : trimmed.split(",")) {
            try {
                int width = Integer.parseInt(part.strip());
                if (width < 1) {
                    throw new NumberFormatException();
                }
                widths.add(width);
            } catch (NumberFormatException e) {
                throw InvalidParameterException.of(COMPONENT, "--widths", "'" + text + "'",
                        "comma-separated integers >= 1 (e.g. 100,100), or none");
            }
        }
        return widths;
    }
}
