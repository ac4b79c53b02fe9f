package org.altmin.experiments.data;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a {@link DataSet} needs besides its {@link org.altmin.api.DataSpec}.
 *
 * @param dtype         FLOAT or DOUBLE
 * @param seed          the run's master seed; subsets use {@code Seeds.split(seed, "data.subset")}
 * @param dataDirectory where downloaded data sets live ({@link DataStore#directory()})
 * @param fetcher       downloads a missing data set; null to fail instead of downloading
 * @param log           progress messages for the user
 */
public record LoadContext(DataType dtype, long seed, Path dataDirectory, DataFetcher fetcher, Consumer<String> log) {
    public LoadContext {
        log = log != null ? log : message -> {};
    }
}
