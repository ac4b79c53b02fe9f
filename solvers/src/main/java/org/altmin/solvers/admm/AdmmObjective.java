package org.altmin.solvers.admm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.altmin.api.IterationReport;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The augmented Lagrangian of Taylor et al. (ICML 2016, equation 3 with the multiplier term on the output layer, plus
 * the optional regularizer) at the context's current point, term by term and layer by layer, from the product cache
 * {@code W_l a_{l-1}} (no GEMM). Its terms, by the names an {@link IterationReport} gives them:
 * <ul>
 *   <li>{@value #RISK}: {@code R(z_L; y)}, summed over samples (the paper's {@code l(z_L, y)});</li>
 *   <li>{@value #REGULARIZATION}: {@code sum_l Omega_l(W_l)}, 0 with the paper's setting ("none");</li>
 *   <li>{@value #PENALTY}: {@code sum_{l=1..L} beta ||z_l - W_l a_{l-1}||^2};</li>
 *   <li>{@value #ACTIVATION_PENALTY}: {@code sum_{l<L} gamma ||a_l - h_l(z_l)||^2};</li>
 *   <li>{@value #MULTIPLIER}: {@code <z_L, lambda>} (can be negative).</li>
 * </ul>
 * {@link #value()} is their sum, the augmented Lagrangian. Point-wise diagnostics: {@value #PRIMAL_RESIDUAL}
 * {@code ||z_L - W_L a_{L-1}||_F} (the residual of the constraint the multiplier enforces) and, per hidden layer,
 * {@code activation_residual_l} {@code ||a_l - h_l(z_l)||_F} ({@link IterationReport#layerKey}).
 *
 * <p>Every primal update minimizes the Lagrangian exactly over its block, so it does not increase within the primal
 * part of a sweep; the multiplier update changes it by {@code beta <z_L, z_L - W_L a_{L-1}>}, of either sign, so
 * across iterations it need not decrease (ADMM is not a descent method, and DLAM's Properties 1-3 are not claimed for
 * it; see {@link AdmmOptimizer#theory()}).
 *
 * @param risk                      R(z_L; y)
 * @param regularization            Omega_l(W_l), index l (0 unused)
 * @param penalty                   beta ||z_l - W_l a_{l-1}||^2, index l
 * @param activationResidualSquared ||a_l - h_l(z_l)||_F^2, index l (0 for l = L)
 * @param multiplierTerm            {@code <z_L, lambda>}
 * @param primalResidual            {@code ||z_L - W_L a_{L-1}||_F}
 * @param gamma                     gamma, to weigh the activation residuals
 */
public record AdmmObjective(double risk, double[] regularization, double[] penalty, double[] activationResidualSquared,
        double multiplierTerm, double primalResidual, double gamma) {
    /** Term: {@code R(z_L; y)}. */
    public static final String RISK = "risk";
    /** Term: {@code sum_l Omega_l(W_l)}. */
    public static final String REGULARIZATION = "regularization";
    /** Term: {@code sum_l beta ||z_l - W_l a_{l-1}||^2}. */
    public static final String PENALTY = "penalty";
    /** Term: {@code sum_{l<L} gamma ||a_l - h_l(z_l)||^2}. */
    public static final String ACTIVATION_PENALTY = "activation_penalty";
    /** Term: {@code <z_L, lambda>}. */
    public static final String MULTIPLIER = "multiplier";
    /** Diagnostic: {@code ||z_L - W_L a_{L-1}||_F}. */
    public static final String PRIMAL_RESIDUAL = "primal_residual";
    /** Diagnostic: {@code ||lambda^{k+1} - lambda^k||^2} of the iteration (from the context, not the point). */
    public static final String MULTIPLIER_STEP = "multiplier_step";
    /** Per-layer diagnostic {@code activation_residual_l}: {@code ||a_l - h_l(z_l)||_F}, {@code l < L}. */
    public static final String ACTIVATION_RESIDUAL = "activation_residual";

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
                residual[l] = h.squaredDistance(state.a(l));
            }
        }
        INDArray product = ctx.scratch(layers).assign(state.z(layers)).muli(ctx.lambda());
        double multiplierTerm = product.sumNumber().doubleValue();
        double primal = ctx.outputResidual().norm2Number().doubleValue();
        return new AdmmObjective(risk, reg, penalty, residual, multiplierTerm, primal, ctx.config().gamma());
    }

    /** L. */
    public int layers() {
        return penalty.length - 1;
    }

    /** {@code ||a_l - h_l(z_l)||_F} of hidden layer l. */
    public double activationResidual(int l) {
        return Math.sqrt(activationResidualSquared[l]);
    }

    /** The five terms by name, in the order documented above. */
    public Map<String, Double> terms() {
        double reg = 0;
        double pen = 0;
        double act = 0;
        for (int l = 1; l < penalty.length; l++) {
            reg += regularization[l];
            pen += penalty[l];
            act += gamma * activationResidualSquared[l];
        }
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(RISK, risk);
        terms.put(REGULARIZATION, reg);
        terms.put(PENALTY, pen);
        terms.put(ACTIVATION_PENALTY, act);
        terms.put(MULTIPLIER, multiplierTerm);
        return terms;
    }

    /** The augmented Lagrangian: the sum of {@link #terms()}. */
    public double value() {
        double sum = 0;
        for (double t : terms().values()) {
            sum += t;
        }
        return sum;
    }

    /** The activation residual of every hidden layer, as {@code activation_residual_l}. */
    public Map<String, Double> activationResiduals() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int l = 1; l < layers(); l++) {
            out.put(IterationReport.layerKey(ACTIVATION_RESIDUAL, l), activationResidual(l));
        }
        return out;
    }

    /** A diagnosis naming the first non-finite term and its layer, or null when all are finite. */
    public String nonFinite(int iteration) {
        int layers = layers();
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
            if (!Double.isFinite(activationResidualSquared[l])) {
                return "activation residual ||a_" + l + " - h(z_" + l + ")|| = " + activationResidual(l)
                        + " at iteration " + iteration + " (layer " + l + ")";
            }
        }
        return null;
    }
}
