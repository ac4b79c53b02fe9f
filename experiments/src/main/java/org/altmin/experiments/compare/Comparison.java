package org.altmin.experiments.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.altmin.api.ComponentSpec;
import org.altmin.api.RunSpec;

/**
 * Several runs side by side on one metric: their labels, the table of the metric at chosen iterations, and the scale
 * their curves need. Nothing here writes a file ({@link ComparePlot} draws, the command writes).
 */
public final class Comparison {
    /** The iterations the table shows by default (those that some run has). */
    public static final List<Integer> DEFAULT_AT = List.of(10, 50, 100, 200);
    /** Log scale when every plotted value is positive and max / min exceeds this (more than two decades). */
    public static final double LOG_SPAN = 100.0;

    private final List<RunRecord> runs;
    private final String metric;
    private final List<String> labels;

    public Comparison(List<RunRecord> runs, String metric, List<String> labels) {
        this.runs = List.copyOf(runs);
        this.metric = metric;
        this.labels = List.copyOf(labels);
        if (labels.size() != runs.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + runs.size() + " runs");
        }
    }

    public List<RunRecord> runs() {
        return runs;
    }

    public String metric() {
        return metric;
    }

    public List<String> labels() {
        return labels;
    }

    /**
     * The default labels: each run's optimizer name and the settings that differ between the compared specs
     * ({@code dlam rho=0.1} against {@code dlam rho=0.3}; {@code dlam} against {@code mdlam} when only the optimizer
     * differs). A setting differs when the specs that have it give it more than one value, so a parameter of one
     * optimizer only does not label the others. A run whose label would not be unique (the same spec twice) is
     * labelled by its directory name.
     */
    public static List<String> defaultLabels(List<RunRecord> runs) {
        List<Map<String, String>> settings = runs.stream().map(r -> settings(r.spec())).toList();
        Set<String> keys = new LinkedHashSet<>();
        settings.forEach(s -> keys.addAll(s.keySet()));
        Set<String> differing = new LinkedHashSet<>();
        for (String key : keys) {
            // a setting only some specs have (mdlam's extrapolation beside dlam) differs only where its values do
            if (settings.stream().map(s -> s.get(key)).filter(Objects::nonNull).distinct().count() > 1) {
                differing.add(key);
            }
        }
        differing.remove(OPTIMIZER);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            StringBuilder label = new StringBuilder(runs.get(i).spec().optimizer().name());
            for (String key : differing) {
                String value = settings.get(i).get(key);
                if (value != null) {
                    label.append(' ').append(key).append('=').append(value);
                }
            }
            labels.add(label.toString());
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        labels.forEach(l -> {
            if (!seen.add(l)) {
                repeated.add(l);
            }
        });
        for (int i = 0; i < labels.size(); i++) {
            if (repeated.contains(labels.get(i))) {
                labels.set(i, runs.get(i).name());
            }
        }
        return labels;
    }

    private static final String OPTIMIZER = "optimizer";

    /**
     * A spec as flat settings: the optimizer's parameters by their own names ({@code rho}), its parts as
     * {@code part.W} and their parameters as {@code W.nu}; the other components as {@code loss},
     * {@code loss.delta}, ...; {@code widths}, {@code data}, {@code trainSize}, {@code testSize}, the data options,
     * {@code iterations}, {@code seed}, {@code dtype}.
     */
    static Map<String, String> settings(RunSpec spec) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(OPTIMIZER, spec.optimizer().name());
        spec.optimizer().params().forEach((k, v) -> s.put(k, String.valueOf(v)));
        parts(spec.optimizer(), "", s);
        component("loss", spec.loss(), s);
        component("regularizer", spec.regularizer(), s);
        component("activation", spec.activation(), s);
        s.put("widths", spec.hiddenWidths().isEmpty() ? "none"
                : String.join("-", spec.hiddenWidths().stream().map(String::valueOf).toList()));
        s.put("data", spec.data().name());
        s.put("trainSize", Integer.toString(spec.data().trainSize()));
        s.put("testSize", Integer.toString(spec.data().testSize()));
        if (spec.data().path() != null) {
            s.put("dataPath", spec.data().path());
        }
        spec.data().options().forEach((k, v) -> s.put("data." + k, v));
        s.put("iterations", Integer.toString(spec.iterations()));
        s.put("seed", Long.toString(spec.seed()));
        s.put("dtype", spec.dtype());
        return s;
    }

    private static void component(String role, ComponentSpec c, Map<String, String> s) {
        s.put(role, c.name());
        c.params().forEach((k, v) -> s.put(role + "." + k, String.valueOf(v)));
        parts(c, role + ".", s);
    }

    private static void parts(ComponentSpec c, String prefix, Map<String, String> s) {
        c.parts().forEach((role, part) -> {
            s.put(prefix + "part." + role, part.name());
            part.params().forEach((k, v) -> s.put(prefix + role + "." + k, String.valueOf(v)));
            parts(part, prefix + role + ".", s);
        });
    }

    /** The runs' units: {@code iteration}, {@code epoch}, or both when mixed. */
    public Set<String> units() {
        Set<String> units = new LinkedHashSet<>();
        runs.forEach(r -> units.add(r.unit()));
        return units;
    }

    /** The x axis title: the unit, or a note that the runs mix units. */
    public String xTitle() {
        Set<String> units = units();
        return units.size() == 1 ? units.iterator().next()
                : String.join(" or ", units) + " (mixed units: each run on its own)";
    }

    /** Of {@code requested}, the steps at least one run has, in the order given. */
    public List<Integer> present(List<Integer> requested) {
        return requested.stream().distinct().filter(k -> runs.stream().anyMatch(r -> r.rowOf(k) >= 0)).toList();
    }

    /**
     * Whether the curves need a log y axis: no finite value is negative and the positive ones span more than two
     * decades. Zeros do not prevent it (they are left out of a log plot, see {@link #hasNonPositive()}): every block's
     * {@code *_step_sq} column starts with a zero step at iteration 0.
     */
    public boolean spansDecades() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : finiteValues()) {
            if (v < 0) {
                return false;
            }
            if (v > 0) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > 0 && max / min > LOG_SPAN;
    }

    /** Whether some finite value is zero or negative (left out on a log axis). */
    public boolean hasNonPositive() {
        for (double v : finiteValues()) {
            if (v <= 0) {
                return true;
            }
        }
        return false;
    }

    private double[] finiteValues() {
        return runs.stream().filter(r -> r.has(metric)).flatMapToDouble(r -> java.util.Arrays.stream(
                r.columns().get(metric))).filter(Double::isFinite).toArray();
    }

    /** Whether any run has at least one finite value of the metric. */
    public boolean hasFinitePoint() {
        for (RunRecord r : runs) {
            if (r.has(metric)) {
                for (double v : r.columns().get(metric)) {
                    if (Double.isFinite(v)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The table: a header, then one row per run: label, the metric at each step of {@code at}, final, status. */
    public List<List<String>> table(List<Integer> at, boolean fullPrecision) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("run");
        String unit = units().size() == 1 ? units().iterator().next() : "step";
        at.forEach(k -> header.add(unit + " " + k));
        header.add("final");
        header.add("status");
        if (fullPrecision) {
            header.add("directory");
        }
        rows.add(header);
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            List<String> row = new ArrayList<>();
            row.add(labels.get(i));
            for (int k : at) {
                row.add(r.rowOf(k) < 0 || !r.has(metric) ? "" : format(r.at(metric, k), fullPrecision));
            }
            row.add(r.has(metric) ? format(r.last(metric), fullPrecision) : "");
            row.add(r.status());
            if (fullPrecision) {
                row.add(r.directory().toString());
            }
            rows.add(row);
        }
        return rows;
    }

    /** Full precision as Java prints it (as in metrics.csv), or 6 significant digits; an empty cell stays empty. */
    static String format(double v, boolean fullPrecision) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (fullPrecision || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replaceFirst("\\.(e|$)", "$1");
    }

    /** The table as aligned text columns; a run without a value at a step shows {@code -}. */
    public static String text(List<List<String>> table) {
        int columns = table.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : table) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], cell(row.get(c)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : table) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String v = cell(row.get(c));
                if (c > 0) {
                    line.append("  ");
                }
                // the label left-aligned, the numbers right-aligned, the status left-aligned
                boolean left = c == 0 || c == columns - 1;
                line.append(left ? pad(v, width[c], true) : pad(v, width[c], false));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(String v) {
        return v.isEmpty() ? "-" : v;
    }

    private static String pad(String v, int width, boolean left) {
        String spaces = " ".repeat(width - v.length());
        return left ? v + spaces : spaces + v;
    }
}
