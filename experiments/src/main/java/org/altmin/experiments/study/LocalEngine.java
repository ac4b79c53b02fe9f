package org.altmin.experiments.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.altmin.api.InvalidParameterException;

/** The default engine: the runs in this process, {@link StudyThreads#parallel()} at once. */
public final class LocalEngine implements StudyEngine {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int start(String master, Map<String, String> conf, Integer threadsPerRun) {
        if (master != null) {
            throw InvalidParameterException.of("altmin study", "--master", "'" + master + "'",
                    "absent with --engine local (a master URL is for --engine spark)");
        }
        if (!conf.isEmpty()) {
            throw InvalidParameterException.of("altmin study", "--conf", conf.keySet(),
                    "absent with --engine local (engine settings are for --engine spark)");
        }
        return 0;
    }

    @Override
    public List<RunResult> execute(List<RunTask> tasks, StudyThreads threads, StudyProgress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads.parallel(), r -> {
            Thread t = new Thread(r, "altmin-study-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (RunTask task : tasks) {
                futures.add(pool.submit(() -> {
                    progress.started(task.name());
                    RunResult result = task.execute();
                    progress.finished(result);
                    return result;
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(new RunResult(tasks.get(i).name(), RunResult.FAILED, String.valueOf(e.getCause()), 0,
                            0, null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the study ran", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
