package org.altmin.activations;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-thread scratch buffers, one per (data type, ordering, shape), so that an array method that needs a
 * temporary (the logit of tanh and sigmoid needs {@code y} and {@code 1 - y} at once) allocates it on its first
 * call only. Thread-confined: each thread has its own buffers, so concurrent calls from different threads are
 * safe; a thread keeps at most {@value #MAX_PER_THREAD} buffers (least recently used evicted), each the size of
 * the array it shadows. Allocated outside any ND4J workspace, so that a caller's workspace scope cannot
 * invalidate them.
 */
final class Scratch {
    private Scratch() {}

    static final int MAX_PER_THREAD = 4;

    private record Key(DataType dataType, char ordering, String shape) {}

    private static final ThreadLocal<Map<Key, INDArray>> BUFFERS = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(8, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, INDArray> eldest) {
                    return size() > MAX_PER_THREAD;
                }
            });

    /** A buffer of the type, ordering and shape of {@code like}, with arbitrary contents. */
    @SuppressWarnings("try") // the scope is entered for its effect only
    static INDArray like(INDArray like) {
        char ordering = like.ordering();
        Key key = new Key(like.dataType(), ordering, Arrays.toString(like.shape()));
        Map<Key, INDArray> buffers = BUFFERS.get();
        INDArray buffer = buffers.get(key);
        if (buffer == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffer = Nd4j.createUninitializedDetached(like.dataType(), ordering, like.shape());
            }
            buffers.put(key, buffer);
        }
        return buffer;
    }
}
