package org.altmin.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which data set to train on.
 *
 * @param name      a registered data set name: {@code mnist}, {@code fashion-mnist}, {@code csv}, ...
 * @param trainSize training samples to use (a seeded subset); 0 for all
 * @param testSize  test samples to use; 0 for all
 * @param path      a file or directory for file-based data sets ({@code csv}); null otherwise
 * @param options   data-set specific settings by name, e.g. {@code label: species} for {@code csv} or
 *                  {@code features: 20} for {@code synthetic}; never null (empty when none)
 */
public record DataSpec(String name, int trainSize, int testSize, String path, Map<String, String> options) {
    public static final String DEFAULT_NAME = "mnist";

    public DataSpec {
        if (name == null || name.isBlank()) {
            name = DEFAULT_NAME;
        }
        if (trainSize < 0) {
            throw InvalidParameterException.of("DataSpec", "trainSize", trainSize, ">= 0 (0 for all)");
        }
        if (testSize < 0) {
            throw InvalidParameterException.of("DataSpec", "testSize", testSize, ">= 0 (0 for all)");
        }
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** A data set without options. */
    public DataSpec(String name, int trainSize, int testSize, String path) {
        this(name, trainSize, testSize, path, Map.of());
    }

    public static DataSpec of(String name) {
        return new DataSpec(name, 0, 0, null);
    }

    /** A copy with one option set. */
    public DataSpec withOption(String key, String value) {
        Map<String, String> copy = new TreeMap<>(options);
        copy.put(key, value);
        return new DataSpec(name, trainSize, testSize, path, copy);
    }
}
