package org.altmin.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The soft-thresholding operator shared by {@link L1Regularizer} and {@link ElasticNetRegularizer}. */
final class SoftThreshold {
    private SoftThreshold() {}

    /**
     * {@code out <- sign(v) max(|v| - tau, 0) = v - clamp(v, -tau, tau)}, for {@code tau >= 0}. The clamp goes into
     * {@code out} itself when {@code out} is not {@code v}, else into {@code scratch}'s slot 0.
     */
    static void apply(INDArray v, double tau, INDArray out, Scratch scratch) {
        INDArray clamped = out == v ? scratch.like(0, v) : out;
        clamped.assign(v);
        Transforms.max(clamped, -tau, false);
        Transforms.min(clamped, tau, false);
        if (clamped == out) {
            out.rsubi(v);
        } else {
            out.subi(clamped);
        }
    }

    /** {@code out <- sign(w)} with {@code sign(0) = 0}; {@code out} may be {@code w}. */
    static INDArray sign(INDArray w, INDArray out) {
        if (out != w) {
            out.assign(w);
        }
        return Transforms.sign(out, false);
    }
}
