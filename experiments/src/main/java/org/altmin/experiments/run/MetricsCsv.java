package org.altmin.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.altmin.api.BlockReport;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.State;
import org.altmin.experiments.model.AtomicWrite;

/**
 * Writes one CSV row per {@link IterationReport}, each appended with a single write as it comes, so that a long or
 * killed run leaves its metrics so far and a reader at any moment sees the header and whole rows only: a write that
 * fails part-way (a full disk) is cut back to the last complete row before the failure is reported, and a widened
 * header rewrites the file atomically (temporary file, then rename). The columns come from the reports themselves,
 * so a new optimizer needs no edit here:
 *
 * <ol>
 *   <li>{@code iteration}, or {@code epoch} for an optimizer whose unit is an epoch ({@link
 *       org.altmin.api.IterationUnit#label()});</li>
 *   <li>{@code objective}, then every objective term by name, in the optimizer's order (e.g. DLAM's {@code risk,
 *       regularization, coupling, infeasibility});</li>
 *   <li>{@code train_loss, train_accuracy, test_loss, test_accuracy, nanos} (the evaluation and the iteration's
 *       wall time), with {@code val_loss, val_accuracy} after {@code train_accuracy} in a run with a validation
 *       set;</li>
 *   <li>every diagnostic by name (e.g. ADMM's {@code primal_residual}, DLAM's {@code band_residual_1});</li>
 *   <li>per block, in the order the blocks ran, {@code <key>_step_sq, <key>_trials, <key>_modulus, <key>_fallback,
 *       <key>_nanos} with {@code key = }{@link BlockReport#key()}, e.g. {@code W_1_step_sq}.</li>
 * </ol>
 *
 * The columns are those of the first report (iteration 0). A later report without one of them writes an empty cell;
 * a later report with a name the first did not have (a diagnostic a method reports only from iteration 1 on) adds
 * its column at the end of its group and the file is rewritten once with the wider header, earlier rows getting
 * empty cells there. A name that clashes with a column of another group is prefixed with its group ({@code term_},
 * {@code diagnostic_}); a block key that occurs twice in one report gets {@code #2}, {@code #3}, ... Numbers are
 * written at full precision, locale-independent, NaN and infinities as Java spells them ({@code NaN},
 * {@code Infinity}); the fallback flag as 0/1.
 */
public final class MetricsCsv implements IterationListener, AutoCloseable {
    /** The evaluation columns, between the terms and the diagnostics. */
    public static final List<String> EVALUATION = List.of("train_loss", "train_accuracy", "test_loss",
            "test_accuracy", "nanos");
    /** The validation columns, after {@code train_accuracy}, in a run with a validation set. */
    public static final List<String> VALIDATION = List.of("val_loss", "val_accuracy");
    /** The per-block fields, each a column {@code <key>_<field>}. */
    public static final List<String> BLOCK_FIELDS = List.of("step_sq", "trials", "modulus", "fallback", "nanos");

    private enum Group { UNIT, OBJECTIVE, TERM, EVALUATION, DIAGNOSTIC, BLOCK }

    /** A column by its group and its name within the group (a block field is {@code key/field}). */
    private record Column(Group group, String name) {}

    /** Opens the channel a {@link MetricsCsv} appends to (a test injects one that fails, as a full disk would). */
    @FunctionalInterface
    interface Opener {
        SeekableByteChannel open(Path file) throws IOException;
    }

    private final Path file;
    private final Opener opener;
    private SeekableByteChannel out;
    /** The length of the complete rows written so far: what the file is cut back to when a write fails. */
    private long committed;
    private final Map<Group, List<Column>> layout = new EnumMap<>(Group.class);
    private final List<Map<Column, String>> rows = new ArrayList<>();
    private List<String> header;

    /** A metrics file at {@code file}, created (or emptied) at the first report. */
    public MetricsCsv(Path file) throws IOException {
        this(file, path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    }

    MetricsCsv(Path file, Opener opener) throws IOException {
        this.file = file;
        this.opener = opener;
        for (Group g : Group.values()) {
            layout.put(g, new ArrayList<>());
        }
    }

    /** The header a run whose first report is {@code first} starts with. */
    public static List<String> header(IterationReport first) {
        Map<Group, List<Column>> columns = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            columns.put(g, new ArrayList<>());
        }
        for (Column c : cells(first).keySet()) {
            columns.get(c.group()).add(c);
        }
        return render(columns);
    }

    @Override
    public void onIteration(IterationReport report, State state) {
        try {
            Map<Column, String> row = cells(report);
            boolean widened = false;
            for (Column c : row.keySet()) {
                List<Column> group = layout.get(c.group());
                if (!group.contains(c)) {
                    group.add(c);
                    widened = true;
                }
            }
            rows.add(row);
            if (header == null) {
                header = render(layout);
                out = opener.open(file);
                out.truncate(0);
                append(String.join(",", header) + "\n" + line(row));
            } else if (widened) {
                rewrite();
            } else {
                append(line(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + reason(e), e);
        }
    }

    /** The columns written so far (the header of the file). */
    public List<String> header() {
        return header == null ? List.of() : List.copyOf(header);
    }

    private String line(Map<Column, String> row) {
        List<String> cells = new ArrayList<>(header.size());
        for (Group g : Group.values()) {
            for (Column c : layout.get(g)) {
                cells.add(row.getOrDefault(c, ""));
            }
        }
        return String.join(",", cells) + "\n";
    }

    /**
     * Appends complete rows with one write each, so that a reader (or a killed run) sees only whole rows. When a
     * write fails part-way (a full disk), the file is cut back to its last complete row, and a file that had none
     * yet is removed, before the failure is reported: never a row cut in the middle, never an empty file.
     */
    private void append(String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            committed = out.position();
        } catch (IOException e) {
            try {
                out.truncate(committed);
                out.position(committed);
                if (committed == 0) {
                    out.close();
                    Files.deleteIfExists(file);
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Writes the whole file again with the current (wider) header atomically, then appends to it again. */
    private void rewrite() throws IOException {
        out.close();
        header = render(layout);
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<Column, String> row : rows) {
            text.append(line(row));
        }
        AtomicWrite.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        out = opener.open(file);
        committed = out.size();
        out.position(committed);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The cells of one report by column, in column order within each group. */
    private static Map<Column, String> cells(IterationReport report) {
        Map<Column, String> row = new LinkedHashMap<>();
        row.put(new Column(Group.UNIT, report.unit().label()), Integer.toString(report.iteration()));
        row.put(new Column(Group.OBJECTIVE, "objective"), number(report.objective()));
        report.terms().forEach((name, value) -> row.put(new Column(Group.TERM, name), number(value)));
        row.put(new Column(Group.EVALUATION, "train_loss"), number(report.trainLoss()));
        row.put(new Column(Group.EVALUATION, "train_accuracy"), number(report.trainAccuracy()));
        if (report.evaluation().hasValidation()) {
            row.put(new Column(Group.EVALUATION, "val_loss"), number(report.validationLoss()));
            row.put(new Column(Group.EVALUATION, "val_accuracy"), number(report.validationAccuracy()));
        }
        row.put(new Column(Group.EVALUATION, "test_loss"), number(report.testLoss()));
        row.put(new Column(Group.EVALUATION, "test_accuracy"), number(report.testAccuracy()));
        row.put(new Column(Group.EVALUATION, "nanos"), Long.toString(report.nanos()));
        report.diagnostics().forEach((name, value) -> row.put(new Column(Group.DIAGNOSTIC, name), number(value)));
        Map<String, Integer> seen = new HashMap<>();
        for (BlockReport b : report.blocks()) {
            int occurrence = seen.merge(b.key(), 1, Integer::sum);
            String key = occurrence == 1 ? b.key() : b.key() + "#" + occurrence;
            row.put(new Column(Group.BLOCK, key + "/step_sq"), number(b.stepSquared()));
            row.put(new Column(Group.BLOCK, key + "/trials"), Integer.toString(b.trials()));
            row.put(new Column(Group.BLOCK, key + "/modulus"), number(b.modulus()));
            row.put(new Column(Group.BLOCK, key + "/fallback"), b.fallback() ? "1" : "0");
            row.put(new Column(Group.BLOCK, key + "/nanos"), Long.toString(b.nanos()));
        }
        return row;
    }

    /**
     * The header names of the columns, group by group, each name unique: the fixed columns keep their names, a term,
     * diagnostic or block column that clashes with an earlier name is prefixed with its group.
     */
    private static List<String> render(Map<Group, List<Column>> columns) {
        Set<String> used = new HashSet<>();
        for (Group g : List.of(Group.UNIT, Group.OBJECTIVE, Group.EVALUATION)) {
            columns.get(g).forEach(c -> used.add(c.name()));
        }
        List<String> names = new ArrayList<>();
        for (Group g : Group.values()) {
            for (Column c : columns.get(g)) {
                String name = g == Group.BLOCK ? c.name().replace('/', '_') : c.name();
                if (g == Group.TERM || g == Group.DIAGNOSTIC || g == Group.BLOCK) {
                    if (!used.add(name)) {
                        String prefixed = g.name().toLowerCase(Locale.ROOT) + "_" + name;
                        name = prefixed;
                        for (int i = 2; !used.add(name); i++) {
                            name = prefixed + "#" + i;
                        }
                    }
                }
                names.add(name);
            }
        }
        return names;
    }

    /** Full precision, locale-independent; NaN and infinities as Java spells them (NaN, Infinity). */
    static String number(double value) {
        return Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
