package org.altmin.losses;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.Params;
import org.altmin.api.ProxReport;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The one-vs-all multiclass hinge loss, summed over classes and samples (columns):
 * <pre>
 *   R(z; y) = sum_{j,i} max(0, margin - s_ji z_ji),   s = 2y - 1,
 * </pre>
 * so each class score is pushed above {@code +margin} for the true class and below {@code -margin} for the
 * others. This is the loss of the ADMM baseline (G. Taylor, R. Burmeister, Z. Xu, B. Singh, A. Patel and
 * T. Goldstein, training neural networks without gradients: a scalable ADMM approach, ICML 2016), here in the
 * risk slot of DLAM's Problem 2 (J. Wang, F. Yu, X. Chen and L. Zhao, arXiv:1811.04187). It is convex and
 * closed (Assumption 2) but not differentiable ({@link #isSmooth()} is false). Labels y must be 0/1 (one-hot);
 * any other entry is rejected, since s = 2y - 1 must be a sign.
 *
 * <p><b>Subgradient.</b> Entrywise {@code -s_ji} where {@code s_ji z_ji < margin} and 0 where
 * {@code s_ji z_ji > margin}. At the kink {@code s_ji z_ji = margin} the subdifferential is the segment
 * {@code [0, -s_ji]}; {@link #gradient} returns 0 there, its minimum-norm element.
 *
 * <p><b>Proximal map</b> (DLAM equation 5), exact and entrywise: with {@code w = s v} (s = +-1 so
 * {@code s^2 = 1}), {@code argmin_u max(0, margin - s u) + (rho/2)(u - v)^2 = v + s * clamp(margin - s v, 0, 1/rho)}:
 * v is kept where it already clears the margin, moved onto the margin where that costs less than {@code 1/rho},
 * and moved by {@code 1/rho} towards it otherwise.
 *
 * <p><b>Not thread-safe:</b> an instance keeps two scratch arrays per shape and data type. {@code out} may be
 * {@code z} (in {@link #gradient}) or {@code v} (in {@link #prox}), or y.
 */
public final class MulticlassHingeLoss implements Loss {
    /** The registered name. */
    public static final String NAME = "hinge";
    /** Default margin (parameter "margin"). */
    public static final double DEFAULT_MARGIN = 1.0;

    private static final String COMPONENT = "MulticlassHingeLoss";
    private static final int SIGNS = 0;
    private static final int WORK = 1;

    private final double margin;
    private final Scratch scratch = new Scratch();

    /** The loss with the default margin 1. */
    public MulticlassHingeLoss() {
        this(DEFAULT_MARGIN);
    }

    /** @param margin the margin, {@code > 0} */
    public MulticlassHingeLoss(double margin) {
        this.margin = Validate.positive(COMPONENT, "margin", margin);
    }

    /** Builds the loss from parameter "margin". */
    public static MulticlassHingeLoss fromParams(Params params) {
        return new MulticlassHingeLoss(params.get("margin", DEFAULT_MARGIN));
    }

    public double margin() {
        return margin;
    }

    @Override
    public boolean isSmooth() {
        return false;
    }

    @Override
    public double value(INDArray z, INDArray y) {
        Checks.matrix(COMPONENT, "z", z);
        Checks.like(COMPONENT, "y", y, z);
        INDArray slack = signs(y).muli(z).rsubi(margin);   // margin - s z
        return Transforms.relu(slack, false).sumNumber().doubleValue();
    }

    @Override
    public void gradient(INDArray z, INDArray y, INDArray out) {
        Checks.matrix(COMPONENT, "z", z);
        Checks.like(COMPONENT, "y", y, z);
        Checks.like(COMPONENT, "out", out, z);
        INDArray s = signs(y);
        s.mul(z, out).rsubi(margin);          // margin - s z
        Transforms.sign(out, false);          // +1 inside the margin, 0 at the kink, -1 beyond
        Transforms.relu(out, false);          // the active indicator; 0 at the kink: the minimum-norm choice
        out.muli(s).negi();
    }

    @Override
    public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
        Checks.matrix(COMPONENT, "v", v);
        Checks.like(COMPONENT, "y", y, v);
        Validate.positive(COMPONENT, "rho", rho);
        Checks.like(COMPONENT, "out", out, v);
        INDArray s = signs(y);
        INDArray move = scratch.like(WORK, v);
        s.mul(v, move).rsubi(margin);               // margin - s v
        Transforms.max(move, 0.0, false);
        Transforms.min(move, 1 / rho, false);       // clamp(margin - s v, 0, 1/rho)
        move.muli(s);
        v.add(move, out);
        return ProxReport.EXACT;
    }

    /** {@code s = 2y - 1} in a scratch array, rejecting labels other than 0 and 1. */
    private INDArray signs(INDArray y) {
        INDArray s = scratch.like(SIGNS, y).assign(y).muli(2).subi(1);
        if (BooleanIndexing.or(s, Conditions.absLessThan(1.0)) || BooleanIndexing.or(s, Conditions.absGreaterThan(1.0))
                || BooleanIndexing.or(s, Conditions.isNan())) {
            throw new InvalidParameterException(COMPONENT, "y",
                    "must hold only 0 and 1 (one-hot labels), found other values (min " + y.minNumber()
                            + ", max " + y.maxNumber() + ")");
        }
        return s;
    }

    @Override
    public String toString() {
        return NAME + "(margin=" + margin + ")";
    }
}
