package org.altmin.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inverses of sigmoid and tanh, in forms accurate at both ends of (0, 1) and (-1, 1): {@code 1 - y} is
 * exact for {@code y >= 1/2} (Sterbenz), so neither form loses the distance to the saturating end.
 * <ul>
 * <li>{@code logit(y) = log(y / (1 - y))}: {@code logit(0) = -inf}, {@code logit(1) = +inf};
 * <li>{@code atanh(y) = log1p(2 (y / (1 - y))) / 2}: {@code atanh(-1) = -inf}, {@code atanh(1) = +inf},
 * and relatively accurate near 0 in the scalar form (Java's log1p). The array form uses ND4J's Log1p, which is
 * {@code log(1 + x)} with the sum rounded to the array's type: near 0 its error is about an ulp of 1, absolute,
 * not relative (within the tolerance of {@link FloatingPoint}, whose floor at 1 covers it). ND4J's own atanh is
 * about ten plain passes slow; this is five cheap passes and one log1p.
 * </ul>
 * The array forms work in place on {@code y} with one per-thread scratch buffer ({@link Scratch}) for
 * {@code 1 - y}.
 */
final class Logit {
    private Logit() {}

    static double logit(double y) {
        return Math.log(y / (1 - y));
    }

    static double atanh(double y) {
        return 0.5 * Math.log1p(2 * (y / (1 - y)));
    }

    /** y <- logit(y), in place. */
    static void logitInPlace(INDArray y) {
        INDArray oneMinusY = Scratch.like(y);
        Ops.rsub(1.0, y, oneMinusY);
        Ops.div(y, oneMinusY, y);
        Ops.log(y, y);
    }

    /** y <- atanh(y), in place. */
    static void atanhInPlace(INDArray y) {
        INDArray oneMinusY = Scratch.like(y);
        Ops.rsub(1.0, y, oneMinusY);
        Ops.div(y, oneMinusY, y);
        Ops.mul(y, 2.0, y);
        Ops.log1p(y, y);
        Ops.mul(y, 0.5, y);
    }
}
