package org.altmin.experiments.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;

/** Parsing of the repeatable {@code KEY=VALUE} flags of {@code altmin train}, with messages naming the flag. */
final class SpecOverrides {
    private static final String COMPONENT = "altmin train";

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

    /** {@code key=number} pairs. */
    static Map<String, Double> numbers(String flag, List<String> items) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs(flag, items).entrySet()) {
            out.put(pair.getKey(), number(flag, pair.getKey(), pair.getValue()));
        }
        return out;
    }

    private static double number(String flag, String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw InvalidParameterException.of(COMPONENT, flag + " " + key, "'" + text + "'", "a number");
        }
    }

    /**
     * The component of the config file, renamed by {@code name} (parameters and parts of the file are dropped when
     * the name changes: they belong to the other component) and with the flag parameters set.
     */
    static ComponentSpec component(ComponentSpec base, String name, Map<String, Double> params) {
        ComponentSpec spec = name == null || name.equals(base.name()) ? base : ComponentSpec.of(name);
        for (Map.Entry<String, Double> param : params.entrySet()) {
            spec = spec.withParam(param.getKey(), param.getValue());
        }
        return spec;
    }

    /** Sets parts ({@code ROLE=NAME}) and part parameters ({@code ROLE.KEY=NUMBER}) on an optimizer spec. */
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
                        "ROLE.KEY=NUMBER, e.g. W.nu=1");
            }
            String role = key.substring(0, dot);
            ComponentSpec part = spec.parts().get(role);
            if (part == null) {
                throw InvalidParameterException.of(COMPONENT, "--part-param", "'" + key + "'",
                        "a parameter of a part chosen with --part ROLE=NAME (or in --config); chosen parts: "
                                + spec.parts().keySet());
            }
            spec = spec.withPart(role, part.withParam(key.substring(dot + 1), number("--part-param", key, param.getValue())));
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
