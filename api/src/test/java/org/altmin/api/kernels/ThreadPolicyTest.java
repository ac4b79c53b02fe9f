package org.altmin.api.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Workload;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The choice per workload, the override, the study's share, validation, and that applying it takes effect. */
class ThreadPolicyTest {
    @Test
    void fullBatchRunsUseTheirShareAndMinibatchRunsOneThread() {
        ThreadPolicy policy = new ThreadPolicy(8, 1, ThreadPolicy.AUTO);
        ThreadPolicy.Choice full = policy.resolve(Workload.FULL_BATCH);
        assertThat(full.blasThreads()).isEqualTo(8);
        assertThat(full.nativeThreads()).isEqualTo(8);
        assertThat(full.javaParallelism()).isEqualTo(8);
        assertThat(full.reason()).contains("full-batch").contains("8 cores");
        ThreadPolicy.Choice mini = policy.resolve(Workload.MINIBATCH);
        assertThat(mini.blasThreads()).isEqualTo(ThreadPolicy.MINIBATCH_THREADS);
        assertThat(mini.nativeThreads()).isEqualTo(ThreadPolicy.MINIBATCH_THREADS);
        assertThat(mini.javaParallelism()).isEqualTo(8); // the full-data passes take the share
        assertThat(mini.reason()).contains("minibatch");
    }

    @Test
    void idleWaitReportsEachVariableAndWhetherIdleThreadsSpin() {
        String wait = ThreadPolicy.idleWait();
        boolean sleeping = true;
        for (var e : ThreadPolicy.IDLE_WAIT.entrySet()) {
            String value = System.getenv(e.getKey());
            assertThat(wait).contains(e.getKey() + "=" + (value == null ? "unset" : value));
            sleeping &= e.getValue().equalsIgnoreCase(value);
        }
        assertThat(wait.endsWith("(spinning)")).isEqualTo(!sleeping);
        assertThat(ThreadPolicy.IDLE_WAIT).containsEntry("OMP_WAIT_POLICY", "PASSIVE");
        assertThat(new ThreadPolicy(2, 1, ThreadPolicy.AUTO).resolve(Workload.FULL_BATCH).idleWait()).isEqualTo(wait);
    }

    @Test
    void concurrentRunsSplitTheCoresSoThatRunsTimesThreadsNeverExceedsThem() {
        for (int cores = 1; cores <= 16; cores++) {
            for (int runs = 1; runs <= 20; runs++) {
                ThreadPolicy policy = new ThreadPolicy(cores, runs, ThreadPolicy.AUTO);
                for (Workload w : Workload.values()) {
                    int perRun = policy.resolve(w).blasThreads();
                    assertThat(perRun).isBetween(1, cores);
                    if (runs <= cores) {
                        assertThat(runs * perRun).as("%d cores, %d runs, %s", cores, runs, w).isLessThanOrEqualTo(cores);
                    }
                    int atOnce = policy.runsAtOnce(w);
                    assertThat(atOnce * new ThreadPolicy(cores, atOnce, ThreadPolicy.AUTO).resolve(w).blasThreads())
                            .isLessThanOrEqualTo(cores);
                }
            }
        }
        assertThat(new ThreadPolicy(2, 1, ThreadPolicy.AUTO).runsAtOnce(Workload.MINIBATCH)).isEqualTo(2);
        assertThat(new ThreadPolicy(2, 1, ThreadPolicy.AUTO).runsAtOnce(Workload.FULL_BATCH)).isEqualTo(1);
        assertThat(new ThreadPolicy(16, 4, ThreadPolicy.AUTO).resolve(Workload.FULL_BATCH).blasThreads()).isEqualTo(4);
    }

    @Test
    void requestedThreadsOverrideEveryWorkload() {
        ThreadPolicy policy = ThreadPolicy.machine().withThreads(3);
        for (Workload w : Workload.values()) {
            ThreadPolicy.Choice c = policy.resolve(w);
            assertThat(c.requestedThreads()).isEqualTo(3);
            assertThat(new int[] {c.blasThreads(), c.nativeThreads(), c.javaParallelism()}).containsOnly(3);
            assertThat(c.reason()).contains("--threads 3");
        }
        assertThat(new ThreadPolicy(4, 1, 2).runsAtOnce(Workload.FULL_BATCH)).isEqualTo(2);
    }

    @Test
    void badValuesAreRejectedByName() {
        assertThatThrownBy(() -> new ThreadPolicy(0, 1, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ThreadPolicy.cores").hasMessageContaining("0");
        assertThatThrownBy(() -> new ThreadPolicy(2, 0, 0)).hasMessageContaining("ThreadPolicy.concurrentRuns");
        assertThatThrownBy(() -> ThreadPolicy.machine().withThreads(-1)).hasMessageContaining("ThreadPolicy.threads")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> ThreadPolicy.machine().resolve(null)).hasMessageContaining("workload");
    }

    @Test
    void applyingAChoiceSetsTheKnobsAndReportsWhatTookEffect() {
        int blas = Nd4j.factory().blas().getMaxThreads();
        int nativeThreads = Nd4j.getEnvironment().maxMasterThreads();
        int java = Segments.parallelism();
        var ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        int omp = ops.ompGetMaxThreads();
        try {
            ThreadPolicy.Choice one = new ThreadPolicy(2, 1, 1).resolve(Workload.FULL_BATCH).apply();
            assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
            assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
            assertThat(ops.ompGetMaxThreads()).isEqualTo(1);
            assertThat(Segments.parallelism()).isEqualTo(1);
            assertThat(one.reason()).doesNotContain("in effect");
            // Raising the BLAS threads works at run time; the native pool keeps its size from load (here possibly
            // 1, under OMP_NUM_THREADS=1), and the choice reports what it got.
            ThreadPolicy.Choice two = new ThreadPolicy(2, 1, 2).resolve(Workload.FULL_BATCH).apply();
            assertThat(two.blasThreads()).isEqualTo(Nd4j.factory().blas().getMaxThreads()).isEqualTo(2);
            assertThat(two.javaParallelism()).isEqualTo(2);
            assertThat(two.nativeThreads()).isEqualTo(Nd4j.getEnvironment().maxMasterThreads()).isBetween(1, 2);
            assertThat(two.reason().contains("in effect")).isEqualTo(two.nativeThreads() != 2);
        } finally {
            Nd4j.factory().blas().setMaxThreads(blas);
            Nd4j.getEnvironment().setMaxMasterThreads(nativeThreads);
            ops.setOmpNumThreads(omp);
            Segments.setParallelism(java);
        }
    }
}
