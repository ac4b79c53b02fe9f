package org.altmin.api;

/**
 * Which data set to train on.
 *
 * @param name      a registered data set name: {@code mnist}, {@code fashion-mnist}, {@code csv}, ...
 * @param trainSize training samples to use (a seeded subset); 0 for all
 * @param testSize  test samples to use; 0 for all
 * @param path      a file or directory for file-based data sets ({@code csv}); null otherwise
 */
public record DataSpec(String name, int trainSize, int testSize, String path) {
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
    }

    public static DataSpec of(String name) {
        return new DataSpec(name, 0, 0, null);
    }
}
