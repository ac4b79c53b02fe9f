package org.altmin.experiments.study;

import java.util.List;
import java.util.Map;

/**
 * Runs a study's runs: each {@link RunTask} trains one run into its directory and returns a {@link RunResult}.
 * Engines are found by name with {@link java.util.ServiceLoader} ({@code META-INF/services/
 * org.altmin.experiments.study.StudyEngine}): {@code local} is built in ({@link LocalEngine}); {@code spark} lives in
 * the {@code altmin-spark} module, on the class path only when it is asked for, so that nothing else loads Spark.
 * The study calls {@link #start}, then {@link #execute} at most once, then {@link #close}.
 */
public interface StudyEngine extends AutoCloseable {
    /** The engine's name, as {@code --engine} takes it. */
    String name();

    /**
     * Starts the engine (Spark: its context), before any run starts and before anything is written; settings it
     * cannot start with throw {@link org.altmin.api.InvalidParameterException} naming them.
     *
     * @param master the cluster to run on (Spark's master URL), or null for the engine's default
     * @param conf   engine settings by name (Spark's {@code --conf key=value})
     * @param threadsPerRun the ND4J threads each run will have ({@code --threads}), or null when the study chooses
     *               (Spark reserves them per task: {@code spark.task.cpus})
     * @return the cores the engine offers (runs at once x threads per run may not exceed them), or 0 for this
     *         machine's
     */
    int start(String master, Map<String, String> conf, Integer threadsPerRun);

    /**
     * Runs the tasks and returns one result per task, in the tasks' order; a run that fails is a result with status
     * {@link RunResult#FAILED}, never an exception, and the others go on.
     */
    List<RunResult> execute(List<RunTask> tasks, StudyThreads threads, StudyProgress progress);

    /** Stops the engine. */
    @Override
    default void close() {}
}
