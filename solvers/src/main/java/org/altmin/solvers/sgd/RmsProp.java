package org.altmin.solvers.sgd;

import org.altmin.api.Params;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSProp (T. Tieleman and G. Hinton, Lecture 6.5, "rmsprop: divide the gradient by a running average of its
 * recent magnitude", COURSERA: Neural Networks for Machine Learning, 2012):
 * <pre>
 *   s     &lt;- rho s + (1 - rho) g^2
 *   theta &lt;- theta - lr g / (sqrt(s) + epsilon)
 * </pre>
 * with {@code s = 0} at the start (as in PyTorch; {@code rho} is Keras' rho and PyTorch's alpha).
 *
 * @param rho     the decay of the mean square, in [0, 1)
 * @param epsilon added to the denominator, {@code > 0}
 */
public record RmsProp(double rho, double epsilon) implements UpdateRule {
    public static final String NAME = "rmsprop";
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_EPSILON = 1e-8;

    public RmsProp {
        SgdChecks.fraction(NAME, "rho", rho);
        Validate.positive(NAME, "epsilon", epsilon);
    }

    /** Reads {@code rho, epsilon}. */
    public static RmsProp fromParams(Params params) {
        return new RmsProp(params.get("rho", DEFAULT_RHO), params.get("epsilon", DEFAULT_EPSILON));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String paper() {
        return "T. Tieleman and G. Hinton, Lecture 6.5 \"rmsprop\", COURSERA: Neural Networks for Machine Learning,"
                + " 2012";
    }

    /** True: its steppers save their state. */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Stepper stepper(INDArray parameter) {
        INDArray meanSquare = parameter.ulike().assign(0);
        // libnd4j's fused updater: s <- rho s + (1 - rho) g^2 in place, the step lr g / (sqrt(s) + epsilon) into g.
        return Stepper.withState((p, g, lr) -> {
            Nd4j.exec(new RmsPropUpdater(g, meanSquare, lr, rho, epsilon));
            p.subi(g);
        }, java.util.Map.of("mean_square", meanSquare));
    }
}
