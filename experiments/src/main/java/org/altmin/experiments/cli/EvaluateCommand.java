package org.altmin.experiments.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.altmin.api.DataSpec;
import org.altmin.api.Evaluation;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.RunSpec;
import org.altmin.experiments.data.CsvDataSet;
import org.altmin.experiments.data.DataFetcher;
import org.altmin.experiments.data.DataSets;
import org.altmin.experiments.data.DataStore;
import org.altmin.experiments.data.LoadContext;
import org.altmin.experiments.data.LoadedData;
import org.altmin.experiments.model.Model;
import org.altmin.experiments.model.ModelInfo;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code altmin evaluate}: loads a run's saved model ({@link Model}) and prints its mean per-sample loss and its
 * accuracy on the training and test samples of a data set: by default the run's own data set (from its
 * {@code spec.yaml}, with the run's seed, so the numbers are the run's final ones), or the one the flags name.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the loss and accuracy of a run's saved model (model.npz, model.json) on a data set: "
                + "the run's own (from its spec.yaml) unless --dataset or --data-path names another.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "A run directory with model.npz and model.json.")
    Path model;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Data set (default: the run's): mnist, fashion-mnist, csv, synthetic, ...")
    String dataset;

    @Option(names = "--data-path", paramLabel = "FILE", description = "File of a file-based data set (csv; implies --dataset csv unless the run's is).")
    String dataPath;

    @Option(names = "--data-option", paramLabel = "KEY=VALUE", description = "Data set option, e.g. label=species (repeatable).")
    List<String> dataOptions = new ArrayList<>();

    @Option(names = "--train-size", paramLabel = "N", description = "Training samples, a seeded subset (0: all).")
    Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Test samples, a seeded subset (0: all).")
    Integer testSize;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of subsets and synthetic data (default: the run's).")
    Long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default $ALTMIN_DATA or ~/.altmin/data).")
    Path dataDir;

    @Option(names = "--no-fetch", description = "Fail instead of downloading a missing data set.")
    boolean noFetch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        ModelInfo info = Model.readInfo(model);
        Injector injector = Wiring.injector(info.modules());
        Model loaded = Model.load(model, injector);
        RunSpec run = runSpec();
        DataSpec data = dataSpec(run);
        long dataSeed = seed != null ? seed : run != null ? run.seed() : RunSpec.DEFAULT_SEED;
        LoadContext context = new LoadContext(loaded.dtype(), dataSeed,
                dataDir != null ? dataDir.toAbsolutePath() : DataStore.directory(),
                noFetch ? null : new DataFetcher(message -> {
                    PrintWriter err = commandSpec.commandLine().getErr();
                    err.println("altmin: " + message);
                    err.flush();
                }), message -> {});
        LoadedData loadedData = DataSets.load(injector.getInstance(Key.get(DataSets.MAP)), data, context);
        checkClasses(loaded, loadedData);
        Evaluation e = loaded.evaluate(loadedData.data());
        out.println("model " + model + ": widths " + loaded.network().widths() + ", " + loaded.dtype() + ", "
                + info.activation().name() + ", " + info.loss().name());
        out.println("data " + loadedData.resolved().name() + (loadedData.resolved().path() != null
                ? " " + loadedData.resolved().path() : ""));
        out.println(line("train", e.trainLoss(), e.trainAccuracy(), loadedData.data().samples()));
        if (loadedData.data().hasTest()) {
            out.println(line("test", e.testLoss(), e.testAccuracy(), (int) loadedData.data().xTest().columns()));
        }
        out.flush();
        return AltminCli.EXIT_OK;
    }

    private static String line(String split, double loss, double accuracy, int samples) {
        return String.format(Locale.ROOT, "%s: loss %.6f accuracy %.6f (%d samples)", split, loss, accuracy, samples);
    }

    /** The run's spec.yaml, or null where the flags name the data and the run has none. */
    private RunSpec runSpec() {
        Path file = model.resolve(RunDirectory.SPEC);
        if (Files.isRegularFile(file)) {
            return RunSpecIo.read(file);
        }
        if (dataset == null && dataPath == null) {
            throw new InvalidParameterException("evaluate", "dataset", "is needed: " + file + " is missing, so the "
                    + "run's data set is unknown (name one with --dataset or --data-path)");
        }
        return null;
    }

    /** The run's data spec with the flags applied (flags win; another data set name drops the run's options). */
    DataSpec dataSpec(RunSpec run) {
        DataSpec base = run != null ? run.data() : null;
        String name = dataset != null ? dataset
                : dataPath != null && (base == null || base.path() == null) ? CsvDataSet.NAME
                : base.name();
        boolean same = base != null && base.name().equals(name);
        Map<String, String> options = new TreeMap<>(same ? base.options() : Map.of());
        if (dataPath != null) {
            options.remove("test");
        }
        options.putAll(SpecOverrides.pairs("--data-option", dataOptions));
        return new DataSpec(name, trainSize != null ? trainSize : same ? base.trainSize() : 0,
                testSize != null ? testSize : same ? base.testSize() : 0,
                dataPath != null ? dataPath : same ? base.path() : null, options);
    }

    private static void checkClasses(Model model, LoadedData data) {
        if (data.data().features() != model.network().inputs()) {
            throw new InvalidParameterException("evaluate", "data", data.resolved().name() + " has "
                    + data.data().features() + " features, the model takes " + model.network().inputs());
        }
        if (data.data().outputs() != model.network().outputs()) {
            throw new InvalidParameterException("evaluate", "data", data.resolved().name() + " has "
                    + data.data().outputs() + " classes " + data.classNames() + ", the model has "
                    + model.network().outputs() + (model.classes().isEmpty() ? "" : " " + model.classes()));
        }
        if (!model.classes().isEmpty() && !data.classNames().equals(model.classes())) {
            throw new InvalidParameterException("evaluate", "data", data.resolved().name() + " has classes "
                    + data.classNames() + ", the model was trained on " + model.classes());
        }
    }
}
