package org.altmin.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.solvers.core.Blas;
import org.altmin.solvers.core.Gemm;
import org.altmin.solvers.core.GemmShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GEMM floor of an iteration at its own shapes: the time its products would take with nothing else running.
 * Each {@link GemmShape} an iteration ran ({@link Gemm#shapes()}) is timed alone through {@link Blas#gemm} (the call
 * the sessions make) on random operands of that shape, ordering and type into a preallocated output: the median of
 * {@value #REPEATS} calls after one warm-up, measured once per shape and kept. The shapes of one request are timed
 * in interleaved rounds (each round calls every shape once), so that a slow phase of a shared machine, which lasts
 * longer than a few products, spreads over all shapes' samples instead of skewing one shape's median. The floor of
 * an iteration is the sum over its products of their shape's time. Measure in the same process, right after the
 * iterations it is compared with, so that both see the same machine load.
 *
 * <p>Per shape rather than at one rate: at MNIST's shapes the large products ({@code 100x784x60000}) run near the
 * machine's SGEMM peak, but the output layer's ({@code 10x100x60000}) stream a 24 MB operand for 0.12 GFLOP and run
 * at a fraction of it; one rate for all would understate the floor of those.
 */
public final class GemmFloor {
    /** Timed calls per shape (after one warm-up). */
    public static final int REPEATS = 7;

    private final Map<GemmShape, Double> seconds = new LinkedHashMap<>();

    /** The median seconds of one product of {@code shape} (measured on first request). */
    public double seconds(GemmShape shape) {
        measure(List.of(shape));
        return seconds.get(shape);
    }

    /** Times the shapes not measured yet, in interleaved rounds (see the class javadoc). */
    public void measure(Collection<GemmShape> shapes) {
        List<GemmShape> missing = new ArrayList<>();
        for (GemmShape s : shapes) {
            if (!seconds.containsKey(s) && !missing.contains(s)) {
                missing.add(s);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<Operands> operands = new ArrayList<>();
        try {
            for (GemmShape s : missing) {
                Operands o = Operands.of(s);
                operands.add(o);
                o.call();
            }
            double[][] t = new double[missing.size()][REPEATS];
            for (int round = 0; round < REPEATS; round++) {
                for (int i = 0; i < operands.size(); i++) {
                    long t0 = System.nanoTime();
                    operands.get(i).call();
                    t[i][round] = (System.nanoTime() - t0) * 1e-9;
                }
            }
            for (int i = 0; i < missing.size(); i++) {
                Arrays.sort(t[i]);
                seconds.put(missing.get(i), t[i][REPEATS / 2]);
            }
        } finally {
            operands.forEach(Operands::close);
        }
    }

    /** Milliseconds of GEMM alone for {@code ran} (shape to number of products). */
    public double floorMillis(Map<GemmShape, Long> ran) {
        measure(ran.keySet());
        double s = 0;
        for (Map.Entry<GemmShape, Long> e : ran.entrySet()) {
            s += e.getValue() * seconds(e.getKey());
        }
        return 1e3 * s;
    }

    /** The products in {@code after} that are not in {@code before}: two {@link Gemm#shapes()} snapshots. */
    public static Map<GemmShape, Long> ran(Map<GemmShape, Long> before, Map<GemmShape, Long> after) {
        Map<GemmShape, Long> out = new LinkedHashMap<>();
        after.forEach((shape, count) -> {
            long n = count - before.getOrDefault(shape, 0L);
            if (n > 0) {
                out.put(shape, n);
            }
        });
        return out;
    }

    /**
     * A Markdown table of the shapes measured so far: shape, ms per product and GFLOP/s, with the number of products
     * per iteration from {@code perIteration} (shape to products, possibly fractional: a mean).
     */
    public String table(Map<GemmShape, Double> perIteration) {
        StringBuilder out = new StringBuilder("| product (m x k x n, op, orders, type) | per iteration | ms each | GFLOP/s |\n"
                + "| --- | --- | --- | --- |\n");
        perIteration.forEach((shape, count) -> out.append(String.format("| %s | %.2f | %.2f | %.0f |%n", shape, count,
                1e3 * seconds(shape), shape.flops() / seconds(shape) * 1e-9)));
        return out.toString();
    }

    /** Random operands and a preallocated output of one shape. */
    private record Operands(GemmShape shape, INDArray a, INDArray b, INDArray out) {
        static Operands of(GemmShape s) {
            INDArray a = operand(s, s.transA() ? s.k() : s.m(), s.transA() ? s.m() : s.k(), s.orderA());
            INDArray b = operand(s, s.transB() ? s.n() : s.k(), s.transB() ? s.k() : s.n(), s.orderB());
            return new Operands(s, a, b, Nd4j.create(s.type(), new long[] {s.m(), s.n()}, s.orderOut()));
        }

        void call() {
            Blas.gemm(a, b, out, shape.transA(), shape.transB(), 1.0, 0.0);
        }

        void close() {
            a.close();
            b.close();
            out.close();
        }
    }

    private static INDArray operand(GemmShape s, long rows, long cols, char order) {
        INDArray x = Nd4j.rand(s.type(), rows, cols);
        if (x.ordering() == order) {
            return x;
        }
        INDArray copy = x.dup(order);
        x.close();
        return copy;
    }
}
