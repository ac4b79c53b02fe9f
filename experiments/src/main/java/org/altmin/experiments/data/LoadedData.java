package org.altmin.experiments.data;

import java.util.List;
import org.altmin.api.DataSpec;
import org.altmin.api.TrainingData;

/**
 * A loaded data set.
 *
 * @param data       samples as columns, one-hot labels
 * @param resolved   the spec with every default filled in (actual sizes, options used)
 * @param classNames the label of each output row, in order
 */
public record LoadedData(TrainingData data, DataSpec resolved, List<String> classNames) {
    public LoadedData {
        classNames = List.copyOf(classNames);
    }
}
