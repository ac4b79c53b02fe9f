package org.altmin.experiments.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.altmin.api.BlockStep;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.State;

/**
 * Writes one CSV row per {@link IterationRecord}, flushed after each, so that a long or killed run leaves its
 * metrics so far. The columns flatten the record: the objective terms, the forward-pass losses and accuracies,
 * then for each layer l its band residual and, for each block (w, b, z, a), the squared step, backtracking
 * trials, accepted parameter, fallback flag and time. The layer columns are fixed by the first record (solvers
 * report the same layers every iteration; SGD reports none).
 */
public final class MetricsCsv implements IterationListener, AutoCloseable {
    private static final List<String> BASE = List.of("iteration", "objective", "risk", "regularization", "coupling",
            "infeasibility", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "nanos");
    private static final List<String> BLOCKS = List.of("w", "b", "z", "a");
    private static final List<String> BLOCK_FIELDS = List.of("step_sq", "trials", "param", "fallback", "nanos");

    private final BufferedWriter out;
    private int layers = -1;

    public MetricsCsv(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** The header for records with {@code layers} layer entries. */
    public static List<String> header(int layers) {
        List<String> columns = new ArrayList<>(BASE);
        for (int l = 1; l <= layers; l++) {
            columns.add("l" + l + "_band_residual");
            for (String block : BLOCKS) {
                for (String field : BLOCK_FIELDS) {
                    columns.add("l" + l + "_" + block + "_" + field);
                }
            }
        }
        return columns;
    }

    @Override
    public void onIteration(IterationRecord record, State state) {
        try {
            if (layers < 0) {
                layers = record.layers().size();
                out.write(String.join(",", header(layers)));
                out.newLine();
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(record.iteration()));
            row.add(number(record.objective()));
            row.add(number(record.terms().risk()));
            row.add(number(record.terms().regularization()));
            row.add(number(record.terms().coupling()));
            row.add(number(record.terms().infeasibility()));
            row.add(number(record.trainLoss()));
            row.add(number(record.trainAccuracy()));
            row.add(number(record.testLoss()));
            row.add(number(record.testAccuracy()));
            row.add(Long.toString(record.nanos()));
            for (int l = 0; l < layers; l++) {
                if (l < record.layers().size()) {
                    LayerStats stats = record.layers().get(l);
                    row.add(number(stats.bandResidual()));
                    for (BlockStep step : List.of(stats.w(), stats.b(), stats.z(), stats.a())) {
                        row.add(number(step.stepSquared()));
                        row.add(Integer.toString(step.trials()));
                        row.add(number(step.stepParameter()));
                        row.add(step.fallback() ? "1" : "0");
                        row.add(Long.toString(step.nanos()));
                    }
                } else {
                    // A record with fewer layers than the first: keep the columns aligned.
                    for (int i = 0; i < 1 + BLOCKS.size() * BLOCK_FIELDS.size(); i++) {
                        row.add("");
                    }
                }
            }
            out.write(String.join(",", row));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write metrics.csv", e);
        }
    }

    /** Full precision, locale-independent; NaN and infinities as Java spells them (NaN, Infinity). */
    static String number(double value) {
        return Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
