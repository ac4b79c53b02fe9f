package org.altmin.solvers.sgd;

import org.altmin.api.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD with momentum: the heavy ball of B. T. Polyak ("Some methods of speeding up the convergence of iteration
 * methods", USSR Comput. Math. Math. Phys. 4(5), 1964) or Nesterov's accelerated gradient (Y. Nesterov, "A method
 * for solving the convex programming problem with convergence rate O(1/k^2)", 1983), in the form of I. Sutskever,
 * J. Martens, G. Dahl and G. Hinton, "On the importance of initialization and momentum in deep learning", ICML
 * 2013, as reformulated by Y. Bengio, N. Boulanger-Lewandowski and R. Pascanu, "Advances in optimizing recurrent
 * networks", ICASSP 2013 (and as in PyTorch):
 * <pre>
 *   v     &lt;- mu v + g
 *   theta &lt;- theta - lr v              (heavy ball)
 *   theta &lt;- theta - lr (g + mu v)     (Nesterov: the gradient at the look-ahead point, to first order)
 * </pre>
 * with {@code v = 0} at the start. The velocity accumulates gradients rather than steps, so a learning-rate
 * decay scales past and present alike.
 *
 * @param momentum mu, in [0, 1)
 * @param nesterov Nesterov's look-ahead instead of the heavy ball
 */
public record Momentum(double momentum, boolean nesterov) implements UpdateRule {
    public static final String NAME = "momentum";
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final boolean DEFAULT_NESTEROV = false;

    public Momentum {
        SgdChecks.fraction(NAME, "momentum", momentum);
    }

    /** Reads {@code momentum} and {@code nesterov} (true or false). */
    public static Momentum fromParams(Params params) {
        return new Momentum(params.get("momentum", DEFAULT_MOMENTUM), params.getBoolean("nesterov", DEFAULT_NESTEROV));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String paper() {
        String form = ", in the form of I. Sutskever, J. Martens, G. Dahl and G. Hinton, \"On the importance of"
                + " initialization and momentum in deep learning\", ICML 2013";
        return (nesterov ? "Y. Nesterov's accelerated gradient (1983)" : "B. T. Polyak's heavy ball (1964)") + form;
    }

    @Override
    public Stepper stepper(INDArray parameter) {
        INDArray velocity = parameter.ulike().assign(0);
        INDArray scratch = nesterov ? parameter.ulike() : null;
        return (p, g, lr) -> {
            velocity.muli(momentum).addi(g);
            if (nesterov) {
                // g <- g + mu v, in place (g is scratch).
                g.addi(scratch.assign(velocity).muli(momentum));
                p.subi(g.muli(lr));
            } else {
                p.subi(g.assign(velocity).muli(lr));
            }
        };
    }
}
