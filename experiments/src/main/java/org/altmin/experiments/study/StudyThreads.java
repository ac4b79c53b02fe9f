package org.altmin.experiments.study;

import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.factory.Nd4j;

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

    /** Sets ND4J's process-wide thread counts (its OpenMP ops and the BLAS) to {@link #threadsPerRun()}. */
    public static void apply(int threadsPerRun) {
        Nd4j.getEnvironment().setMaxThreads(threadsPerRun);
        Nd4j.getEnvironment().setMaxMasterThreads(threadsPerRun);
        Nd4j.factory().blas().setMaxThreads(threadsPerRun);
    }

    /** A line for the provenance and the log. */
    public String describe() {
        return parallel + " run(s) at once x " + threadsPerRun + " ND4J thread(s) each, on " + cores + " cores";
    }
}
