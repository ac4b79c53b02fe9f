package org.altmin.solvers.dlam;

import org.altmin.api.Problem;
import org.altmin.api.State;
import org.altmin.solvers.core.CouplingCache;
import org.altmin.solvers.core.Gemm;
import org.altmin.solvers.core.StepMemory;
import org.altmin.solvers.core.Workspace;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a DLAM block update reads and writes (Wang et al., arXiv:1811.04187, Algorithm 1): the problem, the variables
 * W, b, z, a, the hyperparameters, and the small shared services of the core — the coupling cache
 * {@code W_l a_{l-1}} ({@link CouplingCache}), named reusable buffers ({@link Workspace}), the accepted step
 * parameters for warm starts ({@link StepMemory}) and counted products ({@link Gemm}). DLAM ({@link DlamSession})
 * and mDLAM implement it, so a block written once, in any package, serves both.
 *
 * <p><b>The product cache</b> is the one invariant every block keeps, and what makes an iteration cost little more
 * than its unavoidable GEMMs:
 * <ul>
 *   <li>the W block's backtracking test needs {@code D a_{l-1}} with {@code D = zeta - W^k}; then
 *       {@code W^{k+1} a_{l-1} = wa + D a_{l-1}}, so the b and z blocks need no product of their own;</li>
 *   <li>the a block's test needs {@code W_{l+1} (beta - a_l^k)}; then {@code W_{l+1} a_l^{k+1} = wa(l+1) + that},
 *       which is exactly what the next layer's W block and the a block's gradient need;</li>
 *   <li>{@code a_0 = x} never changes, so {@code wa(1) = W_1 x} stays valid from layer 1's W step of one
 *       iteration to the next iteration's.</li>
 * </ul>
 * The cache is updated incrementally (rounding accumulates at the relative level of the dtype's epsilon per step);
 * F is computed from it.
 *
 * <p><b>Buffers.</b> Blocks take {@code n_l x N} scratch by name from {@link #buffer}; a block keeps no data in one
 * between calls. Names shared between blocks (same array): {@code "residual"} (layer l's {@code z_l - W_l a_{l-1} -
 * b_l}, also written by the a block of layer l-1 and the objective) and {@code "step-product"} (a step times its
 * factor, {@code D a_{l-1}} or {@code W_l (beta - a_{l-1})}).
 */
public interface DlamContext {
    Problem problem();

    /** The live variables W, b, z, a (updated in place by the blocks). */
    State state();

    /** The hyperparameters (rho, eps schedule, backtracking). */
    DlamConfig config();

    /** L. */
    default int layers() {
        return problem().layers();
    }

    /** N. */
    default long samples() {
        return problem().data().samples();
    }

    /** rho. */
    default double rho() {
        return config().rho();
    }

    /** The current iteration k (0 at the starting point). */
    int iteration();

    /** The current eps (see {@link DlamConfig#epsilonAt(int)}). */
    double epsilon();

    /**
     * The eps for which the current a_l^k is feasible: eps_{k-1}, the band its last a update projected onto (equal to
     * {@link #epsilon()} for a fixed eps). Under a schedule the preimage of {@code [a_l^k - eps_k, a_l^k + eps_k]}
     * can be empty (e.g. ReLU with {@code a_l^k < -eps_k}), while that of eps_{k-1} contains z_l^k: {@link ZClip}
     * falls back to it where it must.
     */
    double epsilonOfA();

    /** The products {@code W_l a_{l-1}}. */
    CouplingCache products();

    /** Named scratch buffers. */
    Workspace workspace();

    /** Accepted theta (variable {@code W}) and tau ({@code a}) per layer, for warm starts. */
    StepMemory steps();

    /** Counted GEMMs. */
    Gemm gemm();

    /**
     * {@code G = x x^T} ({@code n_0 x n_0}), computed on first use and kept for the run (a_0 = x never changes):
     * {@link WBacktrack} evaluates layer 1's trials as {@code <D G, D> = ||D x||^2}.
     */
    INDArray inputGram();

    /** The cached product {@code W_l a_{l-1}}. */
    default INDArray wa(int l) {
        return products().product(l);
    }

    /** The buffer {@code name} of shape {@code n_l x N}. */
    default INDArray buffer(String name, int l) {
        return workspace().buffer(name, l, problem().network().width(l), samples());
    }

    /** The buffer {@code name} of W_l's shape {@code n_l x n_{l-1}}. */
    default INDArray matrix(String name, int l) {
        return workspace().buffer(name, l, problem().network().width(l), problem().network().width(l - 1));
    }

    /**
     * {@code out <- z_l - W_l a_{l-1} - b_l} from the cache (no GEMM), and its squared norm, in one pass over the
     * arrays.
     */
    default double residualSquared(int l, INDArray out) {
        return Fused.residual(state().z(l), wa(l), state().b(l), out);
    }

    /**
     * The initial theta for W_l's backtracking (Algorithm 2): nu, or with {@link DlamConfig#warmStart()}
     * {@code max(nu, theta_prev / gamma)}.
     */
    default double initialTheta(int l) {
        return steps().initial(org.altmin.api.State.W, l, config().nu(), config().gamma(), config().warmStart());
    }

    /** The initial t for a_l's backtracking (Algorithm 3): mu, or {@code max(mu, t_prev / eta)} when warm-starting. */
    default double initialTau(int l) {
        return steps().initial(org.altmin.api.State.A, l, config().mu(), config().eta(), config().warmStart());
    }
}
