package org.altmin.solvers.dlam;

import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.State;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DLAM's objective F of Problem 2 (Wang et al., arXiv:1811.04187) as an {@link ObjectiveModel} for the monitors:
 * the value and terms the session measured after the iteration, and the W and b parts of a subgradient from the
 * coupling cache (no product {@code W_l a_{l-1}} of its own):
 * <pre>
 * r_l   = z_l - W_l a_{l-1} - b_l 1^T
 * g_W_l = -rho r_l a_{l-1}^T + Omega_l.subgradient(W_l)
 * g_b_l = -rho r_l 1
 * </pre>
 * One GEMM {@code r_l a_{l-1}^T} per W subgradient; the residual goes to the workspace buffer {@code "model-residual"}.
 */
final class DlamModel implements ObjectiveModel {
    private final DlamContext ctx;
    private DlamObjective objective;

    DlamModel(DlamContext ctx) {
        this.ctx = ctx;
    }

    void at(DlamObjective measured) {
        objective = measured;
    }

    private DlamObjective objective() {
        if (objective == null) {
            objective = DlamObjective.of(ctx);
        }
        return objective;
    }

    @Override
    public double value() {
        return objective().value();
    }

    @Override
    public Map<String, Double> terms() {
        return objective().terms();
    }

    @Override
    public List<String> differentiable() {
        return List.of(State.W, State.B);
    }

    @Override
    public void subgradient(String variable, int layer, INDArray out) {
        State state = ctx.state();
        INDArray r = ctx.buffer("model-residual", layer);
        ctx.residualSquared(layer, r);
        switch (variable) {
            case State.W -> {
                checkShape(variable, layer, out, state.w(layer));
                ctx.gemm().gemm(r, state.a(layer - 1), out, false, true, -ctx.rho(), 0.0);
                out.addi(ctx.problem().regularizer(layer).subgradient(state.w(layer)));
            }
            case State.B -> {
                checkShape(variable, layer, out, state.b(layer));
                // An n_l vector: small, so ND4J's row sum is fine here.
                out.assign(r.sum(1).reshape(out.shape()).muli(-ctx.rho()));
            }
            default -> throw InvalidParameterException.of("dlam objective", "variable", "'" + variable + "'",
                    "one of " + differentiable());
        }
    }

    private static void checkShape(String variable, int layer, INDArray out, INDArray reference) {
        if (out.length() != reference.length()) {
            throw InvalidParameterException.of("dlam objective", variable + "_" + layer + " out",
                    java.util.Arrays.toString(out.shape()), "the shape " + java.util.Arrays.toString(reference.shape()));
        }
    }
}
