package org.altmin.solvers.dlam;

import java.util.List;
import java.util.Map;
import org.altmin.api.BlockUpdate;
import org.altmin.api.Claim;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ConvergenceChecker;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Params;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.Theory;
import org.altmin.solvers.core.IterativeOptimizer;
import org.altmin.solvers.core.Session;

/**
 * DLAM, Algorithm 1 of J. Wang, F. Yu, X. Chen and L. Zhao, "Deep Learning Alternating Minimization"
 * (arXiv:1811.04187, section 3): from a feasible start, repeat for l = 1..L: update W_l (Algorithm 2), b_l
 * (equations 2-3), z_l (equation 4, or 5 for l = L), then a_l for l &lt; L (Algorithm 3). Each update is a
 * {@link BlockUpdate} of {@link DlamBlocks}, swappable by name; the loop, the reports and the guards are the core's
 * ({@link IterativeOptimizer}), the run's state is a {@link DlamSession}.
 *
 * <p>Reports an iteration-0 report with the starting point, then one per iteration: F and its terms ({@code risk,
 * regularization, coupling, infeasibility}), the diagnostics {@code epsilon} and {@code band_residual_l}, the
 * forward-pass evaluation, and per block (W, b, z, a of each layer) the squared step, trials, descent modulus and
 * wall time. A non-finite term or variable ends the run with status {@code DIVERGED} and a diagnosis naming the term,
 * layer and iteration; so does a block that cannot proceed (e.g. an empty preimage in equation 4). With
 * {@link DlamConfig#tolerance()} > 0 the run stops as {@code CONVERGED} when the relative change of F falls below it.
 *
 * <p><b>Theory.</b> Under Assumption 1 (F coercive; R, Omega_l proper, convex, lower semicontinuous; h_l
 * quasilinear) and a fixed eps, the paper proves Properties 1-3 and Theorem 1. Under an eps schedule the problem
 * changes every iteration until eps reaches its floor, so the claims cover only the steps after that
 * ({@link #theory()}).
 */
public final class DlamOptimizer extends IterativeOptimizer {
    /** The registered name. */
    public static final String NAME = "dlam";
    /** The paper. */
    public static final String PAPER = "J. Wang, F. Yu, X. Chen, L. Zhao, Deep Learning Alternating Minimization, arXiv:1811.04187";

    private final DlamConfig config;
    private final DlamBlocks blocks;

    public DlamOptimizer(DlamConfig config, DlamBlocks blocks) {
        if (config == null || blocks == null) {
            throw InvalidParameterException.of(NAME, "config", "null", "non-null config and blocks");
        }
        this.config = config;
        this.blocks = blocks;
    }

    /** DLAM with the paper's blocks. */
    public DlamOptimizer(DlamConfig config) {
        this(config, DlamBlocks.defaults());
    }

    /** Reads the config (see {@link DlamConfig#fromParams}) and the parts W, b, z, zL, a from their registries. */
    public static DlamOptimizer fromParams(Params params,
            Map<String, Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> registries) {
        return new DlamOptimizer(DlamConfig.fromParams(params), DlamBlocks.fromParams(params, registries));
    }

    @Override
    public String name() {
        return NAME;
    }

    public DlamConfig config() {
        return config;
    }

    public DlamBlocks blocks() {
        return blocks;
    }

    /**
     * Properties 1-3 and Theorem 1 (section 4), from iteration 1 with a fixed eps; with a schedule from the first
     * iteration whose step keeps eps at its floor ({@link #firstFixedStep(DlamConfig)}).
     */
    @Override
    public Theory theory() {
        return theory(PAPER, config, "");
    }

    /** DLAM's claims for {@code config}, cited to {@code paper}, with {@code note} appended to each condition. */
    static Theory theory(String paper, DlamConfig config, String note) {
        int from = firstFixedStep(config);
        String condition = from == 1
                ? "holds for a fixed eps under Assumption 1 (coercive F; convex R and Omega; quasilinear h)" + note
                : "proved for a fixed eps; this run's eps shrinks (epsilonDecay " + config.epsilonDecay()
                        + ") and reaches its floor " + config.epsilonFloor() + " at iteration " + (from - 1)
                        + ", so the property applies from iteration " + from + " on; it does not apply while eps changes"
                        + note;
        return new Theory(paper, List.of(
                new Claim(Property.BOUNDEDNESS, from, paper + ", Property 1", condition),
                new Claim(Property.SUFFICIENT_DESCENT, from, paper + ", Property 2 (inequality 7)", condition),
                new Claim(Property.SUBGRADIENT_BOUND, from, paper + ", Property 3", condition),
                new Claim(Property.CRITICAL_POINT_CONVERGENCE, from, paper + ", Theorem 1", condition)));
    }

    /**
     * The first iteration k whose step (k-1 to k) is one of DLAM with a fixed eps: 1 for {@code epsilonDecay = 1},
     * else one after the first iteration at which {@code eps_k = max(floor, eps decay^(k-1))} reaches the floor.
     */
    static int firstFixedStep(DlamConfig config) {
        if (config.epsilonDecay() == 1.0) {
            return 1;
        }
        int k = 1;
        while (config.epsilonAt(k) > config.epsilonFloor()) {
            if (k == Integer.MAX_VALUE - 2) {
                return Claim.NEVER;
            }
            k++;
        }
        return k + 1;
    }

    /** Every block checks the layers it serves (e.g. {@code w-exact} needs a quadratic Omega). */
    @Override
    public void prepare(Problem problem) {
        blocks.prepare(problem);
    }

    @Override
    protected ConvergenceChecker checker() {
        return ConvergenceChecker.relativeObjective(config.tolerance());
    }

    /** True: DLAM's session saves its variables, caches, step memory and schedule position ({@link org.altmin.solvers.core.Resumable}). */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    protected Session open(Problem problem) {
        DlamSession session = new DlamSession(problem, config, blocks.sweep(problem.layers()));
        session.start();
        return session;
    }
}
