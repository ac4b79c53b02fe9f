package org.altmin.losses;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scratch arrays owned by one component instance and reused across calls, so that a hot loop (DLAM calls the
 * risk's prox on a {@code 10 x 60000} array every iteration) allocates nothing after its first call. Arrays are
 * keyed by slot, data type and shape; the {@value #MAX_ENTRIES} most recently used keys are kept, so a
 * regularizer shared by all layers keeps one buffer per layer shape while an unbounded stream of shapes cannot
 * leak memory.
 *
 * <p><b>Not thread-safe</b>: the owning component must not be called concurrently from several threads.
 */
final class Scratch {
    /** The most keys kept; older ones are dropped (and their arrays garbage-collected). */
    static final int MAX_ENTRIES = 16;

    private record Key(int slot, DataType type, List<Long> shape) {}

    private final Map<Key, INDArray> arrays = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, INDArray> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** A c-order array of {@code type} and {@code shape} for {@code slot}; its contents are unspecified. */
    INDArray get(int slot, DataType type, long... shape) {
        return arrays.computeIfAbsent(new Key(slot, type, Arrays.stream(shape).boxed().toList()),
                key -> Nd4j.createUninitialized(type, shape));
    }

    /** A c-order array of the shape and type of {@code like}, for {@code slot}. */
    INDArray like(int slot, INDArray like) {
        return get(slot, like.dataType(), like.shape());
    }

    /** A {@code 1 x N} row with one entry per column (sample) of the 2-D array {@code like}, for {@code slot}. */
    INDArray row(int slot, INDArray like) {
        return get(slot, like.dataType(), 1, like.columns());
    }

    /** For tests: the number of arrays held. */
    int size() {
        return arrays.size();
    }

    @Override
    public String toString() {
        return "Scratch" + Arrays.toString(arrays.keySet().toArray());
    }
}
