package org.altmin.solvers.sgd;

import org.altmin.api.Params;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdaGrad, diagonal form (J. Duchi, E. Hazan and Y. Singer, "Adaptive subgradient methods for online learning
 * and stochastic optimization", JMLR 12, 2011):
 * <pre>
 *   G     &lt;- G + g^2
 *   theta &lt;- theta - lr g / (sqrt(G) + epsilon)
 * </pre>
 * with {@code G = 0} at the start (as in PyTorch).
 *
 * @param epsilon added to the denominator, {@code > 0}
 */
public record AdaGrad(double epsilon) implements UpdateRule {
    public static final String NAME = "adagrad";
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_EPSILON = 1e-10;

    public AdaGrad {
        Validate.positive(NAME, "epsilon", epsilon);
    }

    /** Reads {@code epsilon}. */
    public static AdaGrad fromParams(Params params) {
        return new AdaGrad(params.get("epsilon", DEFAULT_EPSILON));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String paper() {
        return "J. Duchi, E. Hazan and Y. Singer, \"Adaptive subgradient methods for online learning and stochastic"
                + " optimization\", JMLR 12, 2011";
    }

    /** True: its steppers save their state. */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Stepper stepper(INDArray parameter) {
        INDArray sumSquares = parameter.ulike().assign(0);
        // libnd4j's fused updater: G <- G + g^2 in place, the step lr g / (sqrt(G) + epsilon) into g.
        return Stepper.withState((p, g, lr) -> {
            Nd4j.exec(new AdaGradUpdater(g, sumSquares, lr, epsilon));
            p.subi(g);
        }, java.util.Map.of("sum_squares", sumSquares));
    }
}
