package org.altmin.activations;

import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The binarizing step {@code h(z) = high} for {@code z >= 0}, {@code low} for {@code z < 0}, shared by
 * {@link Step} (levels 0, 1) and {@link Sign} (levels -1, +1). See {@link Step} for the conventions.
 *
 * <p>Preimage of the band {@code [a - eps, a + eps]}: it contains {@code low} iff {@code |a - low| <= eps} and
 * {@code high} iff {@code |a - high| <= eps}; both: all reals; only {@code high}: {@code [0, +inf)}; only
 * {@code low}: the open {@code (-inf, 0)}, closed as {@code [-inf, nextDown(0)]} with the largest representable
 * number below 0 ({@link FloatingPoint#largestBelowZero}); neither: empty.
 *
 * <p>Array form of the bounds: one pass ({@link Elementwise}), bit for bit what the ND4J form (the fallback for
 * views, mixed layouts and bad a) computes; the emptiness test is the ND4J form's, in the array's type. Apply and
 * derivative: ND4J passes.
 */
final class TwoLevelStep {
    private final String component;
    private final double low;
    private final double high;

    TwoLevelStep(String component, double low, double high) {
        this.component = component;
        this.low = low;
        this.high = high;
    }

    double apply(double z) {
        return z >= 0 ? high : low;
    }

    /** 0, or with the straight-through estimator {@code (high - low) / 2} on {@code |z| <= 1}. */
    double derivative(double z, boolean straightThrough) {
        return straightThrough && Math.abs(z) <= 1 ? (high - low) / 2 : 0.0;
    }

    double lowerBound(double a, double epsilon) {
        check(a, epsilon);
        return Math.abs(a - low) <= epsilon ? Double.NEGATIVE_INFINITY : 0.0;
    }

    double upperBound(double a, double epsilon) {
        check(a, epsilon);
        return Math.abs(a - high) <= epsilon ? Double.POSITIVE_INFINITY : Math.nextDown(0.0);
    }

    private void check(double a, double epsilon) {
        Args.band(component, a, epsilon);
        if (!(Math.abs(a - low) <= epsilon) && !(Math.abs(a - high) <= epsilon)) {
            throw empty(a, epsilon);
        }
    }

    private InvalidParameterException empty(Object a, double epsilon) {
        return Args.emptyBand(component, a, epsilon, "within epsilon of " + low + " or " + high,
                "{" + low + ", " + high + "}");
    }

    void apply(INDArray z, INDArray out) {
        Args.elementwise(component, z, out);
        // z >= 0 iff z > nextDown(0) in z's type (-0.0 included).
        Ops.greaterThan(z, FloatingPoint.largestBelowZero(z.dataType()), out);
        if (high - low != 1) {
            Ops.mul(out, high - low, out);
        }
        if (low != 0) {
            Ops.add(out, low, out);
        }
    }

    void derivative(INDArray z, INDArray out, boolean straightThrough) {
        Args.elementwise(component, z, out);
        if (!straightThrough) {
            out.assign(0.0);
            return;
        }
        Ops.insideUnitInterval(z, out);
        if (high - low != 2) {
            Ops.mul(out, (high - low) / 2, out);
        }
    }

    void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.bounds(component, a, epsilon, lower, upper);
        // One pass, the ND4J form below entry by entry in the array's type: missesLow = [|a - low| > eps],
        // missesHigh = [|a - high| > eps]; lower = 1 - 1/missesLow (0 or -inf), upper = 1/missesHigh - 1 +
        // nextDown(0) (nextDown(0) or +inf); a chunk with an entry missing both is rejected, and the ND4J form
        // then throws.
        float e = (float) epsilon;
        float lowF = (float) low;
        float highF = (float) high;
        float ndf = Math.nextDown(0f);
        double nd = Math.nextDown(0.0);
        // x holds missesLow * missesHigh afterwards, counted by a sum.
        Elementwise.Pass pass = Elementwise.bounds(a, lower, upper, Elementwise.Extremes.NONE, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                float missesLow = Elementwise.positive(Math.abs(x[k] - lowF) - e);
                float missesHigh = Elementwise.positive(Math.abs(x[k] - highF) - e);
                l[k] = 1f - 1f / missesLow;
                u[k] = 1f / missesHigh - 1f + ndf;
                x[k] = missesLow * missesHigh;
            }
            return Elementwise.sum(x, 1f, n) == 0f;
        }, (x, l, u, n) -> {
            for (int k = 0; k < n; k++) {
                double missesLow = Elementwise.positive(Math.abs(x[k] - low) - epsilon);
                double missesHigh = Elementwise.positive(Math.abs(x[k] - high) - epsilon);
                l[k] = 1.0 - 1.0 / missesLow;
                u[k] = 1.0 / missesHigh - 1.0 + nd;
                x[k] = missesLow * missesHigh;
            }
            return Elementwise.sum(x, 1.0, n) == 0.0;
        });
        if (pass == null || !pass.clean()) {
            preimageBoundsNd4j(a, epsilon, lower, upper);
        }
    }

    /** The ND4J form of the bounds (after the argument checks): also the one that throws for bad a. */
    private void preimageBoundsNd4j(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        Args.extremes(component, a);
        // lower <- [|a - low| > eps] (misses low), upper <- [|a - high| > eps] (misses high), in {0, 1}.
        Ops.sub(a, low, lower);
        Ops.abs(lower, lower);
        Ops.greaterThan(lower, epsilon, lower);
        Ops.sub(a, high, upper);
        Ops.abs(upper, upper);
        Ops.greaterThan(upper, epsilon, upper);
        // Some entry misses both levels iff sum(missesLow * missesHigh) > 0: one reduction, no temporary.
        if (Ops.dot(lower, upper) > 0) {
            lower.muli(upper);
            long index = lower.ravel().argMax().getLong(0);
            throw empty(a.ravel().getDouble(index), epsilon);
        }
        // Cheap arithmetic instead of conditional replacement: 1 - 1/m maps {1, 0} to {0, -inf}; 1/m - 1 + nd0
        // maps {1, 0} to {nextDown(0), +inf}.
        Ops.rdiv(1.0, lower, lower);
        Ops.rsub(1.0, lower, lower);
        Ops.rdiv(1.0, upper, upper);
        Ops.sub(upper, 1.0, upper);
        Ops.add(upper, FloatingPoint.largestBelowZero(a.dataType()), upper);
    }
}
