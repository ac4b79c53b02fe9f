package org.altmin.experiments.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Seeds;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data options every data set takes, applied after it is loaded, in this order:
 * <ol>
 *   <li>{@code validation}: holds out part of the training set as a validation set, for tuning without looking at
 *       the test set: a fraction in (0, 1) ({@code 0.1}) or a count of samples ({@code 5000}), at least one sample
 *       on each side. The samples are a seeded random subset, {@code Seeds.split(master, "data.validation")}, so the
 *       same master seed always holds out the same ones;</li>
 *   <li>{@code scaling}: {@code none} (default), {@code standard} (each feature minus its mean, divided by its
 *       standard deviation) or {@code minmax} (each feature mapped to [0, 1]), fitted on the training split only
 *       (the validation and test sets get the training split's shift and scale, so nothing of them leaks into
 *       training). A constant feature keeps scale 1.</li>
 * </ol>
 * A data set never sees these two options ({@link #strip}); the resolved spec records them as given.
 */
public final class DataPreparation {
    /** The validation option: a fraction in (0, 1) or a sample count. */
    public static final String VALIDATION = "validation";
    /** The scaling option: none, standard or minmax. */
    public static final String SCALING = "scaling";
    public static final String DEFAULT_SCALING = "none";
    /** The label of the validation split's random stream. */
    public static final String SEED_LABEL = "data.validation";
    private static final Set<String> SCALINGS = Set.of("none", "standard", "minmax");

    private DataPreparation() {}

    /** The spec a data set loads: without the generic options. */
    public static DataSpec strip(DataSpec spec) {
        if (!spec.options().containsKey(VALIDATION) && !spec.options().containsKey(SCALING)) {
            return spec;
        }
        Map<String, String> options = new TreeMap<>(spec.options());
        options.remove(VALIDATION);
        options.remove(SCALING);
        return new DataSpec(spec.name(), spec.trainSize(), spec.testSize(), spec.path(), options);
    }

    /** Checks the generic options of {@code spec} before anything is loaded. */
    public static void check(DataSpec spec) {
        scaling(spec);
        String text = spec.options().get(VALIDATION);
        if (text != null) {
            validationCount(spec.name(), text, Integer.MAX_VALUE);
        }
    }

    /**
     * Applies {@code spec}'s generic options to what its data set loaded.
     *
     * @param seed the run's master seed
     */
    public static LoadedData apply(LoadedData loaded, DataSpec spec, long seed) {
        String scaling = scaling(spec);
        String validationText = spec.options().get(VALIDATION);
        if (validationText == null && scaling.equals(DEFAULT_SCALING)) {
            return loaded;
        }
        TrainingData data = loaded.data();
        INDArray x = data.x();
        INDArray y = data.y();
        INDArray xValidation = null;
        INDArray yValidation = null;
        if (validationText != null) {
            int n = data.samples();
            int count = validationCount(spec.name(), validationText, n);
            int[] held = Subsets.choose(spec.name(), VALIDATION, n, count,
                    new SplittableRandom(Seeds.split(seed, SEED_LABEL)));
            int[] kept = complement(held, n);
            xValidation = columns(x, held);
            yValidation = columns(y, held);
            x = columns(x, kept);
            y = columns(y, kept);
        }
        INDArray xTest = data.xTest();
        if (!scaling.equals(DEFAULT_SCALING)) {
            if (validationText == null) {
                x = x.dup('c'); // the loader's array stays as it was
            }
            INDArray shift;
            INDArray scale;
            long features = x.rows();
            if (scaling.equals("standard")) {
                shift = x.mean(1).reshape(features, 1);
                scale = x.std(false, 1).reshape(features, 1);
            } else {
                shift = x.min(1).reshape(features, 1);
                scale = x.max(1).reshape(features, 1).subi(shift);
            }
            // A constant feature: keep its scale (divide by 1), so it becomes 0 rather than NaN.
            scale.addi(scale.eq(0.0).castTo(scale.dataType()));
            x.subiColumnVector(shift).diviColumnVector(scale);
            if (xValidation != null) {
                xValidation.subiColumnVector(shift).diviColumnVector(scale);
            }
            if (xTest != null) {
                xTest = xTest.dup('c');
                xTest.subiColumnVector(shift).diviColumnVector(scale);
            }
        }
        TrainingData training = xTest == null ? new TrainingData(x, y) : new TrainingData(x, y, xTest, data.yTest());
        TrainingData validation = xValidation == null ? null : new TrainingData(xValidation, yValidation);
        Map<String, String> options = new TreeMap<>(loaded.resolved().options());
        if (validationText != null) {
            options.put(VALIDATION, validationText.strip());
        }
        if (spec.options().containsKey(SCALING)) {
            options.put(SCALING, scaling);
        }
        DataSpec resolved = loaded.resolved();
        return new LoadedData(training, new DataSpec(resolved.name(), resolved.trainSize(), resolved.testSize(),
                resolved.path(), options), loaded.classNames(), validation);
    }

    private static String scaling(DataSpec spec) {
        String text = spec.options().getOrDefault(SCALING, DEFAULT_SCALING).strip().toLowerCase(Locale.ROOT);
        if (!SCALINGS.contains(text)) {
            throw InvalidParameterException.of(spec.name(), SCALING, "'" + spec.options().get(SCALING) + "'",
                    "none, standard or minmax");
        }
        return text;
    }

    /** The number of samples {@code text} holds out of {@code n}: a fraction in (0, 1), or a count in [1, n - 1]. */
    static int validationCount(String component, String text, int n) {
        String t = text.strip();
        if (CsvRows.isInteger(t)) {
            int count = Integer.parseInt(t);
            if (count >= 1 && count <= n - 1) {
                return count;
            }
            throw InvalidParameterException.of(component, VALIDATION, "'" + text + "'", "a fraction in (0, 1) or a "
                    + "count in [1, " + (n == Integer.MAX_VALUE ? "N - 1" : Integer.toString(n - 1))
                    + "] (the training set has " + (n == Integer.MAX_VALUE ? "N" : Integer.toString(n)) + " samples)");
        }
        double fraction;
        try {
            fraction = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            fraction = Double.NaN;
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw InvalidParameterException.of(component, VALIDATION, "'" + text + "'",
                    "a fraction in (0, 1) or a sample count");
        }
        if (n == Integer.MAX_VALUE) {
            return 1;
        }
        int count = (int) Math.round(fraction * n);
        if (count < 1 || count > n - 1) {
            throw InvalidParameterException.of(component, VALIDATION, "'" + text + "'", "a fraction that leaves at "
                    + "least one sample on each side of " + n + " training samples (it holds out " + count + ")");
        }
        return count;
    }

    /** The chosen columns as a new C-order array (the layout every kernel expects). */
    private static INDArray columns(INDArray a, int[] chosen) {
        INDArray picked = a.getColumns(chosen);
        return picked.ordering() == 'c' ? picked : picked.dup('c');
    }

    /** The indices {@code 0..total-1} not in {@code sortedChosen} (ascending), in ascending order. */
    static int[] complement(int[] sortedChosen, int total) {
        int[] rest = new int[total - sortedChosen.length];
        int k = 0;
        int c = 0;
        for (int i = 0; i < total; i++) {
            if (c < sortedChosen.length && sortedChosen[c] == i) {
                c++;
            } else {
                rest[k++] = i;
            }
        }
        return Arrays.copyOf(rest, k);
    }
}
