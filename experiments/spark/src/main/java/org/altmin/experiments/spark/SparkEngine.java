package org.altmin.experiments.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.study.RunResult;
import org.altmin.experiments.study.RunTask;
import org.altmin.experiments.study.StudyEngine;
import org.altmin.experiments.study.StudyProgress;
import org.altmin.experiments.study.StudyThreads;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The Spark engine of studies ({@code altmin study --engine spark [--master URL]}): each run is one Spark task (a
 * one-task job per run, submitted together, so that Spark runs as many at once as its cores allow: a task reserves
 * {@code spark.task.cpus} cores, set to the runs' ND4J threads). The task trains the run into its directory, which on
 * a cluster must be on a file system that the driver and the executors share, and returns the run's
 * {@link RunResult}; the driver collects them and writes the report. The data sets are staged by the driver before
 * the runs start (on a cluster: into a shared data directory, {@code --data-dir} or {@code ALTMIN_DATA}).
 *
 * <p>The master is {@code --master}, else the one {@code spark-submit} set ({@code spark.master}), else
 * {@code local[*]}. The web UI is off for local masters unless {@code --conf spark.ui.enabled=true}.
 */
public final class SparkEngine implements StudyEngine {
    public static final String NAME = "spark";
    /** The master when neither {@code --master} nor spark-submit names one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private JavaSparkContext context;
    private int taskCpus = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int start(String master, Map<String, String> conf, Integer threadsPerRun) {
        SparkConf sparkConf = new SparkConf().setAppName("altmin study");
        if (master != null) {
            sparkConf.setMaster(master);
        } else if (!sparkConf.contains("spark.master")) {
            sparkConf.setMaster(DEFAULT_MASTER);
        }
        conf.forEach(sparkConf::set);
        if (threadsPerRun != null) {
            sparkConf.set("spark.task.cpus", Integer.toString(threadsPerRun));
        }
        String chosen = sparkConf.get("spark.master");
        if (chosen.startsWith("local") && !sparkConf.contains("spark.ui.enabled")) {
            sparkConf.set("spark.ui.enabled", "false");
        }
        try {
            taskCpus = Integer.parseInt(sparkConf.get("spark.task.cpus", "1"));
        } catch (NumberFormatException e) {
            throw InvalidParameterException.of("altmin study", "--conf spark.task.cpus", "'"
                    + sparkConf.get("spark.task.cpus") + "'", "an integer >= 1");
        }
        try {
            context = new JavaSparkContext(sparkConf);
        } catch (Exception | LinkageError e) { // SparkException is checked, and Scala throws it undeclared
            throw new InvalidParameterException("altmin study", "--engine spark", "could not start Spark with master '"
                    + chosen + "': " + e.getMessage());
        }
        return context.defaultParallelism();
    }

    @Override
    public List<RunResult> execute(List<RunTask> tasks, StudyThreads threads, StudyProgress progress) {
        if (context == null) {
            throw new IllegalStateException("SparkEngine.execute before start");
        }
        if (threads.threadsPerRun() != taskCpus) {
            throw InvalidParameterException.of("altmin study", "--threads", threads.threadsPerRun(),
                    "spark.task.cpus (" + taskCpus + "): each Spark task reserves the cores of its run's threads");
        }
        // Which stage runs which run, for the progress lines (jobs carry the run's name as their description).
        Map<Integer, String> stageNames = new ConcurrentHashMap<>();
        context.sc().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                String name = jobStart.properties() == null ? null
                        : jobStart.properties().getProperty("spark.job.description");
                if (name != null) {
                    scala.collection.Iterator<Object> ids = jobStart.stageIds().iterator();
                    while (ids.hasNext()) {
                        stageNames.put((Integer) ids.next(), name);
                    }
                }
            }

            @Override
            public void onTaskStart(SparkListenerTaskStart taskStart) {
                String name = stageNames.get(taskStart.stageId());
                if (name != null && taskStart.taskInfo().attemptNumber() == 0) {
                    progress.started(name);
                }
            }
        });
        List<JavaFutureAction<List<RunResult>>> futures = new ArrayList<>();
        for (RunTask task : tasks) {
            context.setJobDescription(task.name());
            futures.add(context.parallelize(List.of(task), 1).map(RunTask::execute).collectAsync());
        }
        List<Thread> waiters = new ArrayList<>();
        RunResult[] results = new RunResult[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            int index = i;
            Thread waiter = new Thread(() -> {
                RunResult result;
                try {
                    result = futures.get(index).get().get(0);
                } catch (ExecutionException e) {
                    result = new RunResult(tasks.get(index).name(), RunResult.FAILED, "the Spark task failed: "
                            + e.getCause(), 0, 0, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result = new RunResult(tasks.get(index).name(), RunResult.FAILED, "interrupted", 0, 0, null);
                }
                results[index] = result;
                progress.finished(result);
            }, "altmin-study-wait-" + i);
            waiter.setDaemon(true);
            waiter.start();
            waiters.add(waiter);
        }
        for (Thread waiter : waiters) {
            try {
                waiter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the study ran on Spark", e);
            }
        }
        return List.of(results);
    }

    @Override
    public void close() {
        if (context != null) {
            context.stop();
            context = null;
        }
    }
}
