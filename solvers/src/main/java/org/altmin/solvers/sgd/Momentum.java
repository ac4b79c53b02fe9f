package org.altmin.solvers.sgd;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.altmin.api.Params;
import org.altmin.api.kernels.Segments;
import org.nd4j.linalg.api.buffer.DataType;
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

    /** True: its steppers save their state. */
    @Override
    public boolean resumable() {
        return true;
    }

    /**
     * The stepper: on arrays that are one flat buffer each ({@link Segments#flat}) one fused pass
     * ({@link #fused}), else the same arithmetic as ND4J ops ({@link #opByOp}); both round every operation to the
     * array's type in the same order, so they give the same bits.
     */
    @Override
    public Stepper stepper(INDArray parameter) {
        INDArray velocity = parameter.ulike().assign(0);
        INDArray scratch = nesterov ? parameter.ulike() : null;
        return Stepper.withState((p, g, lr) -> {
            if (Segments.flat(p, g, velocity)) {
                fused(p, g, velocity, momentum, nesterov, lr);
            } else {
                opByOp(p, g, velocity, scratch, momentum, nesterov, lr);
            }
        }, java.util.Map.of("velocity", velocity));
    }

    /** One step as ND4J ops (each a pass over the arrays); {@code scratch} is needed for Nesterov only. */
    static void opByOp(INDArray p, INDArray g, INDArray velocity, INDArray scratch, double momentum, boolean nesterov,
            double lr) {
        velocity.muli(momentum).addi(g);
        if (nesterov) {
            // g <- g + mu v, in place (g is scratch).
            g.addi(scratch.assign(velocity).muli(momentum));
            p.subi(g.muli(lr));
        } else {
            p.subi(g.assign(velocity).muli(lr));
        }
    }

    /**
     * One step in one pass over the flat buffers of {@code p}, {@code g} and {@code velocity} (FLOAT or DOUBLE):
     * per entry {@code v = fl(fl(v mu) + g)}, then {@code p = fl(p - fl(v lr))} (heavy ball) or
     * {@code p = fl(p - fl(fl(g + fl(v mu)) lr))} (Nesterov), with mu and lr rounded to the arrays' type as ND4J's
     * scalar ops round them, so that the result is {@link #opByOp}'s to the bit. On the minibatch path the arrays are
     * {@code n_l x n_{l-1}}: one pass instead of five ND4J ops, each with its native call's overhead. {@code g} is
     * left unchanged (the contract allows either).
     */
    static void fused(INDArray p, INDArray g, INDArray velocity, double momentum, boolean nesterov, double lr) {
        int n = (int) p.length();
        if (p.dataType() == DataType.FLOAT) {
            FloatBuffer ps = p.data().asNioFloat();
            FloatBuffer gs = g.data().asNioFloat();
            FloatBuffer vs = velocity.data().asNioFloat();
            float mu = (float) momentum;
            float rate = (float) lr;
            Segments.pass(n, (scratch, row, at, count) -> {
                float[] pv = scratch.floats(0);
                float[] gv = scratch.floats(1);
                float[] vv = scratch.floats(2);
                ps.get(at, pv, 0, count);
                gs.get(at, gv, 0, count);
                vs.get(at, vv, 0, count);
                for (int i = 0; i < count; i++) {
                    float v = vv[i] * mu + gv[i];
                    vv[i] = v;
                    float step = nesterov ? (gv[i] + v * mu) * rate : v * rate;
                    pv[i] = pv[i] - step;
                }
                vs.put(at, vv, 0, count);
                ps.put(at, pv, 0, count);
                return 0;
            });
        } else {
            DoubleBuffer ps = p.data().asNioDouble();
            DoubleBuffer gs = g.data().asNioDouble();
            DoubleBuffer vs = velocity.data().asNioDouble();
            Segments.pass(n, (scratch, row, at, count) -> {
                double[] pv = scratch.doubles(0);
                double[] gv = scratch.doubles(1);
                double[] vv = scratch.doubles(2);
                ps.get(at, pv, 0, count);
                gs.get(at, gv, 0, count);
                vs.get(at, vv, 0, count);
                for (int i = 0; i < count; i++) {
                    double v = vv[i] * momentum + gv[i];
                    vv[i] = v;
                    double step = nesterov ? (gv[i] + v * momentum) * lr : v * lr;
                    pv[i] = pv[i] - step;
                }
                vs.put(at, vv, 0, count);
                ps.put(at, pv, 0, count);
                return 0;
            });
        }
    }
}
