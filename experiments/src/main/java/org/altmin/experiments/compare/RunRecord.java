package org.altmin.experiments.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationUnit;
import org.altmin.api.RunSpec;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.wiring.RunSpecIo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A finished (or partial) run read back from its directory: the resolved {@code spec.yaml}, the status of
 * {@code summary.json} and every column of {@code metrics.csv} as numbers (an empty cell is NaN, as are Java's
 * {@code NaN}; {@code Infinity} is read as such).
 *
 * @param directory the run directory
 * @param spec      its resolved spec
 * @param status    {@code summary.json}'s status (e.g. {@code MAX_ITERATIONS}, {@code DIVERGED}, {@code ERROR})
 * @param unit      the first column of {@code metrics.csv}: {@code iteration} or {@code epoch}
 * @param steps     that column's values, one per row
 * @param columns   every other column by name, in the file's order, one value per row
 */
public record RunRecord(Path directory, RunSpec spec, String status, String unit, int[] steps,
        Map<String, double[]> columns) {

    /** Bad input: a directory that is not a run, a file that cannot be read; the message names the file. */
    public static final class BadRunException extends RuntimeException {
        public BadRunException(String message) {
            super(message);
        }
    }

    /** Reads {@code directory}; throws {@link BadRunException} naming the file at fault. */
    public static RunRecord read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new BadRunException(directory + " is not a directory");
        }
        for (String name : List.of(RunDirectory.SPEC, RunDirectory.METRICS, RunDirectory.SUMMARY)) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                throw new BadRunException(directory + " is not a run directory: it has no " + name);
            }
        }
        RunSpec spec;
        try {
            spec = RunSpecIo.read(directory.resolve(RunDirectory.SPEC));
        } catch (InvalidParameterException e) {
            throw new BadRunException(directory.resolve(RunDirectory.SPEC) + " is not a valid run spec: "
                    + e.getMessage());
        }
        String status = status(directory.resolve(RunDirectory.SUMMARY));
        Path metrics = directory.resolve(RunDirectory.METRICS);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(metrics, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new BadRunException(metrics + " is empty (no header)");
            }
            String unit = header.get(0);
            if (!unit.equals(IterationUnit.ITERATION.label()) && !unit.equals(IterationUnit.EPOCH.label())) {
                throw new BadRunException(metrics + ": its first column is '" + unit + "', not "
                        + IterationUnit.ITERATION.label() + " or " + IterationUnit.EPOCH.label());
            }
            List<int[]> stepRows = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (record.size() != header.size()) {
                    throw new BadRunException(metrics + " is truncated or malformed: line " + line + " has "
                            + record.size() + " cells, the header " + header.size());
                }
                int step;
                try {
                    step = Integer.parseInt(record.get(0).trim());
                } catch (NumberFormatException e) {
                    throw new BadRunException(metrics + ": line " + line + ": " + unit + " '" + record.get(0)
                            + "' is not an integer");
                }
                double[] values = new double[header.size() - 1];
                for (int c = 1; c < header.size(); c++) {
                    String cell = record.get(c).trim();
                    try {
                        values[c - 1] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new BadRunException(metrics + ": line " + line + ", column " + header.get(c)
                                + ": '" + cell + "' is not a number");
                    }
                }
                stepRows.add(new int[] {step});
                rows.add(values);
            }
            if (rows.isEmpty()) {
                throw new BadRunException(metrics + " has a header but no rows");
            }
            int[] steps = stepRows.stream().mapToInt(s -> s[0]).toArray();
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int c = 1; c < header.size(); c++) {
                double[] column = new double[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    column[r] = rows.get(r)[c - 1];
                }
                columns.put(header.get(c), column);
            }
            return new RunRecord(directory, spec, status, unit, steps, Collections.unmodifiableMap(columns));
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof BadRunException bad) {
                throw bad;
            }
            throw new BadRunException(metrics + " cannot be read as CSV: " + e.getMessage());
        }
    }

    private static String status(Path summary) {
        try {
            JsonNode node = RunSpecIo.json().readTree(summary.toFile());
            JsonNode status = node == null ? null : node.get("status");
            if (status == null || !status.isTextual()) {
                throw new BadRunException(summary + " has no status");
            }
            return status.asText();
        } catch (IOException e) {
            throw new BadRunException(summary + " is not valid JSON: " + e.getMessage());
        }
    }

    /** The directory's own name, for labels. */
    public String name() {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return name == null ? directory.toString() : name.toString();
    }

    /** Whether {@code metrics.csv} has a column {@code metric}. */
    public boolean has(String metric) {
        return columns.containsKey(metric);
    }

    /** The row index of step {@code k}, or -1 (the last row with that step, should one repeat). */
    public int rowOf(int k) {
        for (int r = steps.length - 1; r >= 0; r--) {
            if (steps[r] == k) {
                return r;
            }
        }
        return -1;
    }

    /** The metric at step {@code k}; NaN when the run has no such step, no such column or an empty cell. */
    public double at(String metric, int k) {
        int row = rowOf(k);
        return row < 0 || !has(metric) ? Double.NaN : columns.get(metric)[row];
    }

    /** The metric in the last row (NaN for an empty cell or no such column). */
    public double last(String metric) {
        if (!has(metric)) {
            return Double.NaN;
        }
        double[] column = columns.get(metric);
        return column[column.length - 1];
    }
}
