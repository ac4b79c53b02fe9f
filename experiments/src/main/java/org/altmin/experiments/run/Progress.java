package org.altmin.experiments.run;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;
import org.altmin.api.State;
import org.altmin.api.TrainingResult;

/**
 * Shows training progress: a progress bar on a terminal, or one clean line per iteration (or epoch) otherwise (a log
 * file, CI, a pipe), where a bar's carriage returns would be noise.
 */
public final class Progress implements IterationListener, AutoCloseable {
    private final int iterations;
    private final PrintWriter lines;
    private final ProgressBar bar;
    private boolean closed;

    private Progress(int iterations, PrintWriter lines, ProgressBar bar) {
        this.iterations = iterations;
        this.lines = lines;
        this.bar = bar;
    }

    /** A bar when {@code terminal}, else lines on {@code out}. */
    public static Progress create(int iterations, PrintWriter out, boolean terminal) {
        if (terminal) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(iterations)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
            return new Progress(iterations, null, bar);
        }
        return new Progress(iterations, out, null);
    }

    /** Whether this JVM's stdout is an interactive terminal. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    /** The one-line status of a report: {@code iter k/K} (or {@code epoch k/K}), F, losses and accuracies, time. */
    public static String describe(IterationReport report, int iterations) {
        return String.format(Locale.ROOT, "%s %d/%d  F=%.6g  train loss=%.4g acc=%.4f  test loss=%.4g acc=%.4f  (%.1f ms)",
                report.unit() == IterationUnit.EPOCH ? "epoch" : "iter", report.iteration(), iterations,
                report.objective(), report.trainLoss(), report.trainAccuracy(), report.testLoss(),
                report.testAccuracy(), report.nanos() / 1e6);
    }

    @Override
    public void onIteration(IterationReport report, State state) {
        if (bar != null) {
            bar.stepTo(Math.max(0, report.iteration()));
            bar.setExtraMessage(String.format(Locale.ROOT, " F=%.4g acc %.3f/%.3f",
                    report.objective(), report.trainAccuracy(), report.testAccuracy()));
        } else {
            lines.println(describe(report, iterations));
            lines.flush();
        }
    }

    @Override
    public void onEnd(TrainingResult result) {
        close();
    }

    @Override
    public void close() {
        if (bar != null && !closed) {
            bar.close();
        }
        closed = true;
    }
}
