package org.altmin.experiments.study;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import com.google.inject.Key;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.RunSpec;
import org.altmin.experiments.data.DataSet;
import org.altmin.experiments.data.DataSets;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;

/**
 * A {@link StudySpec} expanded to its runs: every combination of the axes' values (the first axis outermost), less
 * the excluded ones, times every seed. Each run's spec is the base with, in order, each axis value's settings, the
 * matching overrides, the scale's settings and overrides, and the seed; its components are then resolved by name
 * (every default filled in, as a run's {@code spec.yaml} records them), which checks every name and parameter before
 * any run starts. Two runs with the same resolved spec are a duplicated run (bad input).
 *
 * @param spec  the study
 * @param scale the scale applied, or null
 * @param runs  the runs, in order
 */
public record StudyPlan(StudySpec spec, String scale, List<StudyRun> runs) {
    /** Hex digits of the resolved spec's SHA-256 in a run's name. */
    public static final int HASH_DIGITS = 8;

    public StudyPlan {
        runs = List.copyOf(runs);
    }

    /**
     * One run of the study.
     *
     * @param name   its directory name: the axis labels and the seed, then the hash
     * @param labels axis name to value label, in axis order
     * @param seed   the master seed
     * @param spec   the spec with its components resolved (the data set as given: its sizes resolve on loading)
     * @param hash   the first {@value #HASH_DIGITS} hex digits of the SHA-256 of {@code spec} as YAML
     */
    public record StudyRun(String name, Map<String, String> labels, long seed, RunSpec spec, String hash) {
        public StudyRun {
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /** The setting: the labels joined by ', ' ({@code dlam, mnist, 10-10}), without the seed. */
        public String setting() {
            return String.join(", ", labels.values());
        }
    }

    /** Expands {@code spec} (with the scale {@code scale}, or none when null), resolving components with the injector. */
    public static StudyPlan expand(StudySpec spec, String scale, Injector injector) {
        StudySpec.Scale chosen = null;
        if (scale != null) {
            chosen = spec.scales().get(scale);
            if (chosen == null) {
                throw InvalidParameterException.of(StudySpecIo.COMPONENT, "scale", "'" + scale + "'",
                        spec.scales().isEmpty() ? "absent: study " + spec.name() + " has no scales"
                                : "one of " + new TreeSet<>(spec.scales().keySet()));
            }
        }
        Map<String, DataSet> dataSets = injector.getInstance(Key.get(DataSets.MAP));
        List<Map<String, StudySpec.Value>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (StudySpec.Axis axis : spec.axes()) {
            List<Map<String, StudySpec.Value>> next = new ArrayList<>();
            for (Map<String, StudySpec.Value> partial : combinations) {
                for (StudySpec.Value value : axis.values()) {
                    Map<String, StudySpec.Value> combination = new LinkedHashMap<>(partial);
                    combination.put(axis.name(), value);
                    next.add(combination);
                }
            }
            combinations = next;
        }
        List<StudyRun> runs = new ArrayList<>();
        Map<String, String> byHash = new LinkedHashMap<>();
        for (Map<String, StudySpec.Value> combination : combinations) {
            Map<String, String> labels = new LinkedHashMap<>();
            combination.forEach((axis, value) -> labels.put(axis, value.label()));
            if (spec.exclude().stream().anyMatch(e -> e.entrySet().stream()
                    .allMatch(w -> w.getValue().equals(labels.get(w.getKey()))))) {
                continue;
            }
            ObjectNode tree = spec.base();
            for (StudySpec.Value value : combination.values()) {
                value.set().forEach((path, v) -> set(tree, path, v));
            }
            for (StudySpec.Rule rule : spec.overrides()) {
                if (rule.matches(labels)) {
                    rule.set().forEach((path, v) -> set(tree, path, v));
                }
            }
            if (chosen != null) {
                chosen.set().forEach((path, v) -> set(tree, path, v));
                for (StudySpec.Rule rule : chosen.overrides()) {
                    if (rule.matches(labels)) {
                        rule.set().forEach((path, v) -> set(tree, path, v));
                    }
                }
            }
            for (long seed : spec.seeds()) {
                tree.put("seed", seed);
                String where = "run " + String.join("/", labels.values()) + " seed " + seed;
                RunSpec resolved = resolve(tree, where, injector, dataSets);
                String hash = hash(resolved);
                String name = name(labels, seed, hash);
                String previous = byHash.putIfAbsent(hash, where);
                if (previous != null) {
                    throw new InvalidParameterException(StudySpecIo.COMPONENT, where, "has the same resolved spec as "
                            + previous + " (hash " + hash + "): a duplicated run; make the axes' values differ");
                }
                runs.add(new StudyRun(name, labels, seed, resolved, hash));
            }
        }
        if (runs.isEmpty()) {
            throw new InvalidParameterException(StudySpecIo.COMPONENT, "exclude", "leaves no run: an empty grid");
        }
        return new StudyPlan(spec, scale, runs);
    }

    private static RunSpec resolve(ObjectNode tree, String where, Injector injector, Map<String, DataSet> dataSets) {
        // a parameter set on a component the base leaves out (optimizer.params.rho) is one of the default component
        Map.of("optimizer", RunSpec.DEFAULT_OPTIMIZER, "loss", RunSpec.DEFAULT_LOSS, "regularizer",
                RunSpec.DEFAULT_REGULARIZER, "activation", RunSpec.DEFAULT_ACTIVATION).forEach((key, name) -> {
                    if (tree.get(key) instanceof ObjectNode component && !component.has("name")) {
                        component.put("name", name);
                    }
                });
        RunSpec spec;
        try {
            spec = RunSpecIo.json().treeToValue(tree, RunSpec.class);
        } catch (JacksonException e) {
            if (e.getCause() instanceof InvalidParameterException invalid) {
                throw new InvalidParameterException(StudySpecIo.COMPONENT, where, invalid.getMessage());
            }
            throw new InvalidParameterException(StudySpecIo.COMPONENT, where, "is not a valid run spec: "
                    + e.getOriginalMessage());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(StudySpecIo.COMPONENT, where, e.getMessage());
        }
        if (spec == null) {
            spec = RunSpec.defaults();
        }
        if (!dataSets.containsKey(spec.data().name())) {
            throw InvalidParameterException.of(StudySpecIo.COMPONENT, where + " data.name", "'" + spec.data().name()
                    + "'", "one of " + new TreeSet<>(dataSets.keySet()));
        }
        Wiring.Components c;
        try {
            c = Wiring.components(spec, injector);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(StudySpecIo.COMPONENT, where, e.getMessage());
        }
        return new RunSpec(c.optimizer().spec(), c.loss().spec(), c.regularizer().spec(), c.activation().spec(),
                spec.hiddenWidths(), spec.data(), spec.iterations(), spec.seed(), spec.dtype(), spec.modules());
    }

    /** Sets {@code path} (dot-separated) in the tree; a component given by its name becomes {@code {name: ...}}. */
    static void set(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        boolean component = parts.length == 1 ? COMPONENTS.contains(parts[0])
                : parts.length >= 2 && parts[parts.length - 2].equals("parts");
        JsonNode leaf = value.deepCopy();
        if (component && leaf.isTextual()) {
            ObjectNode named = JsonNodeFactory.instance.objectNode();
            named.put("name", leaf.asText());
            leaf = named;
        }
        node.set(parts[parts.length - 1], leaf);
    }

    private static final Set<String> COMPONENTS = Set.of("optimizer", "loss", "regularizer", "activation");

    /** The first {@value #HASH_DIGITS} hex digits of the SHA-256 of the spec as YAML. */
    public static String hash(RunSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(RunSpecIo.toYaml(spec)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code <label>_<label>_..._seed<S>_<hash>}, with characters unsafe in file names replaced. */
    static String name(Map<String, String> labels, long seed, String hash) {
        List<String> parts = new ArrayList<>(labels.values());
        parts.add("seed" + seed);
        parts.add(hash);
        return String.join("_", parts).replaceAll("[^A-Za-z0-9.=-]", "_");
    }
}
