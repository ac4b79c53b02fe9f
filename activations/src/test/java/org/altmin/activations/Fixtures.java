package org.altmin.activations;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared test data: every shipped activation, edge-case inputs, and bands whose preimage is nonempty. */
final class Fixtures {
    private Fixtures() {}

    static final DataType[] TYPES = {DataType.DOUBLE, DataType.FLOAT};

    /** Every eps is representable in float, so FLOAT and DOUBLE arrays see the same band. 2^-30: tiny. */
    static final double[] EPSILONS = {0.0, 0x1p-30, 0x1p-10, 0.125, 0.5, 0.75, 3.0};

    static List<QuasilinearActivation> activations() {
        return List.of(new Relu(), new LeakyRelu(), new LeakyRelu(0.5), new Tanh(), new Sigmoid(), new HardTanh(),
                new Identity(), new Step(), new Step(true), new Sign(), new Sign(true));
    }

    static Stream<Arguments> activationsAndTypes() {
        return activations().stream().flatMap(h -> Stream.of(TYPES).map(t -> Arguments.of(h, t)));
    }

    static boolean isStep(QuasilinearActivation h) {
        return h instanceof Step || h instanceof Sign;
    }

    /** Inputs at kinks (0, ±1), signed zeros, subnormals, saturation (tanh, sigmoid in float/double), large. */
    static final double[] EDGE_Z = {0.0, -0.0, 1.0, -1.0, Math.nextDown(0f), Math.nextDown(0.0), Float.MIN_VALUE,
        1e-300, -1e-8, 1e-8, 0.5, -0.5, 2.5, -2.5, 9.0, -9.0, 17.0, -17.0, 20.0, -20.0, 40.0, -40.0, 120.0, -120.0,
        800.0, -800.0, 1e6, -1e6};

    /** Edge inputs then standard normal times 4 and uniform on [-30, 30], rounded to the type. */
    static double[] zValues(SplittableRandom random, int count, DataType type) {
        double[] z = new double[count];
        for (int i = 0; i < count; i++) {
            double v = i < EDGE_Z.length ? EDGE_Z[i]
                    : i % 2 == 0 ? 4 * gaussian(random) : random.nextDouble(-30, 30);
            z[i] = round(type, v);
        }
        return z;
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    static double round(DataType type, double v) {
        return type == DataType.FLOAT ? (double) (float) v : v;
    }

    /**
     * {@code count} band centres a (in the type) with a nonempty preimage for this eps: {@code a = h(z) + u eps}
     * with u in [-1, 1] (often exactly ±1 or 0, the band edge on a value of h), kept when the scalar bounds
     * accept it.
     */
    static double[] centres(QuasilinearActivation h, double epsilon, SplittableRandom random, int count, DataType type) {
        double[] z = zValues(random, 4 * count, type);
        double[] a = new double[count];
        int filled = 0;
        for (int i = 0; filled < count; i = (i + 1) % z.length) {
            double u = switch (random.nextInt(5)) {
                case 0 -> 1.0;
                case 1 -> -1.0;
                case 2 -> 0.0;
                default -> random.nextDouble(-1, 1);
            };
            double candidate = round(type, h.apply(z[i]) + u * epsilon);
            if (nonempty(h, candidate, epsilon)) {
                a[filled++] = candidate;
            }
        }
        return a;
    }

    static boolean nonempty(QuasilinearActivation h, double a, double epsilon) {
        try {
            h.lowerBound(a, epsilon);
            return true;
        } catch (InvalidParameterException e) {
            return false;
        }
    }

    /** A rows x columns array of the values (row-major), in the type. */
    static INDArray array(double[] values, int rows, DataType type) {
        return Nd4j.createFromArray(values).castTo(type).reshape('c', rows, values.length / rows);
    }

    static double[] flat(INDArray array) {
        return array.dup('c').reshape(array.length()).toDoubleVector();
    }

    /** Points of [lo, hi] to test (the bounds, near them, inside), infinities replaced by far points. */
    static List<Double> pointsIn(double lo, double hi, SplittableRandom random) {
        double left = Double.isInfinite(lo) ? (Double.isInfinite(hi) ? -1e4 : Math.min(hi, 0) - 1e4) : lo;
        double right = Double.isInfinite(hi) ? (Double.isInfinite(lo) ? 1e4 : Math.max(lo, 0) + 1e4) : hi;
        List<Double> points = new ArrayList<>(List.of(left, right, Math.nextUp(left), Math.nextDown(right)));
        for (double t : new double[] {1e-9, 0.001, 0.5, 0.999, random.nextDouble()}) {
            points.add(left + t * (right - left));
        }
        points.removeIf(p -> p < left || p > right);
        return points;
    }
}
