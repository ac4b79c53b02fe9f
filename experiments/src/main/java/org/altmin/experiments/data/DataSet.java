package org.altmin.experiments.data;

import org.altmin.api.DataSpec;

/**
 * A data set by name ({@code mnist}, {@code csv}, ...), registered in the Guice registry {@link DataSets}.
 * Implementations validate the spec, load samples as columns and one-hot labels, and report the spec they
 * actually used (every default filled in).
 */
@FunctionalInterface
public interface DataSet {
    /**
     * Loads the data set.
     *
     * @throws org.altmin.api.InvalidParameterException for a bad spec or a corrupt file
     * @throws DataUnavailableException when the data cannot be found or downloaded
     */
    LoadedData load(DataSpec spec, LoadContext context);

    /**
     * What {@link #load} will take, estimated without loading (from options, file headers or sizes), so that a run
     * that cannot fit is refused before it runs out of memory; empty when unknown (e.g. the files are not there yet).
     */
    /**
     * The files a load of {@code resolved} (the spec {@link #load} returned) read, for the run's provenance (their
     * SHA-256); empty for generated data.
     */
    default java.util.List<java.nio.file.Path> files(DataSpec resolved, LoadContext context) {
        return java.util.List.of();
    }

    default java.util.Optional<Footprint> footprint(DataSpec spec, LoadContext context) {
        return java.util.Optional.empty();
    }
}
