package org.altmin.experiments.study;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The study's progress, one line per event: runs done, running and left, failures, the elapsed time and an estimate
 * of the time left (the remaining runs at the rate the study has finished runs so far). Thread-safe: the local
 * engine's runs and a Spark driver's listener report from their own threads.
 */
public final class StudyProgress {
    private final int total;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private int done;
    private int running;
    private int failed;

    /** Progress of {@code total} runs, written to {@code out}. */
    public StudyProgress(int total, Consumer<String> out) {
        this.total = total;
        this.out = out;
    }

    /** A run started. */
    public synchronized void started(String name) {
        running++;
        out.accept(line() + ": started " + name);
    }

    /** A run ended. */
    public synchronized void finished(RunResult result) {
        running = Math.max(0, running - 1);
        done++;
        if (result.failed()) {
            failed++;
        }
        String what = result.failed() ? "FAILED " + result.name() + ": " + result.diagnosis()
                : result.name() + " " + result.status() + String.format(Locale.ROOT, " in %.1f s", result.wallSeconds())
                        + (result.testAccuracy() == null ? "" : String.format(Locale.ROOT, ", test accuracy %.4f",
                                result.testAccuracy()));
        out.accept(line() + ": " + what);
    }

    public synchronized int done() {
        return done;
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int failed() {
        return failed;
    }

    /** {@code study: 3 done (1 failed), 2 running, 7 left, 1m20s elapsed, about 4m10s left}. */
    synchronized String line() {
        int left = total - done - running;
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = done == 0 ? "time left unknown until a run ends"
                : "about " + duration((left + running / 2.0) * elapsed / done) + " left";
        return "study: " + done + " done" + (failed > 0 ? " (" + failed + " failed)" : "") + ", " + running
                + " running, " + left + " left, " + duration(elapsed) + " elapsed, " + eta;
    }

    static String duration(double seconds) {
        return Duration.ofSeconds(Math.round(seconds)).toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
