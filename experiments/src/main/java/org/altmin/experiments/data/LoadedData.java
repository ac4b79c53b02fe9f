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
 * @param validation the validation set held out from the training set (its {@code x} and {@code y}; no test part),
 *                   or null without one ({@link DataPreparation})
 */
public record LoadedData(TrainingData data, DataSpec resolved, List<String> classNames, TrainingData validation) {
    public LoadedData {
        classNames = List.copyOf(classNames);
    }

    /** A data set without a validation set. */
    public LoadedData(TrainingData data, DataSpec resolved, List<String> classNames) {
        this(data, resolved, classNames, null);
    }
}
