package org.altmin.solvers.admm;

import org.altmin.api.ObjectiveTerms;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The augmented Lagrangian of Taylor et al. (ICML 2016, equation 3 with the multiplier term on the output layer)
 * at the context's current point, term by term and layer by layer, from the product cache {@code W_l a_{l-1}}
 * (no GEMM). It maps onto {@link ObjectiveTerms} as follows:
 * <ul>
 *   <li>{@code risk}: {@code R(z_L; y)}, summed over samples (the paper's {@code l(z_L, y)});</li>
 *   <li>{@code regularization}: {@code sum_l Omega_l(W_l)}, 0 with the paper's setting ("none");</li>
 *   <li>{@code coupling}: every other term, {@code sum_l beta ||z_l - W_l a_{l-1}||^2 + sum_{l<L} gamma ||a_l -
 *       h_l(z_l)||^2 + <z_L, lambda>} (the multiplier term can be negative);</li>
 *   <li>{@code infeasibility}: 0, as ADMM has no hard constraints (its constraint {@code z_L = W_L a_{L-1}} is
 *       enforced by lambda; its residual is {@link AdmmContext#primalResidual()}).</li>
 * </ul>
 * So {@link ObjectiveTerms#objective()} is the augmented Lagrangian. Every primal update minimizes it exactly over
 * its block, so it does not increase within the primal part of a sweep; the multiplier update changes it by
 * {@code beta <z_L, z_L - W_L a_{L-1}>}, of either sign, so across iterations it need not decrease (ADMM is not a
 * descent method, and DLAM's monitors of Properties 1-3 do not apply to it).
 *
 * @param risk             R(z_L; y)
 * @param regularization   Omega_l(W_l), index l (0 unused)
 * @param penalty          beta ||z_l - W_l a_{l-1}||^2, index l
 * @param activationResidual ||a_l - h_l(z_l)||_F, index l (0 for l = L)
 * @param multiplierTerm   {@code <z_L, lambda>}
 * @param gamma            gamma, to weigh the activation residuals
 */
public record AdmmObjective(double risk, double[] regularization, double[] penalty, double[] activationResidual,
        double multiplierTerm, double gamma) {

    /** Evaluates every term; uses each layer's scratch. */
    public static AdmmObjective of(AdmmContext ctx) {
        Problem problem = ctx.problem();
        State state = ctx.state();
        int layers = ctx.layers();
        double beta = ctx.config().beta();
        double[] reg = new double[layers + 1];
        double[] penalty = new double[layers + 1];
        double[] residual = new double[layers + 1];
        double risk = problem.loss().value(state.z(layers), problem.data().y());
        for (int l = 1; l <= layers; l++) {
            reg[l] = problem.regularizer(l).value(state.w(l));
            penalty[l] = beta * state.z(l).squaredDistance(ctx.wa(l));
            if (l < layers) {
                INDArray h = ctx.scratch(l);
                problem.activation(l).apply(state.z(l), h);
                residual[l] = Math.sqrt(h.squaredDistance(state.a(l)));
            }
        }
        INDArray product = ctx.scratch(layers).assign(state.z(layers)).muli(ctx.lambda());
        double multiplierTerm = product.sumNumber().doubleValue();
        return new AdmmObjective(risk, reg, penalty, residual, multiplierTerm, ctx.config().gamma());
    }

    /** The four terms of {@link ObjectiveTerms}, as documented above. */
    public ObjectiveTerms terms() {
        double reg = 0;
        double coupling = multiplierTerm;
        for (int l = 1; l < penalty.length; l++) {
            reg += regularization[l];
            coupling += penalty[l] + gamma * activationResidual[l] * activationResidual[l];
        }
        return new ObjectiveTerms(risk, reg, coupling, 0.0);
    }

    /** The augmented Lagrangian. */
    public double value() {
        return terms().objective();
    }

    /** A diagnosis naming the first non-finite term and its layer, or null when all are finite. */
    public String nonFinite(int iteration) {
        int layers = penalty.length - 1;
        if (!Double.isFinite(risk)) {
            return "risk R(z_L; y) = " + risk + " at iteration " + iteration + " (layer " + layers + ")";
        }
        if (!Double.isFinite(multiplierTerm)) {
            return "multiplier term <z_" + layers + ", lambda> = " + multiplierTerm + " at iteration " + iteration
                    + " (layer " + layers + ")";
        }
        for (int l = 1; l <= layers; l++) {
            if (!Double.isFinite(regularization[l])) {
                return "regularization Omega_" + l + "(W_" + l + ") = " + regularization[l] + " at iteration "
                        + iteration + " (layer " + l + ")";
            }
            if (!Double.isFinite(penalty[l])) {
                return "penalty beta ||z_" + l + " - W_" + l + " a_" + (l - 1) + "||^2 = " + penalty[l]
                        + " at iteration " + iteration + " (layer " + l + ")";
            }
            if (!Double.isFinite(activationResidual[l])) {
                return "activation residual ||a_" + l + " - h(z_" + l + ")|| = " + activationResidual[l]
                        + " at iteration " + iteration + " (layer " + l + ")";
            }
        }
        return null;
    }
}
