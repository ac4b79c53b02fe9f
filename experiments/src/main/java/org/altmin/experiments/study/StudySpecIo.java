package org.altmin.experiments.study;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.altmin.api.InvalidParameterException;

/**
 * Reads a {@link StudySpec} from YAML or JSON (JSON is YAML). Every key is checked: an unknown key, an axis that is
 * not a run spec field, an axis without values, a label used twice, a {@code when} naming an axis or a value the study
 * does not have, or no seeds, is bad input ({@link InvalidParameterException}) naming the entry, before any run.
 */
public final class StudySpecIo {
    /** The component name used in messages. */
    static final String COMPONENT = "Study";
    private static final ObjectMapper YAML = new YAMLMapper();
    /** The built-in study of the DLAM paper's section 5, a resource beside this class. */
    public static final String PAPER_RESOURCE = "paper.yaml";

    private StudySpecIo() {}

    /** Reads a study file; a {@code base} given as a file name is read relative to the study file. */
    public static StudySpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvalidParameterException.of(COMPONENT, "spec", file, "an existing YAML or JSON study file");
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidParameterException(COMPONENT, "spec", "file " + file + " is not valid YAML or JSON: "
                    + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()));
        }
        String fileName = file.getFileName().toString();
        return parse(tree, fileName.replaceFirst("\\.(ya?ml|json)$", ""), file.toAbsolutePath().getParent());
    }

    /** The built-in paper study ({@value #PAPER_RESOURCE}). */
    public static StudySpec paper() {
        try (InputStream in = StudySpecIo.class.getResourceAsStream(PAPER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + PAPER_RESOURCE + " is missing from the build");
            }
            return parse(YAML.readTree(in), "paper", null);
        } catch (IOException e) {
            throw new IllegalStateException("the resource " + PAPER_RESOURCE + " cannot be read", e);
        }
    }

    /** Parses a study from YAML (or JSON) text; {@code base} file names are relative to {@code directory}. */
    public static StudySpec parse(String text, String defaultName, Path directory) {
        try {
            return parse(YAML.readTree(text), defaultName, directory);
        } catch (JacksonException e) {
            throw new InvalidParameterException(COMPONENT, "spec", "is not valid YAML or JSON: " + e.getOriginalMessage());
        }
    }

    static StudySpec parse(JsonNode tree, String defaultName, Path directory) {
        ObjectNode root = object(tree, "the study");
        keys(root, "the study", "name", "description", "base", "axes", "overrides", "exclude", "seeds", "scales",
                "report");
        String name = text(root, "name", defaultName);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw InvalidParameterException.of(COMPONENT, "name", "'" + name + "'", "letters, digits, '.', '_', '-'");
        }
        ObjectNode base = base(root.get("base"), directory);
        List<StudySpec.Axis> axes = axes(root.get("axes"));
        Map<String, List<String>> labels = new LinkedHashMap<>();
        axes.forEach(a -> labels.put(a.name(), a.labels()));
        List<StudySpec.Rule> overrides = rules(root.get("overrides"), "overrides", labels);
        List<Map<String, String>> exclude = new ArrayList<>();
        JsonNode ex = root.get("exclude");
        if (ex != null && !ex.isNull()) {
            int i = 0;
            for (JsonNode e : array(ex, "exclude")) {
                exclude.add(when(e, "exclude[" + i++ + "]", labels));
            }
        }
        List<Long> seeds = seeds(root.get("seeds"), base);
        Map<String, StudySpec.Scale> scales = new LinkedHashMap<>();
        JsonNode sc = root.get("scales");
        if (sc != null && !sc.isNull()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object(sc, "scales").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = "scales." + e.getKey();
                ObjectNode scale = object(e.getValue(), where);
                keys(scale, where, "set", "overrides");
                scales.put(e.getKey(), new StudySpec.Scale(sets(scale.get("set"), where + ".set"),
                        rules(scale.get("overrides"), where + ".overrides", labels)));
            }
        }
        StudySpec.ReportSpec report = report(root.get("report"), axes, labels);
        return new StudySpec(name, text(root, "description", ""), base, axes, overrides, exclude, seeds, scales, report);
    }

    private static ObjectNode base(JsonNode node, Path directory) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (node.isTextual()) {
            Path file = directory == null ? Path.of(node.asText()) : directory.resolve(node.asText());
            if (!Files.isRegularFile(file)) {
                throw InvalidParameterException.of(COMPONENT, "base", "'" + node.asText() + "' (" + file + ")",
                        "a run spec inline or the name of an existing run spec file");
            }
            try {
                return object(YAML.readTree(file.toFile()), "base " + file);
            } catch (IOException e) {
                throw new InvalidParameterException(COMPONENT, "base", "file " + file + " is not valid YAML or JSON: "
                        + e.getMessage());
            }
        }
        return object(node, "base");
    }

    private static List<StudySpec.Axis> axes(JsonNode node) {
        if (node == null || node.isNull() || node.isEmpty()) {
            throw new InvalidParameterException(COMPONENT, "axes", "must list at least one axis (an empty grid runs "
                    + "nothing)");
        }
        List<StudySpec.Axis> axes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode a : array(node, "axes")) {
            String where = "axes[" + i++ + "]";
            ObjectNode axis = object(a, where);
            keys(axis, where, "name", "values");
            String axisName = text(axis, "name", null);
            if (axisName == null || axisName.isBlank()) {
                throw new InvalidParameterException(COMPONENT, where + ".name", "is missing");
            }
            where = "axes." + axisName;
            if (!names.add(axisName)) {
                throw new InvalidParameterException(COMPONENT, where, "is given twice");
            }
            if (axisName.equals("seed")) {
                throw new InvalidParameterException(COMPONENT, where, "is not an axis: the seeds are the study's "
                        + "'seeds' list");
            }
            JsonNode values = axis.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw new InvalidParameterException(COMPONENT, where + ".values", "must list at least one value (an "
                        + "empty axis makes an empty grid)");
            }
            boolean isPath = isPath(axisName);
            List<StudySpec.Value> out = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            int j = 0;
            for (JsonNode v : values) {
                String at = where + ".values[" + j++ + "]";
                StudySpec.Value value;
                if (v.isObject() && v.has("label") && (v.has("set") || v.has("value"))) {
                    keys((ObjectNode) v, at, "label", "set", "value");
                    String label = v.get("label").asText();
                    Map<String, JsonNode> set = new LinkedHashMap<>();
                    if (v.has("value")) {
                        if (!isPath) {
                            throw unknownAxis(where, axisName);
                        }
                        set.put(axisName, v.get("value"));
                    }
                    set.putAll(sets(v.get("set"), at + ".set"));
                    value = new StudySpec.Value(label, set);
                } else {
                    if (!isPath) {
                        throw unknownAxis(where, axisName);
                    }
                    value = new StudySpec.Value(label(v), Map.of(axisName, v));
                }
                if (value.label().isBlank() || !seen.add(value.label())) {
                    throw new InvalidParameterException(COMPONENT, at, "has the label '" + value.label() + "', "
                            + (value.label().isBlank() ? "which is blank" : "which another value of the axis has"));
                }
                out.add(value);
            }
            axes.add(new StudySpec.Axis(axisName, out));
        }
        return axes;
    }

    private static InvalidParameterException unknownAxis(String where, String axisName) {
        return new InvalidParameterException(COMPONENT, where, "is not a run spec field (one of "
                + new java.util.TreeSet<>(StudySpec.SETTABLE) + ", e.g. optimizer.params.rho, data.name, "
                + "hiddenWidths); an axis with another name needs values of the form {label: ..., set: {PATH: "
                + "VALUE}}");
    }

    /** Whether {@code path} names a settable field of a run spec (parameters below it are checked at wiring). */
    static boolean isPath(String path) {
        String[] parts = path.split("\\.", -1);
        if (!StudySpec.SETTABLE.contains(parts[0])) {
            return false;
        }
        if (parts.length == 1) {
            return true;
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                return false;
            }
        }
        return switch (parts[0]) {
            case "data" -> StudySpec.DATA_FIELDS.contains(parts[1]) && (parts[1].equals("options")
                    ? parts.length <= 3 : parts.length == 2);
            case "optimizer", "loss", "regularizer", "activation" -> componentPath(parts, 1);
            default -> false;
        };
    }

    /** {@code name}, {@code params[.KEY]}, {@code parts[.ROLE[...]]} from index {@code i}. */
    private static boolean componentPath(String[] parts, int i) {
        if (!StudySpec.COMPONENT_FIELDS.contains(parts[i])) {
            return false;
        }
        return switch (parts[i]) {
            case "name" -> parts.length == i + 1;
            case "params" -> parts.length <= i + 2;
            default -> parts.length <= i + 2 || componentPath(parts, i + 2);
        };
    }

    /** A value's label: text as written, a list joined by '-', a component by its name. */
    static String label(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(e -> items.add(label(e)));
            return items.isEmpty() ? "none" : String.join("-", items);
        }
        if (v.isObject()) {
            return v.has("name") && v.get("name").isTextual() ? v.get("name").asText() : v.toString();
        }
        return v.asText();
    }

    private static Map<String, JsonNode> sets(JsonNode node, String where) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object(node, where).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("seed")) {
                throw new InvalidParameterException(COMPONENT, where + ".seed", "cannot be set: the seeds are the "
                        + "study's 'seeds' list");
            }
            if (!isPath(e.getKey())) {
                throw new InvalidParameterException(COMPONENT, where + "." + e.getKey(), "is not a run spec field "
                        + "(one of " + new java.util.TreeSet<>(StudySpec.SETTABLE) + ", e.g. optimizer.params.rho, "
                        + "data.trainSize)");
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static List<StudySpec.Rule> rules(JsonNode node, String where, Map<String, List<String>> labels) {
        List<StudySpec.Rule> rules = new ArrayList<>();
        if (node == null || node.isNull()) {
            return rules;
        }
        int i = 0;
        for (JsonNode r : array(node, where)) {
            String at = where + "[" + i++ + "]";
            ObjectNode rule = object(r, at);
            keys(rule, at, "when", "set");
            rules.add(new StudySpec.Rule(when(rule.get("when"), at + ".when", labels), sets(rule.get("set"),
                    at + ".set")));
        }
        return rules;
    }

    private static Map<String, String> when(JsonNode node, String where, Map<String, List<String>> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object(node, where).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> known = labels.get(e.getKey());
            if (known == null) {
                throw InvalidParameterException.of(COMPONENT, where + "." + e.getKey(), "'" + e.getKey() + "'",
                        "an axis of the study (one of " + labels.keySet() + ")");
            }
            String label = label(e.getValue());
            if (!known.contains(label)) {
                throw InvalidParameterException.of(COMPONENT, where + "." + e.getKey(), "'" + label + "'",
                        "a value of the axis (one of " + known + ")");
            }
            out.put(e.getKey(), label);
        }
        return out;
    }

    private static List<Long> seeds(JsonNode node, ObjectNode base) {
        long first = base.has("seed") && base.get("seed").canConvertToLong() ? base.get("seed").asLong()
                : org.altmin.api.RunSpec.DEFAULT_SEED;
        if (node == null || node.isNull()) {
            return List.of(first);
        }
        if (node.isIntegralNumber()) {
            return seeds(node.asInt(), first);
        }
        List<Long> seeds = new ArrayList<>();
        for (JsonNode s : array(node, "seeds")) {
            if (!s.isIntegralNumber()) {
                throw InvalidParameterException.of(COMPONENT, "seeds", s, "integers");
            }
            if (seeds.contains(s.asLong())) {
                throw InvalidParameterException.of(COMPONENT, "seeds", s + " twice", "distinct seeds (a duplicated run)");
            }
            seeds.add(s.asLong());
        }
        if (seeds.isEmpty()) {
            throw InvalidParameterException.of(COMPONENT, "seeds", "[]", "at least one seed (an empty grid)");
        }
        return seeds;
    }

    /** {@code n} seeds from {@code first}: {@code first, first + 1, ...}. */
    public static List<Long> seeds(int n, long first) {
        if (n < 1) {
            throw InvalidParameterException.of(COMPONENT, "seeds", n, ">= 1 (0 seeds make an empty grid)");
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seeds.add(first + i);
        }
        return seeds;
    }

    private static StudySpec.ReportSpec report(JsonNode node, List<StudySpec.Axis> axes,
            Map<String, List<String>> labels) {
        ObjectNode report = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode()
                : object(node, "report");
        keys(report, "report", "at", "series", "metrics", "xTitle", "figures", "reference", "referenceSource");
        List<Integer> at = new ArrayList<>();
        if (report.has("at")) {
            for (JsonNode k : array(report.get("at"), "report.at")) {
                if (!k.isIntegralNumber() || k.asInt() < 0) {
                    throw InvalidParameterException.of(COMPONENT, "report.at", k, "iterations >= 0");
                }
                at.add(k.asInt());
            }
        } else {
            at.addAll(StudySpec.ReportSpec.DEFAULT_AT);
        }
        String series = text(report, "series", axes.get(0).name());
        if (!labels.containsKey(series)) {
            throw InvalidParameterException.of(COMPONENT, "report.series", "'" + series + "'", "an axis of the study "
                    + "(one of " + labels.keySet() + ")");
        }
        List<String> metrics = new ArrayList<>();
        if (report.has("metrics")) {
            array(report.get("metrics"), "report.metrics").forEach(m -> metrics.add(m.asText()));
        } else {
            metrics.addAll(StudySpec.ReportSpec.DEFAULT_METRICS);
        }
        List<StudySpec.Figure> figures = new ArrayList<>();
        if (report.has("figures")) {
            int i = 0;
            for (JsonNode f : array(report.get("figures"), "report.figures")) {
                String where = "report.figures[" + i++ + "]";
                ObjectNode figure = object(f, where);
                keys(figure, where, "name", "title", "columns", "panels");
                String name = text(figure, "name", null);
                if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                    throw InvalidParameterException.of(COMPONENT, where + ".name", name, "a file name (letters, "
                            + "digits, '.', '_', '-')");
                }
                List<StudySpec.Panel> panels = new ArrayList<>();
                int j = 0;
                for (JsonNode p : array(figure.get("panels"), where + ".panels")) {
                    String at2 = where + ".panels[" + j++ + "]";
                    ObjectNode panel = object(p, at2);
                    keys(panel, at2, "title", "metric", "where");
                    String metric = text(panel, "metric", null);
                    if (metric == null) {
                        throw new InvalidParameterException(COMPONENT, at2 + ".metric", "is missing");
                    }
                    panels.add(new StudySpec.Panel(text(panel, "title", ""), metric,
                            when(panel.get("where"), at2 + ".where", labels)));
                }
                int columns = figure.has("columns") ? figure.get("columns").asInt() : Math.min(2, panels.size());
                if (panels.isEmpty() || columns < 1) {
                    throw new InvalidParameterException(COMPONENT, where, "needs at least one panel and columns >= 1");
                }
                figures.add(new StudySpec.Figure(name, text(figure, "title", name), columns, panels));
            }
        }
        List<StudySpec.Reference> reference = new ArrayList<>();
        if (report.has("reference")) {
            int i = 0;
            for (JsonNode r : array(report.get("reference"), "report.reference")) {
                String where = "report.reference[" + i++ + "]";
                ObjectNode ref = object(r, where);
                keys(ref, where, "setting", "where", "accuracy", "loss");
                reference.add(new StudySpec.Reference(text(ref, "setting", ""), when(ref.get("where"),
                        where + ".where", labels), text(ref, "accuracy", null), text(ref, "loss", null)));
            }
        }
        return new StudySpec.ReportSpec(at, series, metrics, text(report, "xTitle", null), figures, reference,
                text(report, "referenceSource", ""));
    }

    private static ObjectNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw InvalidParameterException.of(COMPONENT, where, node == null ? "nothing" : node.toString(),
                    "a mapping of keys to values");
        }
        return (ObjectNode) node;
    }

    private static JsonNode array(JsonNode node, String where) {
        if (node == null || !node.isArray()) {
            throw InvalidParameterException.of(COMPONENT, where, node == null ? "nothing" : node.toString(), "a list");
        }
        return node;
    }

    private static void keys(ObjectNode node, String where, String... allowed) {
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw InvalidParameterException.of(COMPONENT, where.equals("the study") ? key : where + "." + key,
                        "'" + key + "'", "one of the keys " + List.of(allowed) + " of " + where);
            }
        }
    }

    private static String text(ObjectNode node, String key, String fallback) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }
}
