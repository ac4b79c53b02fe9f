package org.altmin.experiments.data;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An MNIST-format data set (MNIST, Fashion-MNIST): 28 x 28 images of 10 classes in IDX files. Pixels are scaled
 * to [0, 1], each image is one column of {@code x} (784 x N), labels are one-hot columns of {@code y} (10 x N).
 * A missing data set is fetched first when the context allows it.
 */
public final class IdxDataSet implements DataSet {
    /** MNIST and Fashion-MNIST have ten classes, labelled 0..9. */
    public static final int CLASSES = 10;
    private static final double PIXEL_SCALE = 255.0;

    private final DataPackage pkg;

    public IdxDataSet(DataPackage pkg) {
        this.pkg = pkg;
    }

    @Override
    public LoadedData load(DataSpec spec, LoadContext context) {
        if (!spec.options().isEmpty()) {
            throw InvalidParameterException.of(pkg.name(), "options", spec.options(), "empty (" + pkg.name()
                    + " has no options)");
        }
        if (spec.path() != null) {
            throw InvalidParameterException.of(pkg.name(), "path", spec.path(), "unset (" + pkg.name()
                    + " is read from the data directory: --data-dir or $" + DataStore.ENV + ")");
        }
        Path directory = context.dataDirectory().resolve(pkg.name());
        String problem = DataFetcher.problem(pkg, context.dataDirectory());
        if (problem != null) {
            if (context.fetcher() == null) {
                throw new DataUnavailableException(pkg.name() + ": " + problem + "; run 'altmin fetch --dataset "
                        + pkg.name() + (problem.endsWith(" is missing") ? "" : " --force") + "' to fetch it again");
            }
            context.fetcher().ensure(pkg, context.dataDirectory());
        }
        DataPackage.IdxFiles files = pkg.files();
        IdxFile trainImages = IdxReader.readImages(directory.resolve(files.trainImages()));
        IdxFile trainLabels = IdxReader.readLabels(directory.resolve(files.trainLabels()));
        IdxFile testImages = IdxReader.readImages(directory.resolve(files.testImages()));
        IdxFile testLabels = IdxReader.readLabels(directory.resolve(files.testLabels()));
        checkPair(trainImages, trainLabels, directory.resolve(files.trainLabels()));
        checkPair(testImages, testLabels, directory.resolve(files.testLabels()));

        SplittableRandom random = Subsets.stream(context.seed());
        int[] train = Subsets.choose(pkg.name(), "trainSize", trainImages.count(), spec.trainSize(), random);
        int[] test = Subsets.choose(pkg.name(), "testSize", testImages.count(), spec.testSize(), random);
        TrainingData data = new TrainingData(
                features(trainImages, train, context.dtype()), oneHot(trainLabels, train, CLASSES, context.dtype()),
                features(testImages, test, context.dtype()), oneHot(testLabels, test, CLASSES, context.dtype()));
        DataSpec resolved = new DataSpec(spec.name(), train.length, test.length, null, spec.options());
        return new LoadedData(data, resolved, IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList());
    }

    /** The four IDX files in the data directory. */
    @Override
    public List<Path> files(DataSpec resolved, LoadContext context) {
        Path directory = context.dataDirectory().resolve(pkg.name());
        return pkg.files().all().stream().map(directory::resolve).toList();
    }

    /** From the IDX headers of the files present; empty while they are missing or corrupt (to be fetched). */
    @Override
    public java.util.Optional<Footprint> footprint(DataSpec spec, LoadContext context) {
        Path directory = context.dataDirectory().resolve(pkg.name());
        DataPackage.IdxFiles files = pkg.files();
        int[] train;
        int[] test;
        try {
            train = IdxReader.dims(directory.resolve(files.trainImages()));
            test = IdxReader.dims(directory.resolve(files.testImages()));
        } catch (InvalidParameterException e) {
            return java.util.Optional.empty();
        }
        long pixels = (long) train[1] * train[2];
        long trainN = spec.trainSize() > 0 ? Math.min(spec.trainSize(), train[0]) : train[0];
        long testN = spec.testSize() > 0 ? Math.min(spec.testSize(), test[0]) : test[0];
        long raw = (train[0] + (long) test[0]) * (pixels + 1);
        long arrays = (pixels + CLASSES) * (trainN + testN) * Footprint.bytes(context.dtype());
        return java.util.Optional.of(new Footprint(raw + arrays, arrays, pkg.name() + " " + pixels + " x " + trainN
                + " + " + pixels + " x " + testN + " " + context.dtype()));
    }

    private static void checkPair(IdxFile images, IdxFile labels, Path labelFile) {
        if (labels.count() != images.count()) {
            throw new InvalidParameterException("IdxDataSet", "labels", "of " + labelFile + ": count must be "
                    + images.count() + " (the number of images), found " + labels.count());
        }
        for (int i = 0; i < labels.count(); i++) {
            if (labels.unsigned(i, 0) >= CLASSES) {
                throw new InvalidParameterException("IdxDataSet", "labels", "of " + labelFile + ": label " + i
                        + " must be in [0, " + (CLASSES - 1) + "], found " + labels.unsigned(i, 0));
            }
        }
    }

    /** Samples per block of the transposing copy: 64 images of 784 bytes stay in L1/L2 while their columns fill. */
    private static final int BLOCK = 64;

    /**
     * The chosen images as columns, pixels / 255. The file holds images as rows; the copy goes block by block
     * so that both the reads (BLOCK images) and the writes (BLOCK adjacent columns of each pixel row) stay in cache.
     */
    static INDArray features(IdxFile images, int[] chosen, DataType dtype) {
        int pixels = images.itemSize();
        int n = chosen.length;
        byte[] bytes = images.data();
        // In double, so that DOUBLE data is exact to double precision (v / 255 rounded once).
        double[] scale = new double[256];
        float[] scaleFloat = new float[256];
        for (int v = 0; v < 256; v++) {
            scale[v] = v / PIXEL_SCALE;
            scaleFloat[v] = (float) scale[v];
        }
        HostMatrix x = new HostMatrix(pixels, n, dtype);
        float[] floats = x.floats();
        double[] doubles = x.doubles();
        for (int j0 = 0; j0 < n; j0 += BLOCK) {
            int j1 = Math.min(n, j0 + BLOCK);
            for (int p = 0; p < pixels; p++) {
                int row = p * n;
                if (floats != null) {
                    for (int j = j0; j < j1; j++) {
                        floats[row + j] = scaleFloat[bytes[chosen[j] * pixels + p] & 0xFF];
                    }
                } else {
                    for (int j = j0; j < j1; j++) {
                        doubles[row + j] = scale[bytes[chosen[j] * pixels + p] & 0xFF];
                    }
                }
            }
        }
        return x.toArray();
    }

    /** The chosen labels as one-hot columns. */
    static INDArray oneHot(IdxFile labels, int[] chosen, int classes, DataType dtype) {
        HostMatrix y = new HostMatrix(classes, chosen.length, dtype);
        for (int j = 0; j < chosen.length; j++) {
            y.set(labels.unsigned(chosen[j], 0), j, 1.0);
        }
        return y.toArray();
    }

    /** The names of the files this data set reads, for messages. */
    public List<String> fileNames() {
        return pkg.files().all();
    }
}
