package org.altmin.experiments.data;

import java.nio.file.Path;

/** Where downloaded data sets live: {@code $ALTMIN_DATA}, or {@code ~/.altmin/data}. */
public final class DataStore {
    /** The environment variable that overrides the data directory. */
    public static final String ENV = "ALTMIN_DATA";

    private DataStore() {}

    /** The data directory from the environment. */
    public static Path directory() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".altmin", "data").toAbsolutePath();
    }
}
