package org.altmin.experiments.data;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.altmin.api.DataSpec;
import org.altmin.api.Seeds;
import org.altmin.api.TrainingData;

/**
 * Seeded Gaussian blobs for quick end-to-end runs: {@code classes} centers drawn from
 * {@code N(0, separation^2 I)} in {@code features} dimensions, samples {@code center + N(0, spread^2 I)},
 * classes balanced (sample i has class i mod classes). The same seed gives the same data on every machine.
 */
public final class SyntheticDataSet implements DataSet {
    public static final String NAME = "synthetic";
    public static final int DEFAULT_FEATURES = 10;
    public static final int DEFAULT_CLASSES = 3;
    public static final double DEFAULT_SPREAD = 1.0;
    public static final double DEFAULT_SEPARATION = 3.0;
    /** Sample counts used when the spec asks for "all" (0). */
    public static final int DEFAULT_TRAIN_SIZE = 600;
    public static final int DEFAULT_TEST_SIZE = 200;
    /** The label of this data set's random stream. */
    public static final String SEED_LABEL = "data.synthetic";

    private static final Set<String> OPTIONS = Set.of("features", "classes", "spread", "separation");

    @Override
    public LoadedData load(DataSpec spec, LoadContext context) {
        Map<String, String> options = spec.options();
        Options.checkKnown(NAME, options, OPTIONS);
        int features = Options.positiveInt(NAME, options, "features", DEFAULT_FEATURES);
        int classes = Options.positiveInt(NAME, options, "classes", DEFAULT_CLASSES);
        double spread = Options.positiveDouble(NAME, options, "spread", DEFAULT_SPREAD);
        double separation = Options.positiveDouble(NAME, options, "separation", DEFAULT_SEPARATION);
        int trainSize = spec.trainSize() > 0 ? spec.trainSize() : DEFAULT_TRAIN_SIZE;
        int testSize = spec.testSize() > 0 ? spec.testSize() : DEFAULT_TEST_SIZE;

        Random random = new Random(Seeds.split(context.seed(), SEED_LABEL));
        double[][] centers = new double[classes][features];
        for (double[] center : centers) {
            for (int f = 0; f < features; f++) {
                center[f] = separation * random.nextGaussian();
            }
        }
        HostMatrix x = new HostMatrix(features, trainSize, context.dtype());
        HostMatrix y = new HostMatrix(classes, trainSize, context.dtype());
        fill(x, y, trainSize, centers, spread, random);
        HostMatrix xTest = new HostMatrix(features, testSize, context.dtype());
        HostMatrix yTest = new HostMatrix(classes, testSize, context.dtype());
        fill(xTest, yTest, testSize, centers, spread, random);

        Map<String, String> resolvedOptions = new TreeMap<>();
        resolvedOptions.put("features", Integer.toString(features));
        resolvedOptions.put("classes", Integer.toString(classes));
        resolvedOptions.put("spread", Double.toString(spread));
        resolvedOptions.put("separation", Double.toString(separation));
        return new LoadedData(new TrainingData(x.toArray(), y.toArray(), xTest.toArray(), yTest.toArray()),
                new DataSpec(NAME, trainSize, testSize, null, resolvedOptions),
                IntStream.range(0, classes).mapToObj(Integer::toString).toList());
    }

    @Override
    public java.util.Optional<Footprint> footprint(DataSpec spec, LoadContext context) {
        Map<String, String> options = spec.options();
        Options.checkKnown(NAME, options, OPTIONS);
        long features = Options.positiveInt(NAME, options, "features", DEFAULT_FEATURES);
        long classes = Options.positiveInt(NAME, options, "classes", DEFAULT_CLASSES);
        long samples = (long) (spec.trainSize() > 0 ? spec.trainSize() : DEFAULT_TRAIN_SIZE)
                + (spec.testSize() > 0 ? spec.testSize() : DEFAULT_TEST_SIZE);
        long arrays = Footprint.times(Footprint.times(features + classes, samples), Footprint.bytes(context.dtype()));
        // The class centers (doubles) and the host copy of the arrays.
        long heap = Footprint.plus(Footprint.times(Footprint.times(classes, features), Double.BYTES), arrays);
        return java.util.Optional.of(new Footprint(heap, arrays, features + " features x " + samples + " samples "
                + context.dtype()));
    }

    private static void fill(HostMatrix x, HostMatrix y, int n, double[][] centers, double spread, Random random) {
        for (int i = 0; i < n; i++) {
            int label = i % centers.length;
            double[] center = centers[label];
            for (int f = 0; f < center.length; f++) {
                x.set(f, i, center[f] + spread * random.nextGaussian());
            }
            y.set(label, i, 1.0);
        }
    }
}
