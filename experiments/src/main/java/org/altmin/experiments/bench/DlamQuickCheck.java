package org.altmin.experiments.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockReport;
import org.altmin.api.Problem;
import org.altmin.solvers.core.Blas;
import org.altmin.solvers.core.GemmShape;
import org.altmin.solvers.dlam.DlamConfig;
import org.altmin.solvers.dlam.DlamSession;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A quick check without JMH: runs DLAM iterations on MNIST (or random data of its shape) and prints, per iteration,
 * the milliseconds, per block and layer with the backtracking trials, and the GFLOP of the GEMMs the iteration ran
 * (products a block skips, for a zero step or a zero residual, do not count); then, for the iterations after the
 * first {@code skip}, a Markdown table of the median time against the GEMM floor at the iteration's own shapes
 * ({@link GemmFloor}, measured in the same process right after each iteration), the iteration's time in GEMM
 * ({@link org.altmin.solvers.core.Gemm#nanos()}) and outside it, and the per-shape table.
 * Usage: {@code DlamQuickCheck [iterations=5] [samples=60000] [warmStart=1] [fixed|schedule] [mnist|random]
 * [skip=iterations/2]}; {@code bin/bench quick ...}.
 */
public final class DlamQuickCheck {
    private DlamQuickCheck() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 60000;
        boolean warm = args.length <= 2 || Integer.parseInt(args[2]) == 1;
        String schedule = args.length > 3 ? args[3] : BenchProblems.FIXED;
        String data = args.length > 4 ? args[4] : BenchProblems.MNIST;
        int skip = args.length > 5 ? Integer.parseInt(args[5]) : iterations / 2;
        Problem problem = BenchProblems.problem(data, samples, DataType.FLOAT);
        DlamConfig config = BenchProblems.dlamConfig(schedule, warm);
        System.out.printf("problem: %s, loss %s, activation %s, N=%d, warmStart=%s, %s: %s, data %s%n",
                problem.network().widths(), problem.loss(), problem.activation(1), samples, warm, schedule, config, data);
        DlamSession ctx = new DlamSession(problem, config);
        ctx.start();
        List<Double> millis = new ArrayList<>();
        List<Double> gemmMillis = new ArrayList<>();
        List<Double> floorMillis = new ArrayList<>();
        GemmFloor floor = new GemmFloor();
        List<Map<GemmShape, Long>> products = new ArrayList<>();
        Map<String, List<Double>> blockMillis = new LinkedHashMap<>();
        for (int k = 1; k <= iterations; k++) {
            double flops0 = ctx.gemmFlops();
            Map<GemmShape, Long> shapes0 = ctx.gemm().shapes();
            long gemm0 = ctx.gemm().nanos();
            long t0 = System.nanoTime();
            List<BlockReport> blocks = ctx.iterate(k).blocks();
            double seconds = (System.nanoTime() - t0) * 1e-9;
            double flops = ctx.gemmFlops() - flops0;
            StringBuilder line = new StringBuilder(String.format("iter %d: %.0f ms, GEMM %.1f GFLOP -> %.1f GFLOP/s |", k,
                    seconds * 1e3, flops * 1e-9, flops * 1e-9 / seconds));
            int layer = 0;
            for (BlockReport b : blocks) {
                if (b.layer() != layer) {
                    layer = b.layer();
                    line.append(" L").append(layer);
                }
                line.append(String.format(" %s %.0f", b.variable(), ms(b)));
                if (b.trials() > 0) {
                    line.append("(").append(b.trials()).append(")");
                }
                if (k > skip) {
                    blockMillis.computeIfAbsent(b.variable() + "_" + b.layer(), v -> new ArrayList<>()).add(ms(b));
                }
            }
            System.out.println(line);
            if (k > skip) {
                millis.add(seconds * 1e3);
                gemmMillis.add((ctx.gemm().nanos() - gemm0) * 1e-6);
                Map<GemmShape, Long> ran = GemmFloor.ran(shapes0, ctx.gemm().shapes());
                products.add(ran);
                // This iteration's floor, measured right after it (GemmFloor: paired rounds).
                floorMillis.add(floor.round(ran));
            }
        }
        if (millis.isEmpty()) {
            return;
        }
        double[] ms = new double[millis.size()];
        double[] floors = new double[ms.length];
        double[] ratios = new double[ms.length];
        double[] gflop = new double[ms.length];
        double[] inGemm = new double[ms.length];
        double[] other = new double[ms.length];
        Map<GemmShape, Double> perIteration = new LinkedHashMap<>();
        for (int i = 0; i < ms.length; i++) {
            ms[i] = millis.get(i);
            floors[i] = floorMillis.get(i);
            ratios[i] = ms[i] / floors[i];
            inGemm[i] = gemmMillis.get(i);
            other[i] = ms[i] - inGemm[i];
            products.get(i).forEach((shape, n) -> perIteration.merge(shape, (double) n / ms.length, Double::sum));
            gflop[i] = products.get(i).entrySet().stream().mapToDouble(e -> e.getValue() * e.getKey().flops()).sum() * 1e-9;
        }
        StringBuilder blocks = new StringBuilder();
        blockMillis.forEach((b, v) -> blocks.append(blocks.length() == 0 ? "" : ", ").append(b).append(' ')
                .append(String.format("%.0f", SessionTiming.median(v.stream().mapToDouble(Double::doubleValue).toArray()))));
        System.out.printf("%nDLAM %s, N=%d, %s, iterations %d-%d; load %s; %s; BLAS %s%n%n", problem.network().widths(),
                samples, schedule, skip + 1, iterations, SessionTiming.loadAverage(), SessionTiming.threads(), Blas.library());
        System.out.println("| ms per iteration (median) | GEMM GFLOP (median) | GEMM floor ms (median) | ratio to floor (median, min-max) | in GEMM / other ms (median) | ms per block (median) |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        System.out.printf("| %.0f | %.2f | %.0f | %.2f (%.2f-%.2f) | %.0f / %.0f | %s |%n%n", SessionTiming.median(ms),
                SessionTiming.median(gflop), SessionTiming.median(floors), SessionTiming.median(ratios), min(ratios),
                max(ratios), SessionTiming.median(inGemm), SessionTiming.median(other), blocks);
        System.out.print(floor.table(perIteration));
        floor.close();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double ms(BlockReport s) {
        return s.nanos() * 1e-6;
    }
}
