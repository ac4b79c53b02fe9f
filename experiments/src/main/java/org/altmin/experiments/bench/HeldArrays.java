package org.altmin.experiments.bench;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ND4J bytes an object holds: the distinct data buffers of every {@link INDArray} reachable from it through the
 * fields of altmin's own classes ({@code org.altmin.*}, their lambdas included), arrays, collections and maps,
 * each buffer counted once (views share their base buffer). ND4J's own counters do not see its CPU buffers and the
 * process's resident set mixes in the allocator's reuse, so the benchmarks count the arrays themselves.
 */
final class HeldArrays {
    private HeldArrays() {}

    /** The bytes of the buffers reachable from {@code root} and not from {@code exclude} (e.g. the problem's data). */
    static long ndBytes(Object root, Object exclude) {
        Map<Long, Long> excluded = buffers(exclude);
        long total = 0;
        for (Map.Entry<Long, Long> e : buffers(root).entrySet()) {
            if (!excluded.containsKey(e.getKey())) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** Each reachable buffer's address and size in bytes. */
    static Map<Long, Long> buffers(Object root) {
        Map<Long, Long> out = new HashMap<>();
        if (root == null) {
            return out;
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        java.util.function.Consumer<Object> push = x -> {
            if (x != null) {
                todo.push(x);
            }
        };
        push.accept(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof INDArray x) {
                if (!x.isEmpty() && x.data() != null) {
                    add(out, x.data());
                }
            } else if (o instanceof DataBuffer d) {
                add(out, d);
            } else if (o instanceof Collection<?> c) {
                c.forEach(push);
            } else if (o instanceof Map<?, ?> m) {
                m.keySet().forEach(push);
                m.values().forEach(push);
            } else if (o.getClass().isArray()) {
                if (!o.getClass().getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        push.accept(Array.get(o, i));
                    }
                }
            } else if (o.getClass().getName().startsWith("org.altmin.")) {
                for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                            continue;
                        }
                        try {
                            f.setAccessible(true);
                            push.accept(f.get(o));
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            // a field that cannot be read (a JDK-internal type) holds no altmin array
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void add(Map<Long, Long> out, DataBuffer d) {
        DataBuffer base = d.originalDataBuffer() != null ? d.originalDataBuffer() : d;
        out.merge(base.address(), base.length() * base.getElementSize(), Math::max);
    }
}
