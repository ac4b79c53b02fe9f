package org.altmin.api.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The chunk driver of the fused elementwise kernels: it splits an array's flat buffer into segments of
 * {@value #CHUNK} entries, hands each segment to a kernel with this thread's scratch arrays, runs the segments in
 * parallel on the common fork-join pool when the array is large, and returns one partial result per segment in a
 * fixed order, so that what a caller combines from them does not depend on the thread schedule.
 *
 * <p><b>Why.</b> At MNIST's shape an {@code n_l x N} FLOAT array is 24 MB, far beyond cache, and every ND4J
 * elementwise op or reduction streams the whole of it through memory (1-4 ms a pass). A computation written op by
 * op ({@code z - W a - b} and its norm, a band projection, a clip) is four to sixteen such passes; fused into one
 * pass it reads each operand once and writes each output once. The pattern: bulk-copy a segment of each operand from
 * the ND4J buffer ({@code data().asNioFloat()} / {@code asNioDouble()}: absolute bulk get and put, safe from several
 * threads) into per-thread Java arrays, run plain loops on them (which C2 vectorizes), bulk-copy the outputs back.
 * A segment's arrays stay in a core's L2 cache. Callers: {@code org.altmin.solvers.kernels.Fused} (the DLAM
 * kernels), the activations' single-pass bounds ({@code org.altmin.activations.Elementwise}) and the cross-entropy
 * prox's column blocks ({@code org.altmin.losses.SoftmaxProxNewton}).
 *
 * <p><b>Layout.</b> {@link #flat} says whether arrays may be treated as one flat buffer each, the same entry at
 * the same index in all of them; {@link #rowMajor} adds rank 2 and c order, so that a row is a contiguous run of
 * the buffer (for kernels that broadcast a vector over the columns, or address rows). Arrays that fail the test are
 * the caller's to handle, usually by falling back to the ND4J ops the kernel replaces.
 *
 * <p><b>Segments.</b> {@link #pass(int, int, Segment)} covers an {@code rows x cols} row-major buffer by
 * {@link #perRow(int) perRow(cols)} segments per row (none crosses a row's end; the last of a row may be short),
 * row by row; {@link #pass(int, Segment)} is the flat case, one row of {@code length} entries, whose segment
 * {@code s} starts at {@code s * CHUNK}. {@link #forEach} is the same schedule for tasks of another shape (the
 * cross-entropy prox solves blocks of columns).
 *
 * <p><b>Schedule.</b> Segments run in parallel when there is more than one and the array has at least
 * {@value #PARALLEL_MIN} entries ({@link #parallel(long)}), on the common fork-join pool (the calling thread and
 * {@code availableProcessors - 1} workers) unless {@link #setParallelism} chose another number of threads
 * ({@link ThreadPolicy} does, per workload; 1 runs every pass on the calling thread); smaller arrays (such as the W
 * block's {@code n_l x n_{l-1}} ones) run on the calling thread, which does them in well under 0.1 ms, less than
 * waking a second thread costs on a busy machine. Every segment's result lands in its own slot of the returned
 * array; {@link #sum} and {@link #rowSums} combine them in index order, so a pass gives the same bits serially and in
 * parallel, on any number of threads.
 *
 * <p><b>Scratch.</b> Each thread has one {@link Scratch}: up to {@value #SLOTS} float and {@value #SLOTS} double
 * arrays of {@value #CHUNK} entries each, allocated on first use and kept for the thread's life, so no pass
 * allocates anything of the arrays' size (only the partial results, one double per segment). A kernel may use them
 * freely within its segment; it must not start another pass from inside one (that pass would share the thread's
 * scratch).
 */
public final class Segments {
    /**
     * Entries per segment: five FLOAT (or DOUBLE) scratch arrays of this size, a kernel's operands and outputs, stay
     * within a core's L2 cache.
     */
    public static final int CHUNK = 4096;
    /** Arrays with fewer entries run on the calling thread (see the class comment). */
    public static final int PARALLEL_MIN = 1 << 18;
    /** Scratch arrays per thread and type. */
    public static final int SLOTS = 8;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** What {@link #parallelism()} is by default: the common pool's workers and the calling thread. */
    private static final int COMMON = ForkJoinPool.getCommonPoolParallelism() + 1;
    /** The threads of a parallel pass; {@link #COMMON} for the common pool. */
    private static volatile int parallelism = COMMON;
    /** The pool of {@link #parallelism} workers when it is not the common pool's; null for the common pool. */
    private static volatile ForkJoinPool pool;

    private Segments() {}

    /**
     * One thread's scratch arrays: {@link #SLOTS} float and {@link #SLOTS} double arrays of {@link #CHUNK} entries,
     * with arbitrary contents on entry to a segment.
     */
    public static final class Scratch {
        private final float[][] floats = new float[SLOTS][];
        private final double[][] doubles = new double[SLOTS][];

        private Scratch() {}

        /** Float scratch array {@code slot} ({@code 0 <= slot < SLOTS}), {@link #CHUNK} entries. */
        public float[] floats(int slot) {
            float[] x = floats[slot];
            if (x == null) {
                x = new float[CHUNK];
                floats[slot] = x;
            }
            return x;
        }

        /** Double scratch array {@code slot} ({@code 0 <= slot < SLOTS}), {@link #CHUNK} entries. */
        public double[] doubles(int slot) {
            double[] x = doubles[slot];
            if (x == null) {
                x = new double[CHUNK];
                doubles[slot] = x;
            }
            return x;
        }
    }

    /**
     * A kernel on one segment: the {@code count} entries ({@code 1 <= count <= CHUNK}) of row {@code row} that start
     * at flat index {@code at}; returns the segment's partial result (0 if it has none).
     */
    @FunctionalInterface
    public interface Segment {
        double run(Scratch scratch, int row, int at, int count);
    }

    /** Task {@code task} of a {@link #forEach}, with this thread's scratch arrays. */
    @FunctionalInterface
    public interface Task {
        void run(Scratch scratch, int task);
    }

    /**
     * Whether every array may be read and written as one flat buffer, index {@code k} being the same entry in each:
     * all FLOAT or all DOUBLE, one shape and one ordering, none a view, each at offset 0 with element-wise stride 1
     * and owning exactly its buffer ({@code data().length() == length()}), of at most {@code Integer.MAX_VALUE}
     * entries. Empty arrays qualify when they have a buffer; passes over them run no segment.
     */
    public static boolean flat(INDArray... arrays) {
        INDArray first = arrays[0];
        DataType type = first.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || first.length() > Integer.MAX_VALUE) {
            return false;
        }
        char ordering = first.ordering();
        for (INDArray x : arrays) {
            if (x.dataType() != type || x.ordering() != ordering || !x.equalShapes(first) || x.isView()
                    || x.offset() != 0 || x.elementWiseStride() != 1 || x.data() == null
                    || x.data().length() != x.length()) {
                return false;
            }
        }
        return true;
    }

    /** {@link #flat} and rank-2, c-order matrices: row {@code i} is the run {@code [i * cols, (i + 1) * cols)}. */
    public static boolean rowMajor(INDArray... arrays) {
        INDArray first = arrays[0];
        return first.rank() == 2 && first.ordering() == 'c' && flat(arrays);
    }

    /** Whether a pass over {@code entries} entries runs in parallel: {@code entries >= PARALLEL_MIN}. */
    public static boolean parallel(long entries) {
        return entries >= PARALLEL_MIN;
    }

    /**
     * The number of threads that run a parallel pass: by default the common fork-join pool's parallelism plus the
     * calling thread (on most machines the number of cores), else the last {@link #setParallelism} value.
     */
    public static int parallelism() {
        return parallelism;
    }

    /**
     * Sets the number of threads of every later parallel pass, for all callers in this JVM: 1 runs every pass on
     * the calling thread; the default (the common pool's parallelism plus one) uses the common pool; any other
     * value a pool of that many workers, made once per change. A pass's results do not depend on it (see the class
     * comment). Set it between passes, not during one (what {@link ThreadPolicy} does before a run).
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public static synchronized void setParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Segments.parallelism must be >= 1, found " + threads);
        }
        if (threads == parallelism) {
            return;
        }
        ForkJoinPool old = pool;
        pool = threads == 1 || threads == COMMON ? null : new ForkJoinPool(threads);
        parallelism = threads;
        if (old != null) {
            old.shutdown();
        }
    }

    /** Segments per row of {@code cols} entries: {@code ceil(cols / CHUNK)}. */
    public static int perRow(int cols) {
        return (cols + CHUNK - 1) / CHUNK;
    }

    /**
     * The number of segments of an {@code rows x cols} pass, the length of its result; segment {@code s} is
     * {@code s % perRow(cols)}-th of row {@code s / perRow(cols)}.
     */
    public static int count(int rows, int cols) {
        return rows * perRow(cols);
    }

    /**
     * Runs {@code task} for every task index in {@code [0, tasks)}, in parallel on {@link #parallelism()} threads
     * when {@code parallel}, there is more than one task and the parallelism is above 1, else in order on the
     * calling thread. Each call gets its thread's scratch arrays. Tasks must be independent; results belong in a
     * slot per task, combined afterwards in index order.
     */
    public static void forEach(int tasks, boolean parallel, Task task) {
        int threads = parallelism;
        if (!parallel || tasks <= 1 || threads == 1) {
            Scratch scratch = SCRATCH.get();
            for (int t = 0; t < tasks; t++) {
                task.run(scratch, t);
            }
            return;
        }
        ForkJoinPool own = pool;
        if (own == null || java.util.concurrent.ForkJoinTask.getPool() == own) {
            IntStream.range(0, tasks).parallel().forEach(t -> task.run(SCRATCH.get(), t));
        } else {
            // A parallel stream started inside a pool's task runs on that pool.
            own.submit(() -> IntStream.range(0, tasks).parallel().forEach(t -> task.run(SCRATCH.get(), t))).join();
        }
    }

    /**
     * One pass of {@code body} over an {@code rows x cols} row-major buffer ({@code rows * cols <=
     * Integer.MAX_VALUE}), in parallel when {@link #parallel(long) parallel(rows * cols)}; returns the segments'
     * results, {@link #count count(rows, cols)} of them, row by row and left to right within a row.
     */
    public static double[] pass(int rows, int cols, Segment body) {
        int per = perRow(cols);
        int tasks = rows * per;
        double[] partial = new double[tasks];
        forEach(tasks, parallel((long) rows * cols), (scratch, t) -> {
            int row = t / per;
            int from = (t % per) * CHUNK;
            partial[t] = body.run(scratch, row, row * cols + from, Math.min(CHUNK, cols - from));
        });
        return partial;
    }

    /**
     * One pass of {@code body} over a flat buffer of {@code length} entries: {@link #pass(int, int, Segment)} with
     * one row; segment {@code s} starts at {@code at = s * CHUNK}, so {@code at / CHUNK} is its slot in the result.
     */
    public static double[] pass(int length, Segment body) {
        return pass(1, length, body);
    }

    /** {@code sum_s partial[s]}, in index order (the same bits for every schedule that filled it). */
    public static double sum(double[] partial) {
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /**
     * The per-row sums of an {@code rows x cols} pass's results into {@code out[0..rows)}, each in index order.
     */
    public static void rowSums(double[] partial, int rows, int cols, double[] out) {
        int per = perRow(cols);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < per; j++) {
                s += partial[i * per + j];
            }
            out[i] = s;
        }
    }
}
