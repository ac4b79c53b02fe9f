package org.altmin.experiments.run;

import java.util.Locale;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationUnit;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.RunSpec;
import org.altmin.experiments.data.Footprint;
import org.bytedeco.javacpp.Pointer;

/**
 * Refuses a run that will not fit in memory before it allocates (and before its directory exists), naming the
 * estimate and the setting that would make room, instead of an {@code OutOfMemoryError} or a native
 * {@code bad_alloc} part-way. Two checks: loading the data against the free Java heap, and the run's ND4J arrays
 * (data, state, workspace) against what ND4J may still allocate off the heap: JavaCPP's limit
 * ({@code org.bytedeco.javacpp.maxbytes}, by default the maximum heap {@code -Xmx}) and its physical-memory limit
 * ({@code org.bytedeco.javacpp.maxphysicalbytes}), never more than the machine's memory.
 *
 * <p>The run's arrays, in elements, with {@code S = n_1 + ... + n_L} the widths of the layers and N the training
 * samples: the forward-pass evaluation of every data set ({@code S} per training, validation and test sample), the
 * weights and biases with four copies (the values, a step or gradient, and an optimizer's memory of them), and per
 * training sample {@code 6 S} for a block method (z and a, the coupling cache {@code W_l a_{l-1}} and three
 * workspace buffers per layer) or {@code 3 S} per minibatch sample for a gradient method (activations, their
 * gradients and a scratch). The estimate is deliberately generous: refusing a run that would just have fit costs
 * a flag, running out of memory after an hour costs the hour.
 */
public final class MemoryEstimate {
    /** Copies of the weights an optimizer holds (values, step or gradient, its memory). */
    static final int WEIGHT_COPIES = 4;
    /** Per training sample and unit of width: z, a, the product cache and three workspace buffers. */
    static final int BLOCK_METHOD_BUFFERS = 6;
    /** Per minibatch sample and unit of width: activations, their gradients and a scratch. */
    static final int GRADIENT_METHOD_BUFFERS = 3;
    /** The headroom asked for in the suggested -Xmx. */
    private static final double HEADROOM = 1.25;
    private static final long GIB = 1L << 30;

    private MemoryEstimate() {}

    /** Checks the Java heap a data set's load needs against what is free now. */
    public static void checkLoad(String dataset, Footprint footprint) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long free = runtime.maxMemory() - used;
        long machine = Pointer.totalPhysicalBytes();
        if (machine > 0 && footprint.heapBytes() > machine) {
            throw new InvalidParameterException("run", "memory", "loading " + dataset + " (" + footprint.what()
                    + ") needs about " + human(footprint.heapBytes()) + " of Java heap, more than this machine's "
                    + human(machine) + ": use a smaller data set or --train-size/--test-size");
        }
        if (footprint.heapBytes() > free) {
            throw new InvalidParameterException("run", "memory", "loading " + dataset + " (" + footprint.what()
                    + ") needs about " + human(footprint.heapBytes()) + " of Java heap, more than the "
                    + human(free) + " free of -Xmx " + human(runtime.maxMemory()) + ": " + advice(used
                    + footprint.heapBytes()) + " or a smaller --train-size/--test-size");
        }
        checkOffHeap("the data of " + dataset + " (" + footprint.what() + ")", footprint.offHeapBytes());
    }

    /** The bytes of ND4J arrays a run of {@code optimizer} on {@code problem} allocates, by the class comment. */
    public static long runBytes(Problem problem, Optimizer optimizer, RunSpec resolved, long validationSamples) {
        NetworkSpec network = problem.network();
        long width = 0;
        long weights = 0;
        for (int l = 1; l <= network.layers(); l++) {
            width += network.width(l);
            weights = Footprint.plus(weights, Footprint.times(network.width(l), network.width(l - 1) + 1L));
        }
        long n = problem.data().samples();
        long evaluated = n + validationSamples + (problem.data().hasTest() ? problem.data().xTest().columns() : 0);
        long elements = Footprint.plus(Footprint.times(width, evaluated), Footprint.times(weights, WEIGHT_COPIES));
        if (optimizer.unit() == IterationUnit.EPOCH) {
            long batch = Math.min(n, batchSize(resolved, n));
            elements = Footprint.plus(elements, Footprint.times(Footprint.times(width, batch),
                    GRADIENT_METHOD_BUFFERS));
        } else {
            elements = Footprint.plus(elements, Footprint.times(Footprint.times(width, n), BLOCK_METHOD_BUFFERS));
            // The Gram matrix x x^T of the input (DLAM's W_1 trials) and a product of W_1 with it.
            elements = Footprint.plus(elements, Footprint.times(Footprint.times(network.inputs(),
                    network.inputs()), 2));
        }
        return Footprint.times(elements, Footprint.bytes(problem.data().dtype()));
    }

    /** Checks {@link #runBytes} against what ND4J may still allocate. */
    public static void checkRun(Problem problem, Optimizer optimizer, RunSpec resolved, long validationSamples) {
        long need = runBytes(problem, optimizer, resolved, validationSamples);
        checkOffHeap("training " + resolved.optimizer().name() + " on " + problem.network().widths() + " with "
                + problem.data().samples() + " samples " + problem.data().dtype(), need);
    }

    private static void checkOffHeap(String what, long need) {
        long max = Pointer.maxBytes();
        long physicalMax = Pointer.maxPhysicalBytes();
        long machine = Pointer.totalPhysicalBytes();
        long available = Long.MAX_VALUE;
        String limit = null;
        if (max > 0) {
            available = Math.max(0, max - Pointer.totalBytes());
            limit = "org.bytedeco.javacpp.maxbytes " + human(max);
        }
        if (physicalMax > 0 && physicalMax - Pointer.physicalBytes() < available) {
            available = Math.max(0, physicalMax - Pointer.physicalBytes());
            limit = "org.bytedeco.javacpp.maxphysicalbytes " + human(physicalMax);
        }
        if (need <= available && (machine <= 0 || need <= machine)) {
            return;
        }
        if (machine > 0 && need > machine) {
            throw new InvalidParameterException("run", "memory", what + " needs about " + human(need)
                    + " of ND4J memory, more than this machine's " + human(machine) + ": use smaller --widths or "
                    + "a smaller --train-size");
        }
        throw new InvalidParameterException("run", "memory", what + " needs about " + human(need)
                + " of ND4J memory, more than the " + human(available) + " it may still allocate (" + limit + "): "
                + advice(need) + " (ND4J's limit follows -Xmx unless -Dorg.bytedeco.javacpp.maxbytes is set), or "
                + "smaller --widths or --train-size");
    }

    private static long batchSize(RunSpec resolved, long n) {
        Object value = resolved.optimizer().params().get("batchSize");
        return value instanceof Number number && number.longValue() > 0 ? number.longValue() : n;
    }

    private static String advice(long bytes) {
        long gib = Math.max(1, (long) Math.ceil(bytes * HEADROOM / GIB));
        return "set JAVA_OPTS=-Xmx" + gib + "g";
    }

    /** Bytes in binary units, e.g. {@code 1.5 GiB}. */
    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
