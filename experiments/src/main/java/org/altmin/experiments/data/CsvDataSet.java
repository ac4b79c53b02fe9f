package org.altmin.experiments.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A classification data set from a delimited text file: numeric feature columns and one label column, chosen by
 * header name or 0-based index (default: the last column). Classes are the distinct labels of the training file,
 * ordered numerically when they are all numbers, else lexicographically. Every feature must be a finite
 * number; a bad cell is reported with its row and column.
 *
 * <p>Options: {@code label} (name or index), {@code header} ({@code auto} (default): a first row whose
 * feature cells are not all numbers is a header; {@code true}; {@code false}), {@code delimiter} (default
 * {@code ,}), {@code test} (a second file with the test samples). Without a {@code test} file, a positive
 * {@code testSize} holds out that many seeded random rows of the file as the test set.
 */
public final class CsvDataSet implements DataSet {
    public static final String NAME = "csv";
    public static final String DEFAULT_DELIMITER = ",";
    public static final String DEFAULT_HEADER = "auto";
    private static final Set<String> OPTIONS = Set.of("label", "header", "delimiter", "test");

    @Override
    public LoadedData load(DataSpec spec, LoadContext context) {
        Map<String, String> options = spec.options();
        Options.checkKnown(NAME, options, OPTIONS);
        if (spec.path() == null || spec.path().isBlank()) {
            throw InvalidParameterException.of(NAME, "path", spec.path(), "a CSV file (--data-path FILE)");
        }
        String delimiter = options.getOrDefault("delimiter", DEFAULT_DELIMITER);
        if (delimiter.isEmpty()) {
            throw InvalidParameterException.of(NAME, "delimiter", "''", "a non-empty string");
        }
        String header = options.getOrDefault("header", DEFAULT_HEADER).strip().toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("auto", "true", "false").contains(header)) {
            throw InvalidParameterException.of(NAME, "header", "'" + header + "'", "auto, true or false");
        }
        String label = options.get("label");

        Path path = absolute(spec.path());
        Path testPath = options.containsKey("test") ? absolute(options.get("test")) : null;
        Table table = Table.read(path, delimiter, header, label, context.dtype());
        Table testTable = testPath != null ? Table.read(testPath, delimiter, header, label, context.dtype()) : null;
        if (testTable != null && testTable.features() != table.features()) {
            throw InvalidParameterException.of(NAME, "test", options.get("test") + " with " + testTable.features()
                    + " feature columns", table.features() + " feature columns like " + spec.path());
        }
        List<String> classes = classes(table.labels);
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }

        SplittableRandom random = Subsets.stream(context.seed());
        int[] trainRows;
        int[] testRows;
        Table testSource;
        if (testTable != null) {
            trainRows = Subsets.choose(NAME, "trainSize", table.rows(), spec.trainSize(), random);
            testRows = Subsets.choose(NAME, "testSize", testTable.rows(), spec.testSize(), random);
            testSource = testTable;
        } else if (spec.testSize() > 0) {
            if (spec.testSize() >= table.rows()) {
                throw InvalidParameterException.of(NAME, "testSize", spec.testSize(),
                        "< " + table.rows() + " (rows of " + spec.path() + "; the rest are for training)");
            }
            int[] held = Subsets.choose(NAME, "testSize", table.rows(), spec.testSize(), random);
            int[] rest = DataPreparation.complement(held, table.rows());
            int[] pick = Subsets.choose(NAME, "trainSize", rest.length, spec.trainSize(), random);
            trainRows = new int[pick.length];
            for (int i = 0; i < pick.length; i++) {
                trainRows[i] = rest[pick[i]];
            }
            testRows = held;
            testSource = table;
        } else {
            trainRows = Subsets.choose(NAME, "trainSize", table.rows(), spec.trainSize(), random);
            testRows = null;
            testSource = null;
        }

        DataType dtype = context.dtype();
        TrainingData data = testRows == null
                ? new TrainingData(table.x(trainRows, dtype), table.y(trainRows, classIndex, dtype))
                : new TrainingData(table.x(trainRows, dtype), table.y(trainRows, classIndex, dtype),
                        testSource.x(testRows, dtype), testSource.y(testRows, classIndex, dtype));
        Map<String, String> resolvedOptions = new TreeMap<>(options);
        resolvedOptions.put("label", table.labelName);
        resolvedOptions.put("header", Boolean.toString(table.hasHeader));
        resolvedOptions.put("delimiter", delimiter);
        if (testPath != null) {
            resolvedOptions.put("test", testPath.toString());
        }
        // Absolute paths, so that the run's spec.yaml reruns from any working directory.
        return new LoadedData(data, new DataSpec(NAME, trainRows.length, testRows == null ? 0 : testRows.length,
                path.toString(), resolvedOptions), classes);
    }

    private static Path absolute(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }

    /**
     * From the file sizes: the bytes (gzip: up to ten times the file), the decoded text and the parsed records take
     * about twelve times the text on the heap at the peak of the load.
     */
    @Override
    public java.util.Optional<Footprint> footprint(DataSpec spec, LoadContext context) {
        if (spec.path() == null || spec.path().isBlank()) {
            return java.util.Optional.empty();
        }
        long text = 0;
        for (String file : new String[] {spec.path(), spec.options().get("test")}) {
            if (file != null) {
                try {
                    Path path = Path.of(file);
                    long size = java.nio.file.Files.size(path);
                    text += IdxReader.isGzip(path) ? Footprint.times(size, 10) : size;
                } catch (java.io.IOException | RuntimeException e) {
                    return java.util.Optional.empty(); // load reports the file
                }
            }
        }
        long heap = Footprint.times(text, 12);
        // A value takes at least two characters ("0,") and becomes one element of the dtype.
        long arrays = Footprint.times(text / 2, Footprint.bytes(context.dtype()));
        return java.util.Optional.of(new Footprint(heap, arrays, text + " characters of CSV"));
    }

    /** The CSV file and, with the option {@code test}, the test file (absolute in a resolved spec). */
    @Override
    public List<Path> files(DataSpec resolved, LoadContext context) {
        List<Path> files = new ArrayList<>();
        if (resolved.path() != null) {
            files.add(Path.of(resolved.path()));
        }
        if (resolved.options().containsKey("test")) {
            files.add(Path.of(resolved.options().get("test")));
        }
        return files;
    }

    private static List<String> classes(String[] labels) {
        Set<String> distinct = new TreeSet<>(List.of(labels));
        boolean numeric = distinct.stream().allMatch(CsvRows::isNumber);
        List<String> sorted = new ArrayList<>(distinct);
        if (numeric) {
            sorted.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return sorted;
    }

    /** The parsed cells of one file: features by row, labels, and where each row came from. */
    private static final class Table {
        final Path file;
        final double[][] cells;
        final String[] labels;
        final String labelName;
        final boolean hasHeader;

        private Table(Path file, double[][] cells, String[] labels, String labelName, boolean hasHeader) {
            this.file = file;
            this.cells = cells;
            this.labels = labels;
            this.labelName = labelName;
            this.hasHeader = hasHeader;
        }

        int rows() {
            return cells.length;
        }

        int features() {
            return cells.length == 0 ? 0 : cells[0].length;
        }

        static Table read(Path file, String delimiter, String headerMode, String labelOption, DataType dtype) {
            CsvRows read = CsvRows.read(file, delimiter, NAME, "path");
            List<String[]> rows = read.rows();
            List<Integer> lineNumbers = read.lines();
            int columns = rows.get(0).length;
            if (columns < 2) {
                throw InvalidParameterException.of(NAME, "columns", columns + " in " + file,
                        ">= 2 (features and a label; wrong delimiter '" + delimiter + "'?)");
            }
            String[] first = rows.get(0);
            boolean header = switch (headerMode) {
                case "true" -> true;
                case "false" -> false;
                default -> looksLikeHeader(first, labelOption);
            };
            int labelColumn = labelColumn(file, header ? first : null, columns, labelOption);
            String labelName = header ? first[labelColumn] : Integer.toString(labelColumn);
            int start = header ? 1 : 0;
            if (rows.size() <= start) {
                throw InvalidParameterException.of(NAME, "path", file, "a CSV file with at least one data row");
            }
            double[][] cells = new double[rows.size() - start][columns - 1];
            String[] labels = new String[rows.size() - start];
            for (int r = start; r < rows.size(); r++) {
                String[] fields = rows.get(r);
                int line = lineNumbers.get(r);
                if (fields.length != columns) {
                    throw new InvalidParameterException(NAME, "row", file + " line " + line + " must have " + columns
                            + " columns, found " + fields.length);
                }
                int f = 0;
                for (int c = 0; c < columns; c++) {
                    if (c == labelColumn) {
                        if (fields[c].isEmpty()) {
                            throw new InvalidParameterException(NAME, "label", file + " line " + line + ", column "
                                    + (c + 1) + " must be a non-empty label, found ''");
                        }
                        labels[r - start] = fields[c];
                        continue;
                    }
                    cells[r - start][f++] = number(file, line, c, header ? first[c] : null, fields[c], dtype);
                }
            }
            return new Table(file, cells, labels, labelName, header);
        }

        private static boolean looksLikeHeader(String[] first, String labelOption) {
            if (labelOption != null && !CsvRows.isInteger(labelOption)) {
                return true;
            }
            int numeric = 0;
            for (String field : first) {
                if (CsvRows.isNumber(field)) {
                    numeric++;
                }
            }
            // Data rows have every feature numeric (only the label may be text).
            return numeric < first.length - 1;
        }

        private static int labelColumn(Path file, String[] header, int columns, String labelOption) {
            if (labelOption == null || labelOption.isBlank()) {
                return columns - 1;
            }
            if (CsvRows.isInteger(labelOption)) {
                int index = Integer.parseInt(labelOption.strip());
                if (index < 0 || index >= columns) {
                    throw InvalidParameterException.of(NAME, "label", index, "a column index in [0, " + (columns - 1)
                            + "] of " + file);
                }
                return index;
            }
            if (header == null) {
                throw InvalidParameterException.of(NAME, "label", "'" + labelOption + "'",
                        "a column index (" + file + " has no header row)");
            }
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals(labelOption)) {
                    return c;
                }
            }
            throw InvalidParameterException.of(NAME, "label", "'" + labelOption + "'",
                    "a column of " + file + ": one of " + List.of(header));
        }

        private static double number(Path file, int line, int column, String columnName, String text,
                DataType dtype) {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw badCell(file, line, column, columnName, "a finite number", "'" + text + "'");
            }
            if (!Double.isFinite(value)) {
                throw badCell(file, line, column, columnName, "a finite number", "'" + text + "' (not finite)");
            }
            if (dtype == DataType.FLOAT && Math.abs(value) > Float.MAX_VALUE) {
                throw badCell(file, line, column, columnName, "within the range of FLOAT (|x| <= " + Float.MAX_VALUE
                        + "; use --dtype DOUBLE or rescale the column)", "'" + text + "'");
            }
            return value;
        }

        private static InvalidParameterException badCell(Path file, int line, int column, String name, String range,
                String found) {
            return new InvalidParameterException(NAME, "data", file + " line " + line + ", column " + (column + 1)
                    + (name != null ? " (" + name + ")" : "") + " must be " + range + ", found " + found);
        }

        org.nd4j.linalg.api.ndarray.INDArray x(int[] rows, DataType dtype) {
            HostMatrix x = new HostMatrix(features(), rows.length, dtype);
            for (int j = 0; j < rows.length; j++) {
                double[] row = cells[rows[j]];
                for (int f = 0; f < row.length; f++) {
                    x.set(f, j, row[f]);
                }
            }
            return x.toArray();
        }

        org.nd4j.linalg.api.ndarray.INDArray y(int[] rows, Map<String, Integer> classIndex, DataType dtype) {
            HostMatrix y = new HostMatrix(classIndex.size(), rows.length, dtype);
            for (int j = 0; j < rows.length; j++) {
                Integer c = classIndex.get(labels[rows[j]]);
                if (c == null) {
                    throw InvalidParameterException.of(NAME, "label", "'" + labels[rows[j]] + "' in " + file,
                            "one of the training labels " + classIndex.keySet());
                }
                y.set(c, j, 1.0);
            }
            return y.toArray();
        }
    }
}
