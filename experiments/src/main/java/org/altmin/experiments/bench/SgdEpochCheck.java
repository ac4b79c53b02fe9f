package org.altmin.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.altmin.api.IterationReport;
import org.altmin.api.Problem;
import org.altmin.api.Workload;
import org.altmin.api.kernels.ThreadPolicy;
import org.altmin.solvers.core.Blas;
import org.altmin.solvers.sgd.Momentum;
import org.altmin.solvers.sgd.SgdOptimizer;
import org.altmin.solvers.sgd.SgdSettings;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One SGD epoch timed without JMH, for the comparison with PyTorch ({@code scripts/sgd-vs-pytorch.sh}): SGD with
 * heavy-ball momentum 0.9, learning rate 0.05, batch 128, on the 784-100-100-10 ReLU network with cross-entropy,
 * FLOAT, on the 60000 MNIST training images (or random data of that shape). Prints one line per epoch with the
 * epoch's seconds (the minibatch loop only: {@link IterationReport#nanos()}, without the lifecycle's evaluation) and
 * the training accuracy after it, then a {@code result} line with the median epoch.
 * Usage: {@code SgdEpochCheck [epochs=3] [threads=auto|N] [samples=60000] [mnist|random]}; {@code threads} goes
 * through {@link ThreadPolicy} like {@code altmin train --threads}.
 */
public final class SgdEpochCheck {
    /** The settings shared with {@code scripts/sgd_epoch_torch.py}. */
    public static final double LEARNING_RATE = 0.05;
    public static final double MOMENTUM = 0.9;
    public static final int BATCH_SIZE = 128;

    private SgdEpochCheck() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int threads = args.length > 1 && !args[1].equals("auto") ? Integer.parseInt(args[1]) : ThreadPolicy.AUTO;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 60000;
        String data = args.length > 3 ? args[3] : BenchProblems.MNIST;
        ThreadPolicy.Choice choice = ThreadPolicy.machine().withThreads(threads).resolve(Workload.MINIBATCH).apply();
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        SgdOptimizer sgd = new SgdOptimizer(
                SgdSettings.defaults(Momentum.NAME, LEARNING_RATE).with(LEARNING_RATE, BATCH_SIZE),
                new Momentum(MOMENTUM, false));
        System.out.printf(Locale.ROOT, "sgd momentum %.2f, lr %.3f, batch %d, %s, N=%d, %s; threads: BLAS %d, native %d,"
                + " Java %d (%s); BLAS %s%n", MOMENTUM, LEARNING_RATE, BATCH_SIZE, problem.network().widths(),
                problem.data().samples(), data, choice.blasThreads(), choice.nativeThreads(), choice.javaParallelism(),
                choice.reason(), Blas.library());
        List<Double> seconds = new ArrayList<>();
        sgd.fit(problem, epochs, (report, state) -> {
            if (report.iteration() > 0) {
                double s = report.nanos() * 1e-9;
                seconds.add(s);
                long updates = report.blocks().stream().mapToLong(b -> b.nanos()).sum();
                System.out.printf(Locale.ROOT, "epoch %d: %.3f s (of which the update rule %.3f s), train accuracy"
                        + " %.4f%n", report.iteration(), s, updates * 1e-9, report.trainAccuracy());
            }
        });
        // The first epoch includes the JIT's warm-up; the median of the rest is the figure.
        List<Double> timed = seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds;
        System.out.printf(Locale.ROOT, "result altmin threads=%d median_epoch_s=%.3f epochs=%d%n",
                choice.blasThreads(), median(timed), seconds.size());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
