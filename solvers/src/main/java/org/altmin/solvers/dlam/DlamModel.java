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
 * g_z_l = rho r_l + n_l,                  l < L, n_l the element of the normal cone of [B1, B2] (equation 4) at z_l
 * g_z_L = grad R(z_L; y) + rho r_L
 * g_a_l = -rho W_{l+1}^T r_{l+1} + m_l,    l < L, m_l the element of the normal cone of [h(z_l) - eps, h(z_l) + eps]
 * </pre>
 * The normal cones are taken exactly, entry by entry, and their element is the one that gives the minimum-norm
 * subgradient: for an entry at its lower bound the cone is {@code (-inf, 0]}, so a positive smooth part is cancelled
 * and a negative one kept; at the upper bound the reverse; inside, the cone is {0}; at a bound where
 * {@code B1 = B2} both. An entry counts as at a bound within {@link #AT_BOUND} ({@link #AT_BOUND_FLOAT} in FLOAT)
 * relative to the bound's magnitude
 * (the a block's projection keeps a few units of roundoff inside the band). One GEMM per W or a subgradient
 * ({@code r_l a_{l-1}^T}, {@code W_{l+1}^T r_{l+1}}); the residual goes to the workspace buffer
 * {@code "model-residual"}, the bounds to {@code "model-lower"} and {@code "model-upper"}.
 */
final class DlamModel implements ObjectiveModel {
    /** Relative distance within which an entry of z_l or a_l counts as at a bound of its constraint set (DOUBLE). */
    static final double AT_BOUND = 1e-9;
    /** The same in FLOAT, whose band projection keeps a few float units of roundoff inside the band. */
    static final double AT_BOUND_FLOAT = 1e-5;

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
        return List.of(State.W, State.B, State.Z, State.A);
    }

    @Override
    public void subgradient(String variable, int layer, INDArray out) {
        State state = ctx.state();
        if (State.A.equals(variable)) {
            aSubgradient(layer, out);
            return;
        }
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
            case State.Z -> {
                checkShape(variable, layer, out, state.z(layer));
                if (layer == ctx.layers()) {
                    ctx.problem().loss().gradient(state.z(layer), ctx.problem().data().y(), out);
                    out.addi(r.muli(ctx.rho()));
                } else {
                    INDArray lower = ctx.buffer("model-lower", layer);
                    INDArray upper = ctx.buffer("model-upper", layer);
                    ctx.problem().activation(layer).preimageBounds(state.a(layer), ctx.epsilon(), lower, upper);
                    out.assign(r).muli(ctx.rho());
                    normalCone(state.z(layer), lower, upper, out);
                }
            }
            default -> throw InvalidParameterException.of("dlam objective", "variable", "'" + variable + "'",
                    "one of " + differentiable());
        }
    }

    /** {@code -rho W_{l+1}^T r_{l+1}} plus the normal cone of the band around {@code h(z_l)}. */
    private void aSubgradient(int layer, INDArray out) {
        State state = ctx.state();
        if (layer < 1 || layer >= ctx.layers()) {
            throw InvalidParameterException.of("dlam objective", "a layer", layer, "1 .. L-1 = " + (ctx.layers() - 1));
        }
        checkShape(State.A, layer, out, state.a(layer));
        INDArray r = ctx.buffer("model-residual", layer + 1);
        ctx.residualSquared(layer + 1, r);
        ctx.gemm().gemm(state.w(layer + 1), r, out, true, false, -ctx.rho(), 0.0);
        INDArray lower = ctx.buffer("model-lower", layer);
        INDArray upper = ctx.buffer("model-upper", layer);
        ctx.problem().activation(layer).apply(state.z(layer), lower);
        upper.assign(lower).addi(ctx.epsilon());
        lower.subi(ctx.epsilon());
        normalCone(state.a(layer), lower, upper, out);
    }

    /**
     * Adds to the smooth part {@code g} (in place) the element of the normal cone of the box {@code [lower, upper]}
     * at {@code x} that minimizes {@code |g + n|} entrywise.
     */
    static void normalCone(INDArray x, INDArray lower, INDArray upper, INDArray g) {
        long n = x.length();
        boolean flat = !x.isView() && !lower.isView() && !upper.isView() && !g.isView()
                && x.ordering() == g.ordering() && lower.ordering() == g.ordering() && upper.ordering() == g.ordering();
        org.nd4j.linalg.api.buffer.DataBuffer xb = x.data();
        org.nd4j.linalg.api.buffer.DataBuffer lb = lower.data();
        org.nd4j.linalg.api.buffer.DataBuffer ub = upper.data();
        org.nd4j.linalg.api.buffer.DataBuffer gb = g.data();
        double tol = x.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? AT_BOUND : AT_BOUND_FLOAT;
        for (long i = 0; i < n; i++) {
            // Whole arrays in one layout (the workspace's and the state's): read the buffers directly.
            double xi = flat ? xb.getDouble(i) : x.getDouble(i);
            double lo = flat ? lb.getDouble(i) : lower.getDouble(i);
            double hi = flat ? ub.getDouble(i) : upper.getDouble(i);
            double gi = flat ? gb.getDouble(i) : g.getDouble(i);
            boolean atLower = Double.isFinite(lo) && Math.abs(xi - lo) <= tol * Math.max(1.0, Math.abs(lo));
            boolean atUpper = Double.isFinite(hi) && Math.abs(xi - hi) <= tol * Math.max(1.0, Math.abs(hi));
            if ((atLower && gi > 0) || (atUpper && gi < 0)) {
                if (flat) {
                    gb.put(i, 0.0);
                } else {
                    g.putScalar(i, 0.0);
                }
            }
        }
    }

    private static void checkShape(String variable, int layer, INDArray out, INDArray reference) {
        if (out.length() != reference.length()) {
            throw InvalidParameterException.of("dlam objective", variable + "_" + layer + " out",
                    java.util.Arrays.toString(out.shape()), "the shape " + java.util.Arrays.toString(reference.shape()));
        }
    }
}
