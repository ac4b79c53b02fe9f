package org.altmin.solvers.sgd;

import org.altmin.api.Params;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (D. P. Kingma and J. Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1), with the
 * bias correction of its moment estimates:
 * <pre>
 *   m     &lt;- beta1 m + (1 - beta1) g
 *   v     &lt;- beta2 v + (1 - beta2) g^2
 *   theta &lt;- theta - lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 * with {@code m = v = 0} at the start and t the step count of this parameter.
 *
 * @param beta1   the decay of the first-moment estimate, in [0, 1)
 * @param beta2   the decay of the second-moment estimate, in [0, 1)
 * @param epsilon added to the denominator, {@code > 0}
 */
public record Adam(double beta1, double beta2, double epsilon) implements UpdateRule {
    public static final String NAME = "adam";
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    public Adam {
        SgdChecks.fraction(NAME, "beta1", beta1);
        SgdChecks.fraction(NAME, "beta2", beta2);
        Validate.positive(NAME, "epsilon", epsilon);
    }

    /** Reads {@code beta1, beta2, epsilon}. */
    public static Adam fromParams(Params params) {
        return new Adam(params.get("beta1", DEFAULT_BETA1), params.get("beta2", DEFAULT_BETA2),
                params.get("epsilon", DEFAULT_EPSILON));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String paper() {
        return "D. P. Kingma and J. Ba, \"Adam: a method for stochastic optimization\", ICLR 2015";
    }

    /** True: its steppers save their state. */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Stepper stepper(INDArray parameter) {
        INDArray m = parameter.ulike().assign(0);
        INDArray v = parameter.ulike().assign(0);
        return new Stepper() {
            private int t;

            @Override
            public void step(INDArray p, INDArray g, double lr) {
                t++;
                // libnd4j's fused updater (one pass instead of ~16 elementwise ops) computes, with iteration t - 1,
                // lr sqrt(1 - beta2^t) / (1 - beta1^t) m / (sqrt(v) + eps'): Algorithm 1 exactly when
                // eps' = epsilon sqrt(1 - beta2^t). It updates m and v in place and writes the step into g.
                Nd4j.exec(new AdamUpdater(g, v, m, lr, beta1, beta2, epsilon * Math.sqrt(1 - Math.pow(beta2, t)), t - 1));
                p.subi(g);
            }

            @Override
            public void save(org.altmin.solvers.core.Snapshot out) {
                out.put("m", m);
                out.put("v", v);
                out.put("t", (long) t);
            }

            @Override
            public void restore(org.altmin.solvers.core.Snapshot in) {
                in.restore("m", m);
                in.restore("v", v);
                t = in.integer("t", 0, Integer.MAX_VALUE);
            }
        };
    }
}
