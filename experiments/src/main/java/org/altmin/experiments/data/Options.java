package org.altmin.experiments.data;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.altmin.api.InvalidParameterException;

/** Typed reads of {@link org.altmin.api.DataSpec#options()}, rejecting unknown keys (a typo is not ignored). */
final class Options {
    private Options() {}

    static void checkKnown(String component, Map<String, String> options, Set<String> known) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(component, String.join(",", unknown),
                    "is not an option of " + component + "; known options: " + new TreeSet<>(known));
        }
    }

    static int positiveInt(String component, Map<String, String> options, String key, int defaultValue) {
        String text = options.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidParameterException.of(component, key, "'" + text + "'", "an integer >= 1");
    }

    static double positiveDouble(String component, Map<String, String> options, String key, double defaultValue) {
        String text = options.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidParameterException.of(component, key, "'" + text + "'", "a finite number > 0");
    }
}
