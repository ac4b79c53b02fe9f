package org.altmin.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study: a base run spec, axes of alternatives, the seeds, and how to report. It expands ({@link StudyPlan}) to
 * one run per combination of the axes' values (first axis outermost) and seed, each a normal run directory.
 * Read with {@link StudySpecIo}; the format (YAML or JSON):
 *
 * <pre>{@code
 * name: lr-sweep
 * base: {optimizer: {name: adam}, hiddenWidths: [32], data: {name: synthetic}, iterations: 20}   # or a file name
 * axes:
 *   - name: optimizer.params.learningRate        # a path into the run spec: its values are plain values
 *     values: [0.001, 0.01]
 *   - name: method                               # a free name: each value a label and what it sets
 *     values:
 *       - {label: adam, set: {optimizer.name: adam}}
 *       - {label: rmsprop, set: {optimizer.name: rmsprop}}
 * overrides:                                     # settings that depend on other axes' values
 *   - when: {method: rmsprop}
 *     set: {optimizer.params.decay: 0.01}
 * exclude: [{method: adam, optimizer.params.learningRate: "0.01"}]
 * seeds: 3                                       # the base seed and the next two; or a list [1, 2, 3]
 * scales: {quick: {set: {iterations: 5}}}        # chosen with --scale
 * report: {at: [10, 50, 100, 200], series: method}
 * }</pre>
 *
 * @param name        the study's name (the default output directory {@code studies/<name>})
 * @param description free text for the report
 * @param base        the base run spec as a tree (the {@link org.altmin.api.RunSpec} format); never modified
 * @param axes        the axes, in order; at least one value each
 * @param overrides   settings applied, in order, to the runs whose axis values match {@link Rule#when()}
 * @param exclude     combinations of axis values that are not run
 * @param seeds       the master seeds; every combination runs once per seed
 * @param scales      named variants ({@code --scale NAME}): settings and overrides applied after the study's own
 * @param report      what the report shows
 */
public record StudySpec(String name, String description, ObjectNode base, List<Axis> axes, List<Rule> overrides,
        List<Map<String, String>> exclude, List<Long> seeds, Map<String, Scale> scales, ReportSpec report) {

    /** The run spec fields an axis, an override or a scale may set (the seed comes from {@link #seeds()}). */
    public static final Set<String> SETTABLE = Set.of("optimizer", "loss", "regularizer", "activation", "hiddenWidths",
            "data", "iterations", "dtype", "modules");
    /** The fields under a component ({@code optimizer.params.rho}, {@code optimizer.parts.W}). */
    public static final Set<String> COMPONENT_FIELDS = Set.of("name", "params", "parts");
    /** The fields under {@code data}. */
    public static final Set<String> DATA_FIELDS = Set.of("name", "trainSize", "testSize", "path", "options");

    public StudySpec {
        axes = List.copyOf(axes);
        overrides = List.copyOf(overrides);
        exclude = List.copyOf(exclude);
        seeds = List.copyOf(seeds);
        scales = Map.copyOf(scales);
    }

    /** The base tree, a copy (the record's own is never handed out for change). */
    @Override
    public ObjectNode base() {
        return base.deepCopy();
    }

    /** The axis of that name, or null. */
    public Axis axis(String axisName) {
        return axes.stream().filter(a -> a.name().equals(axisName)).findFirst().orElse(null);
    }

    /**
     * An axis: a name (a column of {@code results.csv}, a key of {@link Rule#when()}) and its values.
     *
     * @param name   the axis's name
     * @param values its values, each with a unique label
     */
    public record Axis(String name, List<Value> values) {
        public Axis {
            values = List.copyOf(values);
        }

        /** The labels of the values, in order. */
        public List<String> labels() {
            return values.stream().map(Value::label).toList();
        }
    }

    /**
     * One value of an axis: its label and what it sets, path by path ({@code optimizer.params.rho -> 0.3}).
     */
    public record Value(String label, Map<String, JsonNode> set) {
        public Value {
            set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
        }
    }

    /**
     * Settings for the runs whose axis values match: {@code when} maps axis names to value labels (all must match;
     * an empty {@code when} matches every run).
     */
    public record Rule(Map<String, String> when, Map<String, JsonNode> set) {
        public Rule {
            when = Map.copyOf(when);
            set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
        }

        /** Whether {@code labels} (axis name to value label) match {@link #when()}. */
        public boolean matches(Map<String, String> labels) {
            return when.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    /** A named variant of the study ({@code --scale quick}): settings for every run, then overrides. */
    public record Scale(Map<String, JsonNode> set, List<Rule> overrides) {
        public Scale {
            set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * What the report shows.
     *
     * @param at        the iterations of the table of means and spreads (those some run has)
     * @param series    the axis whose values are overlaid in each panel (the methods); the others make the panels
     * @param metrics   the {@code metrics.csv} columns the default figures show, one figure each
     * @param xTitle    the x axis title of the figures; null for the runs' unit
     * @param figures   figures laid out by hand (the paper's); empty for one figure per metric
     * @param reference the published numbers to set beside ours
     * @param referenceSource where {@code reference} comes from
     */
    public record ReportSpec(List<Integer> at, String series, List<String> metrics, String xTitle,
            List<Figure> figures, List<Reference> reference, String referenceSource) {
        public static final List<Integer> DEFAULT_AT = List.of(10, 50, 100, 200);
        public static final List<String> DEFAULT_METRICS = List.of("train_accuracy", "test_accuracy", "train_loss",
                "test_loss", "objective");

        public ReportSpec {
            at = List.copyOf(at);
            metrics = List.copyOf(metrics);
            figures = List.copyOf(figures);
            reference = List.copyOf(reference);
        }
    }

    /** A figure of panels in a grid of {@code columns} columns, each panel the series' curves of one metric. */
    public record Figure(String name, String title, int columns, List<Panel> panels) {
        public Figure {
            panels = List.copyOf(panels);
        }
    }

    /** One panel: the metric, the runs it shows (axis name to label), its title. */
    public record Panel(String title, String metric, Map<String, String> where) {
        public Panel {
            where = Map.copyOf(where);
        }
    }

    /**
     * A published number beside ours: the runs it compares with (axis name to label, the series axis included) and
     * the paper's final accuracy (in %) and loss as written ({@code "~82"}, {@code "<20"}; either may be null).
     */
    public record Reference(String setting, Map<String, String> where, String accuracy, String loss) {
        public Reference {
            where = Map.copyOf(where);
        }
    }
}
