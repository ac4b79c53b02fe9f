package org.altmin.solvers.dlam;

import java.util.ArrayList;
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
import org.altmin.api.State;
import org.altmin.api.Theory;
import org.altmin.solvers.core.BlockSweep;
import org.altmin.solvers.core.IterativeOptimizer;
import org.altmin.solvers.core.Session;

/**
 * mDLAM, J. Wang, H. Li, L. Zhao, "Accelerated Gradient-free Neural Network Training by Multi-convex Alternating
 * Optimization" (Neurocomputing 2022): DLAM's blocks ({@link DlamBlocks}, the same registries and parts) with a
 * Nesterov extrapolation before the W and a updates,
 * <pre>
 *   x_hat = x^k + ((t_{k-1} - 1) / t_k) (x^k - x^{k-1}),   t_k = (1 + sqrt(1 + 4 t_{k-1}^2)) / 2,   t_0 = 1,
 * </pre>
 * and a monotone safeguard: the block is updated from x^k (DLAM's plain step) and from x_hat, and if F after the
 * update from x_hat exceeds F after the plain one, the plain one is kept (a "restart", counted).
 *
 * <p>Where this follows the paper and where it resolves details:
 * <ul>
 *   <li>The authors' public code computes {@code x^{k-1}} after overwriting it, so its extrapolation is always
 *       zero; this implements the paper's extrapolation.</li>
 *   <li>The b, z and z_L updates are exact minimizers over their block, independent of the block's current value,
 *       so an extrapolation before them cannot change their result; it is applied to W (Algorithm 2) and a
 *       (Algorithm 3), whose proximal-gradient steps start from x_hat.</li>
 *   <li>F after each candidate differs only in the terms of the block's own layer (W_l: Omega_l and phi_l; a_l:
 *       phi_{l+1}; the indicators are 0 after the band projection), so the safeguard compares those exactly. An a
 *       search from x_hat that hits its backtracking cap keeps x_hat, which can lie outside the band: it is
 *       rejected.</li>
 *   <li>Each block reports its actual step {@code ||x^{k+1} - x^k||^2}; for an accepted extrapolated step its
 *       modulus is {@code c ||plain step||^2 / ||actual step||^2}, with c the plain step's modulus, so that
 *       {@code (modulus/2)||actual||^2} is the decrease DLAM's Lemma guarantees for the plain step, which the
 *       extrapolated one matches or beats: Property 2's inequality holds as monitored.</li>
 * </ul>
 * Diagnostics: {@code extrapolation_weight} ((t_{k-1} - 1) / t_k), {@code restarts} (blocks whose extrapolated
 * update was rejected in this iteration) and {@code restarts_total}. With {@code extrapolation = false} the sweep is
 * DLAM's, bit for bit.
 */
public final class MdlamOptimizer extends IterativeOptimizer {
    /** The registered name. */
    public static final String NAME = "mdlam";
    /** The paper. */
    public static final String PAPER = "J. Wang, H. Li, L. Zhao, Accelerated Gradient-free Neural Network Training by "
            + "Multi-convex Alternating Optimization, Neurocomputing 2022";
    /** Whether to extrapolate by default. */
    public static final boolean DEFAULT_EXTRAPOLATION = true;

    private final DlamConfig config;
    private final DlamBlocks blocks;
    private final boolean extrapolation;
    /** DLAM with the same config and blocks: mDLAM without extrapolation, and its checks. */
    private final DlamOptimizer plain;

    public MdlamOptimizer(DlamConfig config, DlamBlocks blocks, boolean extrapolation) {
        if (config == null || blocks == null) {
            throw InvalidParameterException.of(NAME, "config", "null", "non-null config and blocks");
        }
        this.config = config;
        this.blocks = blocks;
        this.extrapolation = extrapolation;
        this.plain = new DlamOptimizer(config, blocks);
    }

    /** mDLAM with the paper's blocks. */
    public MdlamOptimizer(DlamConfig config) {
        this(config, DlamBlocks.defaults(), DEFAULT_EXTRAPOLATION);
    }

    /** DLAM's parameters and parts (see {@link DlamOptimizer#fromParams}) plus {@code extrapolation}. */
    public static MdlamOptimizer fromParams(Params params,
            Map<String, Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> registries) {
        return new MdlamOptimizer(DlamConfig.fromParams(params), DlamBlocks.fromParams(params, registries),
                params.getBoolean("extrapolation", DEFAULT_EXTRAPOLATION));
    }

    @Override
    public String name() {
        return NAME;
    }

    public DlamConfig config() {
        return config;
    }

    public boolean extrapolation() {
        return extrapolation;
    }

    /**
     * Properties 1 and 2 as for DLAM: the safeguard keeps every block's decrease at least the plain DLAM step's, so
     * F never increases and the iterates stay in a sublevel set of the coercive F. Property 3 and Theorem 1 are stated
     * here only for the plain steps (without extrapolation).
     */
    @Override
    public Theory theory() {
        Theory dlam = DlamOptimizer.theory(PAPER, config,
                extrapolation ? " (mDLAM: the safeguard keeps each block's decrease at least DLAM's)" : "");
        if (!extrapolation) {
            return dlam;
        }
        List<Claim> claims = new ArrayList<>();
        for (Claim c : dlam.claims()) {
            boolean descentKind = c.property() == Property.BOUNDEDNESS || c.property() == Property.SUFFICIENT_DESCENT;
            claims.add(descentKind ? c : Claim.notApplicable(c.property(), PAPER, c.property().title()
                    + " is proved for DLAM's plain steps; with extrapolation its bound is not monitored here"));
        }
        return new Theory(PAPER, claims);
    }

    @Override
    public void prepare(Problem problem) {
        plain.prepare(problem);
    }

    @Override
    protected ConvergenceChecker checker() {
        return plain.checker();
    }

    /** True: mDLAM's session saves DLAM's state, the previous iterates and the Nesterov sequence ({@link org.altmin.solvers.core.Resumable}). */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    protected Session open(Problem problem) {
        if (!extrapolation) {
            return plain.open(problem);
        }
        Extrapolation momentum = new Extrapolation();
        List<BlockSweep.Step<DlamContext>> steps = new ArrayList<>();
        for (BlockSweep.Step<DlamContext> s : blocks.sweep(problem.layers()).steps()) {
            boolean extrapolated = s.variable().equals(State.W) || s.variable().equals(State.A);
            steps.add(extrapolated ? new BlockSweep.Step<>(s.variable(), s.layer(), s.role(),
                    new Extrapolated(s.update(), s.variable(), momentum)) : s);
        }
        DlamSession session = new DlamSession(problem, config, new BlockSweep<>(steps, false));
        session.start();
        return new MdlamSession(session, momentum);
    }
}
