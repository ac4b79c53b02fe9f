package org.altmin.solvers.admm;

import java.util.List;
import org.altmin.api.Claim;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.Theory;
import org.altmin.solvers.core.IterativeOptimizer;
import org.altmin.solvers.core.Session;

/**
 * The ADMM baseline of G. Taylor, R. Burmeister, Z. Xu, B. Singh, A. Patel and T. Goldstein, "Training Neural
 * Networks Without Gradients: A Scalable ADMM Approach" (ICML 2016, sections 3-4), registered as {@value #NAME}. It
 * minimizes, over W_l, a_l and z_l with {@code a_0 = x}, the augmented Lagrangian of their equation 3
 * <pre>
 *   R(z_L; y) + &lt;z_L, lambda&gt; + beta ||z_L - W_L a_{L-1}||^2 + sum_{l&lt;L} [ gamma ||a_l - h_l(z_l)||^2
 *                                                                    + beta ||z_l - W_l a_{l-1}||^2 ]
 * </pre>
 * with one iteration of their Algorithm 1 per reported iteration, as the block sweep of {@link AdmmBlocks} on the core
 * skeleton ({@link IterativeOptimizer}): for l = 1..L-1, {@code W_l <- z_l a_{l-1}^+}, then a_l by its linear system,
 * then z_l entrywise in closed form; then {@code W_L <- z_L a_{L-1}^+}, z_L by the loss's proximal map, and the
 * multiplier block {@code lambda <- lambda + beta (z_L - W_L a_{L-1})} (a zero step during the first
 * {@link AdmmConfig#warmStartIterations()} iterations, the paper's optional warm start). The math is in
 * {@link AdmmUpdates}.
 *
 * <p><b>Biases.</b> The paper's network has none; here {@code b_l} stays 0 throughout (the {@link
 * org.altmin.api.State}'s b arrays), so the learned network is {@code z_l = W_l a_{l-1}}. A bias can be had by
 * appending a constant-1 feature to x (which gives layer 1 one; ADMM's a_l for l &gt;= 1 are free variables, so
 * deeper biases would need a constant row in every a_l, which the paper does not have).
 *
 * <p><b>Components.</b> Any {@link org.altmin.api.Loss} with a proximal map (the z_L update calls it with
 * {@code rho = 2 beta}); the activations relu, leaky-relu, hard-tanh and identity (closed-form z update, see
 * {@link ZClosedForm}); the regularizers none (the paper's setting) and l2 (still an exact W update); FLOAT or
 * DOUBLE data. {@link #prepare} rejects anything else before a run allocates or reports anything. One beta and one
 * gamma serve every layer (the paper's beta_l and gamma_l may differ per layer).
 *
 * <p><b>Report.</b> An iteration-0 report of the forward-pass starting point, then one per iteration. Terms: the
 * augmented Lagrangian's {@value AdmmObjective#RISK}, {@value AdmmObjective#REGULARIZATION}, {@value
 * AdmmObjective#PENALTY}, {@value AdmmObjective#ACTIVATION_PENALTY} and {@value AdmmObjective#MULTIPLIER} (see
 * {@link AdmmObjective}); the objective is their sum. Diagnostics: {@value AdmmObjective#PRIMAL_RESIDUAL}
 * {@code ||z_L - W_L a_{L-1}||}, {@value AdmmObjective#MULTIPLIER_STEP} {@code ||lambda^{k+1} - lambda^k||^2} and
 * per hidden layer {@code activation_residual_l} {@code ||a_l - h_l(z_l)||}. Blocks: {@code W_l}, {@code a_l},
 * {@code z_l} ({@code l < L}), {@code W_L}, {@code z_L}, {@code lambda_L}, each with its squared step, the prox's
 * inner iterations as z_L's trials, and no modulus (NaN: ADMM states no descent inequality). The multiplier is the
 * state variable {@value AdmmContext#LAMBDA} of layer L. A non-finite block result, a failed solve or prox or a
 * non-finite term or forward loss ends the run with status {@code DIVERGED} and a diagnosis naming the variable,
 * layer and iteration, never an exception. ADMM has no stopping test: runs end as {@code MAX_ITERATIONS}, or
 * {@code STOPPED} when a listener asks.
 */
public final class AdmmOptimizer extends IterativeOptimizer {
    /** The registered name. */
    public static final String NAME = "admm";

    /** The citation of {@link #theory()}. */
    public static final String PAPER = "G. Taylor et al., Training Neural Networks Without Gradients: A Scalable ADMM "
            + "Approach, ICML 2016";

    private static final Theory THEORY = new Theory(PAPER, List.of(
            Claim.notApplicable(Property.BOUNDEDNESS, PAPER,
                    "not proved: the paper gives no bound on the iterates, and the multiplier lambda accumulates"
                            + " beta (z_L - W_L a_{L-1}) at every iteration"),
            Claim.notApplicable(Property.SUFFICIENT_DESCENT, PAPER,
                    "does not hold: ADMM is not a descent method; each primal block minimizes the augmented"
                            + " Lagrangian exactly, but the multiplier step changes it by"
                            + " beta <z_L, z_L - W_L a_{L-1}>, of either sign, so it need not decrease"),
            Claim.notApplicable(Property.SUBGRADIENT_BOUND, PAPER,
                    "not proved: the paper states no bound of a subgradient of the augmented Lagrangian by the"
                            + " step"),
            Claim.notApplicable(Property.CRITICAL_POINT_CONVERGENCE, PAPER,
                    "not proved: the paper gives no convergence proof for this nonconvex ADMM; its convergence"
                            + " is reported empirically")));

    private final AdmmConfig config;

    public AdmmOptimizer(AdmmConfig config) {
        if (config == null) {
            throw InvalidParameterException.of(NAME, "config", "null", "non-null");
        }
        this.config = config;
    }

    /** Reads the config (see {@link AdmmConfig#fromParams}). */
    public static AdmmOptimizer fromParams(Params params) {
        return new AdmmOptimizer(AdmmConfig.fromParams(params));
    }

    @Override
    public String name() {
        return NAME;
    }

    public AdmmConfig config() {
        return config;
    }

    /**
     * No property of {@link Property}: every claim is not applicable, with the reason as its condition (the
     * augmented Lagrangian need not decrease, and the paper proves no convergence), so the monitors of Properties 1-3
     * report ADMM as not applicable rather than failed.
     */
    @Override
    public Theory theory() {
        return THEORY;
    }

    /**
     * Checks the problem without allocating the run ({@link AdmmContext#check}): FLOAT or DOUBLE data, a
     * closed-form z update for every hidden activation, none or l2 on every layer.
     *
     * @throws InvalidParameterException naming the component ({@code admm.activations[l]},
     *                                   {@code admm.regularizers[l]}, {@code admm.dtype}), the value found and what is
     *                                   supported
     */
    @Override
    public void prepare(Problem problem) {
        AdmmContext.check(problem);
    }

    /** True: ADMM's session saves its variables, the multiplier and the product cache ({@link org.altmin.solvers.core.Resumable}). */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    protected Session open(Problem problem) {
        return new AdmmSession(problem, config);
    }
}
