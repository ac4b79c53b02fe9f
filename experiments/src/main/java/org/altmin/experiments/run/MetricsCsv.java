package org.altmin.experiments.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

/**
 * Writes one CSV row per {@link IterationReport}, flushed after each, so that a long or killed run leaves its metrics
 * so far. The columns come from the reports themselves, so a new optimizer needs no edit here:
 *
 * <ol>
 *   <li>{@code iteration}, or {@code epoch} for an optimizer whose unit is an epoch ({@link
 *       org.altmin.api.IterationUnit#label()});</li>
 *   <li>{@code objective}, then every objective term by name, in the optimizer's order (e.g. DLAM's {@code risk,
 *       regularization, coupling, infeasibility});</li>
 *   <li>{@code train_loss, train_accuracy, test_loss, test_accuracy, nanos} (the evaluation and the iteration's
 *       wall time);</li>
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
    /** The per-block fields, each a column {@code <key>_<field>}. */
    public static final List<String> BLOCK_FIELDS = List.of("step_sq", "trials", "modulus", "fallback", "nanos");

    private enum Group { UNIT, OBJECTIVE, TERM, EVALUATION, DIAGNOSTIC, BLOCK }

    /** A column by its group and its name within the group (a block field is {@code key/field}). */
    private record Column(Group group, String name) {}

    private final Path file;
    private BufferedWriter out;
    private final Map<Group, List<Column>> layout = new EnumMap<>(Group.class);
    private final List<Map<Column, String>> rows = new ArrayList<>();
    private List<String> header;

    public MetricsCsv(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
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
                out.write(String.join(",", header));
                out.newLine();
                writeRow(row);
            } else if (widened) {
                rewrite();
            } else {
                writeRow(row);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The columns written so far (the header of the file). */
    public List<String> header() {
        return header == null ? List.of() : List.copyOf(header);
    }

    private void writeRow(Map<Column, String> row) throws IOException {
        List<String> cells = new ArrayList<>(header.size());
        for (Group g : Group.values()) {
            for (Column c : layout.get(g)) {
                cells.add(row.getOrDefault(c, ""));
            }
        }
        out.write(String.join(",", cells));
        out.newLine();
    }

    /** Writes the whole file again with the current (wider) header, atomically where the file system allows. */
    private void rewrite() throws IOException {
        out.close();
        header = render(layout);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        out.write(String.join(",", header));
        out.newLine();
        for (Map<Column, String> row : rows) {
            writeRow(row);
        }
        out.close();
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The cells of one report by column, in column order within each group. */
    private static Map<Column, String> cells(IterationReport report) {
        Map<Column, String> row = new LinkedHashMap<>();
        row.put(new Column(Group.UNIT, report.unit().label()), Integer.toString(report.iteration()));
        row.put(new Column(Group.OBJECTIVE, "objective"), number(report.objective()));
        report.terms().forEach((name, value) -> row.put(new Column(Group.TERM, name), number(value)));
        row.put(new Column(Group.EVALUATION, "train_loss"), number(report.trainLoss()));
        row.put(new Column(Group.EVALUATION, "train_accuracy"), number(report.trainAccuracy()));
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
        out.close();
    }
}
