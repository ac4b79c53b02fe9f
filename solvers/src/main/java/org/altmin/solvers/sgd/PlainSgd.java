package org.altmin.solvers.sgd;

import org.altmin.api.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain stochastic gradient descent, {@code theta <- theta - lr_k g} (H. Robbins and S. Monro, "A stochastic
 * approximation method", Ann. Math. Statist. 22(3), 1951; for networks, L. Bottou, "Large-scale machine learning
 * with stochastic gradient descent", COMPSTAT 2010). The optional decay {@code lr_k = lr / (1 + decay (k - 1))}
 * of epoch k is common to every rule and lives in {@link SgdSettings}. No state.
 */
public record PlainSgd() implements UpdateRule {
    public static final String NAME = "sgd";
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    /** Has no parameters of its own. */
    public static PlainSgd fromParams(Params params) {
        return new PlainSgd();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String paper() {
        return "H. Robbins and S. Monro, \"A stochastic approximation method\", Ann. Math. Statist. 22(3), 1951";
    }

    /** True: its steppers save their state. */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Stepper stepper(INDArray parameter) {
        return (p, g, lr) -> p.subi(g.muli(lr));
    }
}
