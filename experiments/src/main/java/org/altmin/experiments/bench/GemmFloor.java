package org.altmin.experiments.bench;

import java.util.ArrayList;
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
 * the sessions make) on random operands of that shape, ordering and type into a preallocated output (allocated and
 * warmed up by one call on first use, kept until {@link #close()}).
 *
 * <p><b>Paired with the iterations.</b> A shared machine has slow phases lasting seconds, longer than an iteration:
 * a floor measured once, after all the iterations, can fall in another phase than the iterations it is compared
 * with, and the ratio then says more about the machine than about the code. So a benchmark calls {@link #round}
 * right after each iteration it counts: one call of each of that iteration's shapes, the floor of that iteration at
 * that moment. The per-shape figures ({@link #seconds}, {@link #floorMillis}, {@link #table}) are medians over all
 * the calls of a shape, topped up to {@value #REPEATS} calls (in interleaved rounds over the shapes, for the same
 * reason) where fewer ran.
 *
 * <p>Per shape rather than at one rate: at MNIST's shapes the large products ({@code 100x784x60000}) run near the
 * machine's SGEMM peak, but the output layer's ({@code 10x100x60000}) stream a 24 MB operand for 0.12 GFLOP and run
 * at a fraction of it; one rate for all would understate the floor of those.
 */
public final class GemmFloor implements AutoCloseable {
    /** The fewest timed calls per shape behind {@link #seconds} (after the warm-up). */
    public static final int REPEATS = 7;

    private final Map<GemmShape, Operands> operands = new LinkedHashMap<>();
    private final Map<GemmShape, List<Double>> samples = new LinkedHashMap<>();

    /**
     * One call of each shape of {@code ran} (shape to number of products), timed: the floor of {@code ran} now, in
     * milliseconds ({@code sum count x time}). Each call's time also joins its shape's samples.
     */
    public double round(Map<GemmShape, Long> ran) {
        double s = 0;
        for (Map.Entry<GemmShape, Long> e : ran.entrySet()) {
            s += e.getValue() * time(e.getKey());
        }
        return 1e3 * s;
    }

    /** The median seconds of one product of {@code shape}, over at least {@value #REPEATS} calls. */
    public double seconds(GemmShape shape) {
        measure(List.of(shape));
        double[] t = samples.get(shape).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
    }

    /** Tops every shape up to {@value #REPEATS} timed calls, in interleaved rounds (see the class javadoc). */
    public void measure(Collection<GemmShape> shapes) {
        boolean more = true;
        while (more) {
            more = false;
            for (GemmShape shape : shapes) {
                if (samples.getOrDefault(shape, List.of()).size() < REPEATS) {
                    time(shape);
                    more = true;
                }
            }
        }
    }

    /** Milliseconds of GEMM alone for {@code ran} (shape to number of products), from the per-shape medians. */
    public double floorMillis(Map<GemmShape, Long> ran) {
        measure(ran.keySet());
        double s = 0;
        for (Map.Entry<GemmShape, Long> e : ran.entrySet()) {
            s += e.getValue() * seconds(e.getKey());
        }
        return 1e3 * s;
    }

    /** How many calls of {@code shape} were timed so far (warm-ups excluded). */
    int calls(GemmShape shape) {
        return samples.getOrDefault(shape, List.of()).size();
    }

    /** Frees the operands. */
    @Override
    public void close() {
        operands.values().forEach(Operands::close);
        operands.clear();
    }

    private double time(GemmShape shape) {
        Operands o = operands.get(shape);
        if (o == null) {
            o = Operands.of(shape);
            operands.put(shape, o);
            o.call();
        }
        long t0 = System.nanoTime();
        o.call();
        double t = (System.nanoTime() - t0) * 1e-9;
        samples.computeIfAbsent(shape, k -> new ArrayList<>()).add(t);
        return t;
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
