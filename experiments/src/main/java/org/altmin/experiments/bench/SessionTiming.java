package org.altmin.experiments.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.altmin.api.BlockReport;
import org.altmin.solvers.core.Gemm;
import org.altmin.solvers.core.GemmShape;
import org.altmin.solvers.core.Session;

/**
 * Times the iterations of a {@link Session} (no evaluation, no measurement of the objective): milliseconds per
 * iteration, per block variable and layer, and the GEMM flops that ran ({@code flops}, a counted
 * {@link org.altmin.solvers.core.Gemm}'s total). Shared by the quick checks that print Markdown tables; each row
 * names the machine's load and the thread settings, without which a timing on a shared machine means little.
 * {@link #gemmMillis()} is the time spent in the counted products at each counted iteration ({@link Gemm#nanos()};
 * NaN when the session was timed with a flop count only), {@link #floorMillis()} the GEMM floor of each counted
 * iteration measured right after it ({@link GemmFloor#round}; NaN without a floor).
 */
public record SessionTiming(double[] millis, double[] gflop, double[] gemmMillis, double[] floorMillis,
        Map<String, Double> blockMillis,
        Map<String, double[]> variableMillis, Map<GemmShape, Long> shapesBeforeCounting) {

    /**
     * Runs {@code iterations} iterations of a started {@code session}, skipping the first {@code skip} in the totals.
     * {@link #blockMillis()} is each block's mean over the counted iterations, {@link #variableMillis()} each block
     * variable's milliseconds (summed over the layers) at every counted iteration.
     */
    public static SessionTiming run(Session session, int iterations, int skip, DoubleSupplier flops) {
        return run(session, iterations, skip, flops, () -> Double.NaN, Map::of, null);
    }

    /**
     * As {@link #run(Session, int, int, DoubleSupplier)} with the session's counted {@code gemm}: keeps its
     * {@link Gemm#shapes()} just before the first counted iteration ({@link #shapesBeforeCounting()}), its time in
     * products per iteration, and, after each counted iteration, that iteration's floor from {@code floor}.
     */
    public static SessionTiming run(Session session, int iterations, int skip, Gemm gemm, GemmFloor floor) {
        return run(session, iterations, skip, gemm::flops, gemm::nanos, gemm::shapes, floor);
    }

    private static SessionTiming run(Session session, int iterations, int skip, DoubleSupplier flops,
            DoubleSupplier gemmNanos, Supplier<Map<GemmShape, Long>> shapes, GemmFloor floor) {
        Map<GemmShape, Long> before = Map.of();
        int counted = iterations - skip;
        double[] millis = new double[counted];
        double[] gflop = new double[counted];
        double[] gemmMillis = new double[counted];
        double[] floorMillis = new double[counted];
        Map<String, Double> blocks = new LinkedHashMap<>();
        Map<String, double[]> variables = new LinkedHashMap<>();
        for (int k = 1; k <= iterations; k++) {
            if (k == skip + 1) {
                before = shapes.get();
            }
            double f0 = flops.getAsDouble();
            double g0 = gemmNanos.getAsDouble();
            Map<GemmShape, Long> shapes0 = floor == null || k <= skip ? Map.of() : shapes.get();
            long t0 = System.nanoTime();
            List<BlockReport> reports = session.iterate(k).blocks();
            long t1 = System.nanoTime();
            if (k > skip) {
                int i = k - skip - 1;
                millis[i] = (t1 - t0) * 1e-6;
                gflop[i] = (flops.getAsDouble() - f0) * 1e-9;
                gemmMillis[i] = (gemmNanos.getAsDouble() - g0) * 1e-6;
                floorMillis[i] = floor == null ? Double.NaN : floor.round(GemmFloor.ran(shapes0, shapes.get()));
                for (BlockReport b : reports) {
                    blocks.merge(b.variable() + "_" + b.layer(), b.nanos() * 1e-6 / counted, Double::sum);
                    variables.computeIfAbsent(b.variable(), v -> new double[counted])[i] += b.nanos() * 1e-6;
                }
            }
        }
        return new SessionTiming(millis, gflop, gemmMillis, floorMillis, blocks, variables, before);
    }

    /** The median over the counted iterations of one variable's blocks' milliseconds (all layers), NaN if none ran. */
    public double medianMillis(String variable) {
        double[] v = variableMillis.get(variable);
        return v == null ? Double.NaN : median(v);
    }

    /** The slowest counted iteration's milliseconds in one variable's blocks (all layers), NaN if none ran. */
    public double maxMillis(String variable) {
        double[] v = variableMillis.get(variable);
        return v == null ? Double.NaN : Arrays.stream(v).max().orElse(Double.NaN);
    }

    public double medianMillis() {
        return median(millis);
    }

    /** The median milliseconds in GEMM per counted iteration (NaN without a {@link Gemm}). */
    public double medianGemmMillis() {
        return median(gemmMillis);
    }

    /** The median over the counted iterations of the milliseconds outside GEMM (iteration less its GEMM time). */
    public double medianOtherMillis() {
        double[] other = new double[millis.length];
        for (int i = 0; i < other.length; i++) {
            other[i] = millis[i] - gemmMillis[i];
        }
        return median(other);
    }

    /** The median of the counted iterations' floors (NaN without a floor). */
    public double medianFloorMillis() {
        return median(floorMillis);
    }

    /** Each counted iteration's milliseconds over its own floor. */
    public double[] ratios() {
        double[] r = new double[millis.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = millis[i] / floorMillis[i];
        }
        return r;
    }

    public double medianGflop() {
        return median(gflop);
    }

    /** Median GFLOP over median seconds. */
    public double gflopPerSecond() {
        return medianGflop() / (medianMillis() * 1e-3);
    }

    /** The per-block mean milliseconds as {@code W_1 12, a_1 30, ...}. */
    public String blocks() {
        StringBuilder s = new StringBuilder();
        blockMillis.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%.0f", v)));
        return s.toString();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** The 1-, 5- and 15-minute load averages from /proc/loadavg, or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception unavailable) {
            return "unknown";
        }
    }

    /** OMP_NUM_THREADS (or "unset"), the JVM's available processors and how idle native threads wait. */
    public static String threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        return "OMP_NUM_THREADS=" + (omp == null ? "unset" : omp) + ", cores " + Runtime.getRuntime().availableProcessors()
                + ", " + org.altmin.api.kernels.ThreadPolicy.idleWait();
    }
}
