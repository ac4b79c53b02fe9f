package org.altmin.experiments.study;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Workload;
import org.altmin.api.kernels.ThreadPolicy;

/**
 * The study's thread policy: {@code parallel} runs at once, each with {@code threadsPerRun} ND4J threads, and
 * {@code parallel x threadsPerRun <= cores} so that the runs do not oversubscribe the machine. ND4J's thread counts
 * (its own OpenMP ops and the BLAS) are process-wide, so every run of one process shares them: they are set once,
 * before the runs start ({@link #apply}), and recorded in the study's provenance.
 *
 * @param cores         the cores counted ({@link Runtime#availableProcessors()})
 * @param parallel      runs at once
 * @param threadsPerRun ND4J threads of each run
 */
public record StudyThreads(int cores, int parallel, int threadsPerRun) {
    public StudyThreads {
        if (parallel < 1) {
            throw InvalidParameterException.of("altmin study", "--parallel", parallel, ">= 1");
        }
        if (threadsPerRun < 1) {
            throw InvalidParameterException.of("altmin study", "--threads", threadsPerRun, ">= 1");
        }
        if ((long) parallel * threadsPerRun > cores) {
            throw InvalidParameterException.of("altmin study", "--parallel x --threads", parallel + " x "
                    + threadsPerRun + " = " + (long) parallel * threadsPerRun, "<= the " + cores + " cores, so that "
                    + "runs do not oversubscribe the machine");
        }
    }

    /**
     * The policy for {@code runs} runs on {@code cores} cores: the given values where set; otherwise as many runs at
     * once as the cores allow (one thread each), and the cores left shared among those runs.
     */
    public static StudyThreads choose(int cores, int runs, Integer parallel, Integer threads) {
        int p = parallel != null ? parallel
                : Math.max(1, Math.min(Math.max(runs, 1), cores / (threads != null ? Math.max(threads, 1) : 1)));
        int t = threads != null ? threads : Math.max(1, cores / p);
        return new StudyThreads(cores, p, t);
    }

    /**
     * Sets the process-wide thread counts (BLAS, ND4J's native threads, the Java passes) to {@link #threadsPerRun()}
     * through the one {@link ThreadPolicy}, as each run's {@link org.altmin.experiments.run.Runner} does with the same
     * count.
     */
    public static void apply(int threadsPerRun) {
        ThreadPolicy.machine().withThreads(threadsPerRun).resolve(Workload.FULL_BATCH).apply();
    }

    /** A line for the provenance and the log. */
    public String describe() {
        return parallel + " run(s) at once x " + threadsPerRun + " ND4J thread(s) each, on " + cores + " cores";
    }
}
