package org.altmin.api;

import java.util.List;

/**
 * Everything that defines a run, by name and value: immutable, serializable to YAML/JSON, and written to the
 * run directory fully resolved (every default filled in) before the run starts. Null fields take the defaults
 * below, each defined once.
 *
 * @param optimizer    e.g. {@code dlam} with {@code rho}, {@code epsilon}, and its block updates as parts
 * @param loss         the risk R, e.g. {@code cross-entropy}
 * @param regularizer  Omega, the same on every layer, e.g. {@code none}
 * @param activation   h, the same on every hidden layer, e.g. {@code relu}
 * @param hiddenWidths {@code n_1..n_{L-1}}; input and output widths come from the data
 * @param data         the data set
 * @param iterations   the iteration budget
 * @param seed         the master seed (see {@link Seeds})
 * @param dtype        {@code FLOAT} or {@code DOUBLE}
 * @param modules      extra Guice modules to install, by class name (plug-ins; also found by ServiceLoader)
 */
public record RunSpec(
        ComponentSpec optimizer,
        ComponentSpec loss,
        ComponentSpec regularizer,
        ComponentSpec activation,
        List<Integer> hiddenWidths,
        DataSpec data,
        Integer iterations,
        Long seed,
        String dtype,
        List<String> modules) {
    public static final String DEFAULT_OPTIMIZER = "dlam";
    public static final String DEFAULT_LOSS = "cross-entropy";
    public static final String DEFAULT_REGULARIZER = "none";
    public static final String DEFAULT_ACTIVATION = "relu";
    public static final List<Integer> DEFAULT_HIDDEN_WIDTHS = List.of(100, 100);
    public static final int DEFAULT_ITERATIONS = 200;
    public static final long DEFAULT_SEED = 42L;
    public static final String DEFAULT_DTYPE = "FLOAT";

    public RunSpec {
        optimizer = optimizer != null ? optimizer : ComponentSpec.of(DEFAULT_OPTIMIZER);
        loss = loss != null ? loss : ComponentSpec.of(DEFAULT_LOSS);
        regularizer = regularizer != null ? regularizer : ComponentSpec.of(DEFAULT_REGULARIZER);
        activation = activation != null ? activation : ComponentSpec.of(DEFAULT_ACTIVATION);
        hiddenWidths = List.copyOf(hiddenWidths != null ? hiddenWidths : DEFAULT_HIDDEN_WIDTHS);
        data = data != null ? data : DataSpec.of(DataSpec.DEFAULT_NAME);
        iterations = iterations != null ? iterations : DEFAULT_ITERATIONS;
        seed = seed != null ? seed : DEFAULT_SEED;
        dtype = dtype != null ? dtype.toUpperCase(java.util.Locale.ROOT) : DEFAULT_DTYPE;
        modules = List.copyOf(modules != null ? modules : List.of());
        for (int i = 0; i < hiddenWidths.size(); i++) {
            if (hiddenWidths.get(i) == null || hiddenWidths.get(i) < 1) {
                throw InvalidParameterException.of("RunSpec", "hiddenWidths[" + i + "]", hiddenWidths.get(i), ">= 1");
            }
        }
        if (iterations < 1) {
            throw InvalidParameterException.of("RunSpec", "iterations", iterations, ">= 1");
        }
        if (!dtype.equals("FLOAT") && !dtype.equals("DOUBLE")) {
            throw InvalidParameterException.of("RunSpec", "dtype", dtype, "FLOAT or DOUBLE");
        }
    }

    /** All defaults. */
    public static RunSpec defaults() {
        return new RunSpec(null, null, null, null, null, null, null, null, null, null);
    }

    /** The ND4J data type of {@link #dtype()}. */
    public org.nd4j.linalg.api.buffer.DataType dataType() {
        return org.nd4j.linalg.api.buffer.DataType.valueOf(dtype);
    }
}
