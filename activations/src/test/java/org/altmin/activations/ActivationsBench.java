package org.altmin.activations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A manual timing of the activations' array methods at DLAM's MNIST hidden-layer size (100 x 60000 FLOAT, 24 MB):
 * {@code preimageBounds} and {@code apply}, the single-pass fast path ("new") against the ND4J fallback ("old",
 * the code before the fast path), calls alternating so that both see the same machine load. Prints min and median
 * ms per call, and the load average before and after. Not part of the suite (the name matches neither *Test nor
 * *Properties). Run it with
 * {@code ./mvnw -o -B -q -pl activations -am verify -Dtest=ActivationsBench -Dsurefire.failIfNoSpecifiedTests=false}
 * (optionally {@code -Dbench.reps=N}, {@code -Dbench.type=DOUBLE}).
 */
class ActivationsBench {
    private static final int ROWS = 100;
    private static final int COLS = 60000;

    @Test
    void time() throws Exception {
        int reps = Integer.getInteger("bench.reps", 5);
        DataType type = DataType.valueOf(System.getProperty("bench.type", "FLOAT"));
        System.out.printf("ActivationsBench: %d x %d %s, %d alternating blocks of 3 calls, %d cores, load %s%n", ROWS,
                COLS, type, reps, Runtime.getRuntime().availableProcessors(), load());
        Nd4j.getRandom().setSeed(7);
        INDArray z = Nd4j.randn(type, ROWS, COLS).muli(2);
        INDArray out = z.ulike();
        INDArray lower = z.ulike();
        INDArray upper = z.ulike();
        double epsilon = 0.01;
        List<QuasilinearActivation> hs = List.of(new Relu(), new LeakyRelu(), new HardTanh(), new Identity(),
                new Tanh(), new Sigmoid(), new Step(), new Sign());
        for (QuasilinearActivation h : hs) {
            INDArray a = h.apply(z);
            double[][] bounds = alternate(reps, () -> h.preimageBounds(a, epsilon, lower, upper));
            double[][] apply = alternate(reps, () -> h.apply(z, out));
            double[][] derivative = alternate(reps, () -> h.derivative(z, out));
            System.out.printf("%-12s bounds new %5.1f / %5.1f old %5.1f / %5.1f | apply new %5.1f / %5.1f old %5.1f / "
                            + "%5.1f | derivative new %5.1f / %5.1f old %5.1f / %5.1f  (ms, min / median)%n",
                    h.getClass().getSimpleName(), min(bounds[0]), median(bounds[0]), min(bounds[1]),
                    median(bounds[1]), min(apply[0]), median(apply[0]), min(apply[1]), median(apply[1]),
                    min(derivative[0]), median(derivative[0]), min(derivative[1]), median(derivative[1]));
        }
        System.out.printf("ActivationsBench: load after %s%n", load());
    }

    /**
     * Warm-up, then reps blocks of {@value #BLOCK} new calls and {@value #BLOCK} old calls, alternating (blocks, not
     * single calls: a call right after the other kind may pay for the other's threads still spinning):
     * {new ms[], old ms[]}.
     */
    private static double[][] alternate(int reps, Runnable call) {
        for (int i = 0; i < 3; i++) {
            call.run();
            Elementwise.fallbackOnly(call);
        }
        double[] fast = new double[reps * BLOCK];
        double[] slow = new double[reps * BLOCK];
        for (int r = 0; r < reps; r++) {
            for (int b = 0; b < BLOCK; b++) {
                long t0 = System.nanoTime();
                call.run();
                fast[r * BLOCK + b] = (System.nanoTime() - t0) / 1e6;
            }
            for (int b = 0; b < BLOCK; b++) {
                long t0 = System.nanoTime();
                Elementwise.fallbackOnly(call);
                slow[r * BLOCK + b] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return new double[][] {fast, slow};
    }

    private static final int BLOCK = 3;

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
