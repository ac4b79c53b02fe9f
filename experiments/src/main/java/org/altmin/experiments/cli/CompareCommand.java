package org.altmin.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.altmin.experiments.compare.ComparePlot;
import org.altmin.experiments.compare.Comparison;
import org.altmin.experiments.compare.RunRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code altmin compare RUN_DIR...}: overlays the runs' curves of one {@code metrics.csv} column in
 * {@code compare-<metric>.png} and {@code .svg} and prints their table (the metric at chosen iterations, the final
 * value and the status). Every input is read and checked, and both figures rendered, before any file is written; bad
 * input exits {@value AltminCli#EXIT_BAD_INPUT} with one message naming the file.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Overlay runs' curves of one metric (compare-<metric>.png and .svg) and print their table: the "
                + "metric at chosen iterations, the final value and the status.")
public final class CompareCommand implements Callable<Integer> {
    /** The default metric. */
    public static final String DEFAULT_METRIC = "test_accuracy";

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (each with spec.yaml, "
            + "metrics.csv and summary.json).")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = DEFAULT_METRIC,
            description = "Any metrics.csv column, e.g. objective, train_loss, W_1_step_sq (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where compare-<metric>.png and .svg go (default: the current directory).")
    Path output;

    @Option(names = "--at", paramLabel = "K,K,...", split = ",",
            description = "Iterations (or epochs) for the table (default: 10,50,100,200, those that some run has).")
    List<Integer> at;

    @Option(names = "--labels", paramLabel = "A,B,...", split = ",",
            description = "One label per run (default: the optimizer and the settings that differ between the runs).")
    List<String> labels;

    @Option(names = "--log", description = "Log y axis (default: log when every value is positive and they span more "
            + "than two decades).")
    boolean forceLog;

    @Option(names = "--linear", description = "Linear y axis.")
    boolean forceLinear;

    @Option(names = "--csv", description = "Print the table as CSV (full precision, with the run directories).")
    boolean csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Bad input: one message, exit code 2. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return compare(out, err);
        } catch (BadInput | RunRecord.BadRunException e) {
            err.println("altmin compare: " + e.getMessage());
            err.flush();
            return AltminCli.EXIT_BAD_INPUT;
        }
    }

    private int compare(PrintWriter out, PrintWriter err) {
        if (forceLog && forceLinear) {
            throw new BadInput("--log and --linear exclude each other");
        }
        if (metric.isBlank() || metric.matches(".*[/\\\\].*")) {
            throw new BadInput("--metric '" + metric + "' is not a metrics.csv column name");
        }
        if (labels != null && labels.size() != runs.size()) {
            throw new BadInput("--labels has " + labels.size() + " labels for " + runs.size() + " runs");
        }
        if (at != null && at.stream().anyMatch(k -> k == null || k < 0)) {
            throw new BadInput("--at " + at + ": iterations must be >= 0");
        }
        List<RunRecord> records = new ArrayList<>();
        for (Path run : runs) {
            records.add(RunRecord.read(run));
        }
        if (records.stream().noneMatch(r -> r.has(metric))) {
            Set<String> known = new LinkedHashSet<>();
            records.forEach(r -> known.addAll(r.columns().keySet()));
            throw new BadInput("no run has the metric '" + metric + "' in its metrics.csv (" + runs.get(0)
                    .resolve("metrics.csv") + (runs.size() > 1 ? ", ..." : "") + "); columns: "
                    + String.join(", ", known));
        }
        Comparison comparison = new Comparison(records, metric,
                labels != null ? labels : Comparison.defaultLabels(records));
        if (!comparison.hasFinitePoint()) {
            throw new BadInput("no run has a finite value of '" + metric + "' to plot");
        }
        Path directory = (output != null ? output : Path.of("")).toAbsolutePath();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new BadInput("--output " + directory + " is not a directory");
        }
        boolean log = forceLog || !forceLinear && comparison.spansDecades();
        ComparePlot plot = new ComparePlot(comparison, log);
        if (plot.seriesCount() == 0) {
            throw new BadInput("no run has a positive value of '" + metric + "' for a log scale");
        }
        byte[] png = plot.png();
        byte[] svg = plot.svg();
        List<Integer> steps = comparison.present(at != null ? at : Comparison.DEFAULT_AT);
        if (at != null && steps.size() < at.size()) {
            List<Integer> missing = at.stream().filter(k -> !steps.contains(k)).toList();
            err.println("altmin compare: no run has " + String.join(" or ", comparison.units()) + " " + missing
                    + "; left out of the table");
        }
        for (RunRecord r : records) {
            if (!r.has(metric)) {
                err.println("altmin compare: " + r.directory().resolve("metrics.csv") + " has no column '" + metric
                        + "'; that run is left out of the figure");
            }
        }

        String base = "compare-" + metric.replaceAll("[^A-Za-z0-9._-]", "_");
        Path pngFile = directory.resolve(base + ".png");
        Path svgFile = directory.resolve(base + ".svg");
        try {
            Files.createDirectories(directory);
            writeAtomically(pngFile, png);
            writeAtomically(svgFile, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the figures into " + directory, e);
        }

        List<List<String>> table = comparison.table(steps, csv);
        if (csv) {
            out.print(csv(table));
        } else {
            out.println(metric + (log ? " (figures on a log scale)" : ""));
            out.print(Comparison.text(table));
        }
        out.flush();
        err.println("altmin compare: wrote " + pngFile + " and " + svgFile);
        err.flush();
        return AltminCli.EXIT_OK;
    }

    static String csv(List<List<String>> table) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            for (List<String> row : table) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes {@code bytes} to a temporary file beside {@code file}, then moves it into place. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        org.altmin.experiments.model.AtomicWrite.write(file, bytes);
    }
}
