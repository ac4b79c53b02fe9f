package org.altmin.solvers.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.State;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The complete state of a run after some iteration, as named arrays, numbers and integers: what a {@link Resumable}
 * session saves into a checkpoint and restores from one. Names are flat strings (e.g. {@code W_1},
 * {@code wa_2}, {@code steps.W_1}, {@code adam.m.W_1}); {@link #within} gives a view whose names carry a prefix,
 * so that a part (a block, a stepper) saves under its own names.
 *
 * <p>Saved arrays are kept by reference (a snapshot is written out before the next iteration changes them); a
 * restored array is copied into the live one by {@link #restore(String, INDArray)}, which checks its shape and dtype.
 * A missing or mismatched entry is an {@link InvalidParameterException} naming it: a checkpoint of another run.
 */
public final class Snapshot {
    private static final String COMPONENT = "checkpoint";

    private final Map<String, INDArray> arrays;
    private final Map<String, Double> numbers;
    private final Map<String, Long> integers;
    private final String prefix;

    private Snapshot(Map<String, INDArray> arrays, Map<String, Double> numbers, Map<String, Long> integers,
            String prefix) {
        this.arrays = arrays;
        this.numbers = numbers;
        this.integers = integers;
        this.prefix = prefix;
    }

    /** An empty snapshot, to save into. */
    public static Snapshot empty() {
        return new Snapshot(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), "");
    }

    /** A snapshot of what a checkpoint holds, to restore from (the maps are copied). */
    public static Snapshot of(Map<String, INDArray> arrays, Map<String, Double> numbers, Map<String, Long> integers) {
        return new Snapshot(new LinkedHashMap<>(arrays), new LinkedHashMap<>(numbers), new LinkedHashMap<>(integers),
                "");
    }

    /** A view of this snapshot whose names are prefixed with {@code scope + "."}. */
    public Snapshot within(String scope) {
        return new Snapshot(arrays, numbers, integers, prefix + scope + ".");
    }

    /** Saves an array (by reference). */
    public Snapshot put(String name, INDArray value) {
        arrays.put(fresh(name), value);
        return this;
    }

    /** Saves a number (NaN and infinities included). */
    public Snapshot put(String name, double value) {
        numbers.put(fresh(name), value);
        return this;
    }

    /** Saves an integer (a counter, an iteration). */
    public Snapshot put(String name, long value) {
        integers.put(fresh(name), value);
        return this;
    }

    /** Whether an array, number or integer of that name is held. */
    public boolean has(String name) {
        String key = prefix + name;
        return arrays.containsKey(key) || numbers.containsKey(key) || integers.containsKey(key);
    }

    /** The saved array {@code name}. */
    public INDArray array(String name) {
        INDArray a = arrays.get(prefix + name);
        if (a == null) {
            throw missing("array", name);
        }
        return a;
    }

    /** Copies the saved array {@code name} into {@code target} (the live array), which it must match in shape and dtype. */
    public void restore(String name, INDArray target) {
        INDArray saved = array(name);
        if (!Arrays.equals(saved.shape(), target.shape()) || saved.dataType() != target.dataType()) {
            throw InvalidParameterException.of(COMPONENT, prefix + name,
                    Arrays.toString(saved.shape()) + " " + saved.dataType(),
                    "the run's " + Arrays.toString(target.shape()) + " " + target.dataType()
                            + " (a checkpoint of another network or dtype)");
        }
        target.assign(saved);
    }

    /** The saved number {@code name}. */
    public double number(String name) {
        Double v = numbers.get(prefix + name);
        if (v == null) {
            throw missing("number", name);
        }
        return v;
    }

    /** The saved integer {@code name}. */
    public long integer(String name) {
        Long v = integers.get(prefix + name);
        if (v == null) {
            throw missing("integer", name);
        }
        return v;
    }

    /** The saved integer {@code name} as an int, which must lie in {@code [min, max]}. */
    public int integer(String name, int min, int max) {
        long v = integer(name);
        if (v < min || v > max) {
            throw InvalidParameterException.of(COMPONENT, prefix + name, v, "in [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    /** The names (without this view's prefix) of the saved numbers that start with {@code start}, in saved order. */
    public List<String> numberNames(String start) {
        List<String> names = new ArrayList<>();
        for (String key : numbers.keySet()) {
            if (key.startsWith(prefix + start)) {
                names.add(key.substring(prefix.length()));
            }
        }
        return names;
    }

    /** The names (without this view's prefix) of the saved arrays that start with {@code start}, in saved order. */
    public List<String> arrayNames(String start) {
        List<String> names = new ArrayList<>();
        for (String key : arrays.keySet()) {
            if (key.startsWith(prefix + start)) {
                names.add(key.substring(prefix.length()));
            }
        }
        return names;
    }

    /** Saves every variable of {@code state} as {@code <variable>_<l>} (not a_0 = x, which never changes). */
    public Snapshot putState(State state) {
        for (String variable : state.variables()) {
            for (int l = 1; l <= state.layers(); l++) {
                INDArray a = state.variable(variable, l);
                if (a != null) {
                    put(variable + "_" + l, a);
                }
            }
        }
        return this;
    }

    /** Restores every variable of {@code state} saved by {@link #putState}. */
    public void restoreState(State state) {
        for (String variable : state.variables()) {
            for (int l = 1; l <= state.layers(); l++) {
                INDArray a = state.variable(variable, l);
                if (a != null) {
                    restore(variable + "_" + l, a);
                }
            }
        }
    }

    /** Every saved array, by full name, in saved order. */
    public Map<String, INDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Every saved number, by full name. */
    public Map<String, Double> numbers() {
        return Collections.unmodifiableMap(numbers);
    }

    /** Every saved integer, by full name. */
    public Map<String, Long> integers() {
        return Collections.unmodifiableMap(integers);
    }

    private String fresh(String name) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9_.#-]+")) {
            throw InvalidParameterException.of(COMPONENT, "name", "'" + name + "'",
                    "letters, digits and _ . # - (it becomes a file name in the .npz)");
        }
        String key = prefix + name;
        if (arrays.containsKey(key) || numbers.containsKey(key) || integers.containsKey(key)) {
            throw InvalidParameterException.of(COMPONENT, "name", "'" + key + "'", "a name not saved yet");
        }
        return key;
    }

    private InvalidParameterException missing(String kind, String name) {
        return new InvalidParameterException(COMPONENT, prefix + name, "is missing: the checkpoint holds no " + kind
                + " of that name (a checkpoint of another optimizer or network)");
    }
}
