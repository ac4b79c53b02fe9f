package org.altmin.solvers.core;

import java.util.HashMap;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named scratch buffers for the blocks of one run, allocated on first use and reused for the rest of the run, so
 * that no iteration allocates an N-sized array (a fresh 24 MB ND4J array costs about 100 ms in page faults). A
 * block asks for {@code buffer("residual", l, rows, cols)}; the same name and layer always give the same array.
 * Blocks of one sweep that use the same name share the buffer, so a block keeps no data in a buffer between calls
 * (names are conventions, documented where they are shared, e.g. {@code "residual"} for
 * {@code z_l - W_l a_{l-1} - b_l}). Not thread-safe.
 */
public final class Workspace {
    private final DataType dtype;
    private final Map<String, Map<Integer, INDArray>> buffers = new HashMap<>();

    public Workspace(DataType dtype) {
        this.dtype = dtype;
    }

    public DataType dtype() {
        return dtype;
    }

    /** The buffer {@code name} of layer {@code layer}, of shape {@code rows x cols} (its contents are arbitrary). */
    public INDArray buffer(String name, int layer, long rows, long cols) {
        return buffer(name, layer, dtype, rows, cols);
    }

    /**
     * The buffer {@code name} of layer {@code layer} in {@code type} rather than the run's type (e.g. a small
     * DOUBLE system solved beside FLOAT iterates); a name has one type, the one it was first allocated with.
     */
    public INDArray buffer(String name, int layer, DataType type, long rows, long cols) {
        Map<Integer, INDArray> byLayer = buffers.computeIfAbsent(name, n -> new HashMap<>());
        INDArray b = byLayer.get(layer);
        if (b == null) {
            b = Nd4j.create(type, rows, cols);
            byLayer.put(layer, b);
        } else if (b.dataType() != type) {
            throw InvalidParameterException.of("Workspace", name + "[" + layer + "]", type,
                    "the type it was first allocated with, " + b.dataType());
        } else if (b.rows() != rows || b.columns() != cols) {
            throw InvalidParameterException.of("Workspace", name + "[" + layer + "]", rows + "x" + cols,
                    "the shape it was first allocated with, " + b.rows() + "x" + b.columns());
        }
        return b;
    }
}
