package org.altmin.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.data.CsvRows;
import org.altmin.experiments.model.AtomicWrite;
import org.altmin.experiments.model.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code altmin predict}: loads a run's saved model ({@link Model}) and writes its predictions for the rows of a CSV
 * file of features: one row per sample, {@code class} (the predicted class's label) and the outputs
 * {@code z_<label>} of every class, with a header.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a run's saved model's predictions for the rows of a CSV of features: a CSV with a header, "
                + "one row per sample: the predicted class, then the network's output z_<class> for each class.")
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "A run directory with model.npz and model.json.")
    Path model;

    @Option(names = "--data-path", required = true, paramLabel = "FILE",
            description = "CSV file, one sample per row, the model's input features as columns (a header row is allowed).")
    Path dataPath;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the predictions (default: standard output).")
    Path output;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "A column to ignore (e.g. the label of a training file): its header name or 0-based index.")
    String label;

    @Option(names = "--delimiter", paramLabel = "TEXT", defaultValue = ",", description = "Field delimiter (default '${DEFAULT-VALUE}').")
    String delimiter;

    @Option(names = "--header", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (default: a first row that is not all numbers is a header), true or false.")
    String header;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        Model loaded = Model.load(model);
        INDArray x = features(loaded.network().inputs(), loaded.dtype());
        INDArray z = loaded.predict(x);
        int[] predicted = Model.argmax(z);
        String csv = csv(loaded, z, predicted);
        if (output == null) {
            PrintWriter out = commandSpec.commandLine().getOut();
            out.print(csv);
            out.flush();
        } else {
            Path target = output.toAbsolutePath();
            if (Files.isDirectory(target) || target.getParent() == null || !Files.isDirectory(target.getParent())) {
                throw InvalidParameterException.of("predict", "output", output,
                        "a file in an existing directory");
            }
            try {
                AtomicWrite.write(target, csv.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + output, e);
            }
            PrintWriter err = commandSpec.commandLine().getErr();
            err.println("altmin: " + predicted.length + " predictions in " + output);
            err.flush();
        }
        return AltminCli.EXIT_OK;
    }

    private static String csv(Model model, INDArray z, int[] predicted) {
        int outputs = (int) z.rows();
        List<String> classes = model.classes().isEmpty()
                ? java.util.stream.IntStream.range(0, outputs).mapToObj(Integer::toString).toList() : model.classes();
        StringBuilder text = new StringBuilder("class");
        for (String c : classes) {
            text.append(',').append(quote("z_" + c));
        }
        text.append('\n');
        boolean single = model.dtype() == DataType.FLOAT;
        double[] values = z.dup('c').data().asDouble();
        int n = predicted.length;
        for (int j = 0; j < n; j++) {
            text.append(quote(classes.get(predicted[j])));
            for (int k = 0; k < outputs; k++) {
                double v = values[k * n + j];
                text.append(',').append(single ? Float.toString((float) v) : Double.toString(v));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /** The CSV's feature rows as {@code features x N} columns. */
    private INDArray features(int inputs, DataType dtype) {
        String mode = header.strip().toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "true", "false").contains(mode)) {
            throw InvalidParameterException.of("predict", "header", "'" + header + "'", "auto, true or false");
        }
        if (delimiter.isEmpty()) {
            throw InvalidParameterException.of("predict", "delimiter", "''", "a non-empty string");
        }
        CsvRows read = CsvRows.read(dataPath, delimiter, "predict", "data-path");
        List<String[]> rows = read.rows();
        List<Integer> lineNumbers = read.lines();
        String[] first = rows.get(0);
        int columns = first.length;
        int skip = skipColumn(first, mode);
        boolean hasHeader = switch (mode) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                boolean numeric = true;
                for (int c = 0; c < first.length; c++) {
                    numeric &= c == skip || CsvRows.isNumber(first[c]);
                }
                yield !numeric || (label != null && !CsvRows.isInteger(label));
            }
        };
        int features = skip >= 0 ? columns - 1 : columns;
        if (features != inputs) {
            throw new InvalidParameterException("predict", "data-path", dataPath + " has " + features
                    + " feature columns" + (skip >= 0 ? " (besides --label " + label + ")" : "") + ", the model takes "
                    + inputs + (skip < 0 && features == inputs + 1 ? " (name a label column to ignore with --label)" : ""));
        }
        int start = hasHeader ? 1 : 0;
        int n = rows.size() - start;
        if (n < 1) {
            throw InvalidParameterException.of("predict", "data-path", dataPath, "a CSV file with at least one data row");
        }
        double[] values = new double[inputs * n];
        for (int r = start; r < rows.size(); r++) {
            String[] fields = rows.get(r);
            int line = lineNumbers.get(r);
            if (fields.length != columns) {
                throw new InvalidParameterException("predict", "data-path", dataPath + " line " + line + " must have "
                        + columns + " columns, found " + fields.length);
            }
            int f = 0;
            for (int c = 0; c < columns; c++) {
                if (c == skip) {
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(fields[c]);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v)) {
                    throw new InvalidParameterException("predict", "data-path", dataPath + " line " + line
                            + ", column " + (c + 1) + (hasHeader ? " (" + first[c] + ")" : "")
                            + " must be a finite number, found '" + fields[c] + "'");
                }
                values[f++ * n + (r - start)] = v;
            }
        }
        INDArray x = Nd4j.create(values, new long[] {inputs, n}, 'c');
        return x.dataType() == dtype ? x : x.castTo(dtype);
    }

    /** The 0-based index of the {@code --label} column, or -1 without one. */
    private int skipColumn(String[] first, String mode) {
        if (label == null || label.isBlank()) {
            return -1;
        }
        if (CsvRows.isInteger(label)) {
            int index = Integer.parseInt(label.strip());
            if (index < 0 || index >= first.length) {
                throw InvalidParameterException.of("predict", "label", index, "a column index in [0, "
                        + (first.length - 1) + "] of " + dataPath);
            }
            return index;
        }
        if (mode.equals("false")) {
            throw InvalidParameterException.of("predict", "label", "'" + label + "'",
                    "a column index (--header false: the file has no header row)");
        }
        for (int c = 0; c < first.length; c++) {
            if (first[c].equals(label)) {
                return c;
            }
        }
        throw InvalidParameterException.of("predict", "label", "'" + label + "'",
                "a column of " + dataPath + ": one of " + List.of(first));
    }
}
