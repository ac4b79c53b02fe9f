package org.altmin.api.kernels;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Workload;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads a run's compute may use, chosen per {@link Workload} so that the BLAS threads, ND4J's native
 * (OpenMP and pool) threads and the Java passes ({@link Segments}) never ask for more cores than the run has.
 *
 * <p><b>The knobs.</b> Four thread counts decide a run's speed, and all four can be changed while the JVM runs
 * (which is what {@link Choice#apply()} does): OpenBLAS's threads for GEMM ({@code Nd4j.factory().blas()
 * .setMaxThreads}); the OpenMP threads of ND4J's native kernels that use OpenMP directly, such as the row gather
 * {@code Nd4j.pullRows} ({@code NativeOps.setOmpNumThreads}, i.e. {@code omp_set_num_threads}); the threads of ND4J's
 * own pool for elementwise ops and reductions ({@code Nd4j.getEnvironment().setMaxMasterThreads}; that pool is sized
 * once, from {@code OMP_NUM_THREADS} or the core count, when the native library loads, and cannot grow afterwards:
 * {@code Environment.setMaxThreads} has no effect in ND4J 1.0.0-M2.1); and the Java passes' parallelism
 * ({@link Segments#setParallelism}). The second and third are set together ({@link Choice#nativeThreads}). A
 * launcher must therefore not set {@code OMP_NUM_THREADS} below the core count, or no policy can use the rest; and
 * setting only the BLAS and pool threads is not enough: with OpenMP left at two threads, {@code pullRows} of one
 * 128-sample batch took 9-11 ms instead of 0.5-0.8 ms on a loaded 2-core machine.
 *
 * <p><b>The default.</b> A run's share of the machine is {@code cores / concurrentRuns} threads (at least one), so
 * that {@code concurrentRuns} runs of a study at once, each with its share, use at most every core once
 * ({@link #runsAtOnce}). Then:
 * <ul>
 *   <li>{@link Workload#FULL_BATCH}: the whole share for every knob. The GEMMs and the Java passes run one
 *       after the other on the run's thread, never at the same time, so they share the cores without
 *       oversubscribing them.</li>
 *   <li>{@link Workload#MINIBATCH}: {@value #MINIBATCH_THREADS} thread for every knob. A minibatch GEMM
 *       ({@code 100 x 784} times {@code 784 x 128}: 20 MFLOP, a fraction of a millisecond) is too small to split:
 *       handing it to a second thread and waking it costs about what it saves, and OpenBLAS's idle threads spin
 *       between calls, taking the core from the next op. PyTorch's SGD epoch at these shapes is likewise fastest
 *       with one thread (see {@code scripts/sgd-vs-pytorch.sh}). The Java passes get the run's share: inside the
 *       minibatch loop their arrays are below {@link Segments#PARALLEL_MIN} entries, so they run on the calling thread
 *       anyway, and the passes over the whole data set (the per-epoch evaluation) run in parallel while no GEMM
 *       does ({@code bin/bench threads}).</li>
 * </ul>
 * An explicit {@link #threads} (the CLI's {@code --threads N}) replaces the share for every workload.
 *
 * <p><b>Idle threads.</b> Between calls, OpenMP's workers (ND4J's native kernels) and OpenBLAS's busy-wait by
 * default: libgomp spins before it sleeps, OpenBLAS for 2^28 cycles. A full-batch iteration alternates GEMMs, ND4J
 * ops and Java passes on the same cores, so the threads of the call that just ended spin on the cores the next one
 * needs (in {@code bin/bench quick} on 2 cores the DLAM iteration's passes ran markedly slower; see the README's
 * performance section). Both libraries read their setting once, from the environment, when they load, so no policy
 * can change it at run time: the launchers ({@code bin/altmin}, {@code bin/bench}, {@code bin/blas-env}) set
 * {@link #IDLE_WAIT} ({@code OMP_WAIT_POLICY=PASSIVE}, {@code OPENBLAS_THREAD_TIMEOUT=4}, OpenBLAS's shortest:
 * 2^4 cycles) unless the user set them, and a JVM started otherwise should set them too. {@link #idleWait()} says
 * what this JVM has; a {@link Choice} records it.
 *
 * @param cores          the cores of the machine (or of the run's allotment), {@code >= 1}
 * @param concurrentRuns how many runs share those cores at once (a study's parallel runs), {@code >= 1}
 * @param threads        the threads per run the user asked for, or {@link #AUTO} to choose by workload
 */
public record ThreadPolicy(int cores, int concurrentRuns, int threads) {
    /** {@link #threads} value that lets the policy choose. */
    public static final int AUTO = 0;
    /** Runs sharing the machine by default: one. */
    public static final int DEFAULT_CONCURRENT_RUNS = 1;
    /** Native (BLAS, OpenMP, pool) threads of a {@link Workload#MINIBATCH} run by default (see the class comment). */
    public static final int MINIBATCH_THREADS = 1;
    /**
     * The environment that makes idle native threads sleep instead of spinning (see the class comment), as the
     * launchers set it: variable to value, in the order {@link #idleWait()} reports them.
     */
    public static final Map<String, String> IDLE_WAIT = idleWaitDefaults();

    private static Map<String, String> idleWaitDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("OMP_WAIT_POLICY", "PASSIVE");
        m.put("OPENBLAS_THREAD_TIMEOUT", "4");
        return Collections.unmodifiableMap(m);
    }

    /**
     * How this JVM's idle native threads wait: each {@link #IDLE_WAIT} variable with its value here ({@code unset}
     * when absent), and {@code "(spinning)"} after them unless every one has the launchers' value.
     */
    public static String idleWait() {
        StringBuilder out = new StringBuilder();
        boolean sleeping = true;
        for (Map.Entry<String, String> e : IDLE_WAIT.entrySet()) {
            String value = System.getenv(e.getKey());
            sleeping &= e.getValue().equalsIgnoreCase(value);
            out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                    .append(value == null ? "unset" : value);
        }
        return sleeping ? out.toString() : out + " (spinning)";
    }

    public ThreadPolicy {
        if (cores < 1) {
            throw InvalidParameterException.of("ThreadPolicy", "cores", cores, ">= 1");
        }
        if (concurrentRuns < 1) {
            throw InvalidParameterException.of("ThreadPolicy", "concurrentRuns", concurrentRuns, ">= 1");
        }
        if (threads < 0) {
            throw InvalidParameterException.of("ThreadPolicy", "threads", threads, ">= 1, or 0 (auto)");
        }
    }

    /** The default on this machine: its available processors, one run at a time, threads chosen by workload. */
    public static ThreadPolicy machine() {
        return new ThreadPolicy(Runtime.getRuntime().availableProcessors(), DEFAULT_CONCURRENT_RUNS, AUTO);
    }

    /** This policy with {@code value} threads per run ({@link #AUTO} to choose by workload). */
    public ThreadPolicy withThreads(int value) {
        return new ThreadPolicy(cores, concurrentRuns, value);
    }

    /** This policy for {@code value} runs sharing the cores at once. */
    public ThreadPolicy withConcurrentRuns(int value) {
        return new ThreadPolicy(cores, value, threads);
    }

    /** One run's share of the cores: {@code max(1, cores / concurrentRuns)}. */
    public int share() {
        return Math.max(1, cores / concurrentRuns);
    }

    /**
     * How many runs of {@code workload} a study may run at once without oversubscribing the cores, each with the
     * threads {@link #resolve} gives it ({@code max(1, cores / threads per run)}); a study then uses
     * {@code withConcurrentRuns(min(runs, runsAtOnce(workload)))} for each of them.
     */
    public int runsAtOnce(Workload workload) {
        int perRun = (threads != AUTO ? this : withConcurrentRuns(1)).resolve(workload).blasThreads();
        return Math.max(1, cores / perRun);
    }

    /** The thread counts for a run of {@code workload} (see the class comment), with the reason. */
    public Choice resolve(Workload workload) {
        if (workload == null) {
            throw InvalidParameterException.of("ThreadPolicy", "workload", "null", "a Workload");
        }
        String of = cores + " cores" + (concurrentRuns > 1 ? " shared by " + concurrentRuns + " runs" : "");
        if (threads != AUTO) {
            return new Choice(workload, cores, concurrentRuns, threads, threads, threads, threads,
                    "--threads " + threads + " (requested), " + of, idleWait());
        }
        int share = share();
        return switch (workload) {
            case FULL_BATCH -> new Choice(workload, cores, concurrentRuns, AUTO, share, share, share,
                    "full-batch products and passes: the run's share of " + of + ", " + share + " threads", idleWait());
            case MINIBATCH -> {
                int n = Math.min(share, MINIBATCH_THREADS);
                yield new Choice(workload, cores, concurrentRuns, AUTO, n, n, share,
                        "minibatch products are too small to split: " + n + " native thread, the run's share of "
                                + of + " (" + share + ") for the full-data Java passes", idleWait());
            }
        };
    }

    /**
     * A resolved choice, as recorded in a run's provenance.
     *
     * @param workload         what it was chosen for
     * @param cores            the cores the policy saw
     * @param concurrentRuns   the runs sharing them
     * @param requestedThreads the user's {@code --threads}, or {@link #AUTO}
     * @param blasThreads      OpenBLAS's threads for GEMM
     * @param nativeThreads    ND4J's native threads: OpenMP's and its own pool's (elementwise ops, reductions, gathers)
     * @param javaParallelism  the Java passes' threads ({@link Segments#parallelism()})
     * @param reason           why, in words
     * @param idleWait         how idle native threads wait in this JVM ({@link ThreadPolicy#idleWait()})
     */
    public record Choice(Workload workload, int cores, int concurrentRuns, int requestedThreads, int blasThreads,
            int nativeThreads, int javaParallelism, String reason, String idleWait) {
        /**
         * Sets the knobs for this JVM and returns what took effect, read back from ND4J: ND4J's native pool
         * cannot grow past its size at load ({@code OMP_NUM_THREADS}), so {@link #nativeThreads} may come back
         * smaller, and the reason then says so.
         */
        public Choice apply() {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
            Nd4j.getEnvironment().setMaxMasterThreads(nativeThreads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(nativeThreads);
            Segments.setParallelism(javaParallelism);
            return effective();
        }

        /** This choice with the thread counts as ND4J and {@link Segments} report them now. */
        public Choice effective() {
            int blas = Nd4j.factory().blas().getMaxThreads();
            int nativeNow = Math.min(Nd4j.getEnvironment().maxMasterThreads(),
                    NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            int java = Segments.parallelism();
            String note = blas == blasThreads && nativeNow == nativeThreads && java == javaParallelism ? ""
                    : " (in effect: BLAS " + blas + ", native " + nativeNow + ", Java " + java
                            + "; ND4J's native pool is sized at load by OMP_NUM_THREADS)";
            return new Choice(workload, cores, concurrentRuns, requestedThreads, blas, nativeNow, java, reason + note,
                    idleWait());
        }
    }
}
