package org.altmin.solvers.dlam;

import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.Seeds;
import org.altmin.api.State;
import org.altmin.solvers.common.Initialization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a DLAM block update reads and writes: the problem, the config, the live {@link State}, the current
 * eps, and every buffer, allocated once here so that no iteration allocates an N-sized array.
 *
 * <p><b>The product cache</b> {@link #wa(int) wa(l)} {@code = W_l a_{l-1}}: the one invariant every block keeps.
 * It is what makes an iteration cost little more than its unavoidable GEMMs:
 * <ul>
 *   <li>the W block's backtracking test needs {@code D a_{l-1}} with {@code D = zeta - W^k}; then
 *       {@code W^{k+1} a_{l-1} = wa + D a_{l-1}}, so the b and z blocks need no product of their own;</li>
 *   <li>the a block's test needs {@code W_{l+1} (beta - a_l^k)}; then {@code W_{l+1} a_l^{k+1} = wa(l+1) + that},
 *       which is exactly what the next layer's W block and the a block's gradient need;</li>
 *   <li>{@code a_0 = x} never changes, so {@code wa(1) = W_1 x} stays valid from layer 1's W step of one
 *       iteration to the next iteration's.</li>
 * </ul>
 * The cache is updated incrementally (rounding accumulates at the relative level of the dtype's epsilon per
 * step); F is computed from it.
 *
 * <p>Scratch: four {@code n_l x N} buffers per layer ({@link #scratch(int, int)}), three {@code n_l x n_{l-1}}
 * buffers ({@link #scratchW(int, int)}) and two {@code n_l} vectors ({@link #scratchB(int, int)}). A block may
 * use its own layer's scratch freely and, for the a block of layer l, layer l+1's {@code n_{l+1} x N} scratch;
 * none keeps data in scratch between calls.
 */
public final class DlamContext {
    private final Problem problem;
    private final DlamConfig config;
    private final State state;
    private final int layers;
    private final long samples;
    private final INDArray[] wa;
    private final INDArray[][] scratch;
    private final INDArray[][] scratchW;
    private final INDArray[][] scratchB;
    private final INDArray[] transposed;
    private final double[] theta;
    private final double[] tau;
    private final java.util.List<INDArray> weights;
    private final java.util.List<INDArray> biases;
    private double epsilon;
    private double previousEpsilon;
    private double gemmFlops;
    private int iteration;

    /** Allocates the state and every buffer for {@code problem}; call {@link #start()} before the first iteration. */
    public DlamContext(Problem problem, DlamConfig config) {
        this.problem = problem;
        this.config = config;
        this.state = State.zeros(problem.network(), problem.data().x());
        this.layers = problem.layers();
        this.samples = problem.data().samples();
        NetworkSpec net = problem.network();
        DataType dtype = problem.dtype();
        wa = new INDArray[layers + 1];
        scratch = new INDArray[layers + 1][];
        scratchW = new INDArray[layers + 1][];
        scratchB = new INDArray[layers + 1][];
        transposed = new INDArray[layers + 1];
        for (int l = 1; l <= layers; l++) {
            wa[l] = Nd4j.create(dtype, net.width(l), samples);
            scratch[l] = new INDArray[4];
            scratchW[l] = new INDArray[3];
            scratchB[l] = new INDArray[2];
            for (int i = 0; i < 4; i++) {
                scratch[l][i] = Nd4j.create(dtype, net.width(l), samples);
            }
            for (int i = 0; i < 3; i++) {
                scratchW[l][i] = Nd4j.create(dtype, net.width(l), net.width(l - 1));
            }
            for (int i = 0; i < 2; i++) {
                scratchB[l][i] = Nd4j.create(dtype, net.width(l));
            }
            transposed[l] = Nd4j.create(dtype, net.width(l - 1), net.width(l));
        }
        java.util.List<INDArray> ws = new java.util.ArrayList<>();
        java.util.List<INDArray> bs = new java.util.ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            ws.add(state.w(l));
            bs.add(state.b(l));
        }
        // Built here rather than by State.weights(), whose List.of(w) rejects the unused null at index 0.
        weights = java.util.List.copyOf(ws);
        biases = java.util.List.copyOf(bs);
        theta = new double[layers + 1];
        tau = new double[layers + 1];
        java.util.Arrays.fill(theta, Double.NaN);
        java.util.Arrays.fill(tau, Double.NaN);
        epsilon = config.epsilon();
        previousEpsilon = epsilon;
    }

    /**
     * The feasible starting point: W^0, b^0 from {@link Initialization} (entries N(0, sigma_l^2) with sigma_l by
     * {@link DlamConfig#initScheme()} times {@link DlamConfig#initScale()}, b = 0) seeded with
     * {@code Seeds.split(problem.seed(), "dlam.init")}; then the forward pass {@code z_l = W_l a_{l-1} + b_l},
     * {@code a_l = h_l(z_l)}, so that every coupling and indicator term of Problem 2 is 0; with
     * {@link DlamConfig#zLFromLabels()}, {@code z_L = y} instead.
     */
    public void start() {
        new Initialization(config.initScheme(), config.initScale())
                .initialize(problem.network(), weights, biases, Seeds.split(problem.seed(), "dlam.init"));
        for (int l = 1; l <= layers; l++) {
            gemm(state.w(l), state.a(l - 1), wa[l], false, false, 1.0, 0.0);
            INDArray z = state.z(l);
            z.assign(wa[l]).addiColumnVector(state.b(l));
            if (l < layers) {
                problem.activation(l).apply(z, state.a(l));
            }
        }
        if (config.zLFromLabels()) {
            state.z(layers).assign(problem.data().y());
        }
        iteration = 0;
    }

    private INDArray inputGram;
    private INDArray inputGramProduct;

    /**
     * {@code G = x x^T} ({@code n_0 x n_0}), computed on first use and kept for the run (a_0 = x never changes):
     * {@link WBacktrack} evaluates layer 1's trials as {@code <D G, D> = ||D x||^2}.
     */
    public INDArray inputGram() {
        if (inputGram == null) {
            INDArray x = state.a(0);
            inputGram = Nd4j.create(x.dataType(), x.rows(), x.rows());
            gemm(x, x, inputGram, false, true, 1.0, 0.0);
        }
        return inputGram;
    }

    /** A buffer of shape {@code n_1 x n_0} for {@code D G} (allocated with the first call). */
    public INDArray inputGramProduct() {
        if (inputGramProduct == null) {
            inputGramProduct = Nd4j.create(state.w(1).dataType(), state.w(1).rows(), state.w(1).columns());
        }
        return inputGramProduct;
    }

    /** Recomputes every cached product {@code W_l a_{l-1}} from scratch (after an external change of W or a). */
    public void refreshProducts() {
        for (int l = 1; l <= layers; l++) {
            gemm(state.w(l), state.a(l - 1), wa[l], false, false, 1.0, 0.0);
        }
    }

    /**
     * {@code out <- alpha op(a) op(b) + beta out} by {@code Nd4j.gemm}, counted in {@link #gemmFlops()}: the blocks
     * skip products whose result they know (a zero step, a zero residual), so the count is what ran.
     */
    public INDArray gemm(INDArray a, INDArray b, INDArray out, boolean transA, boolean transB, double alpha,
            double beta) {
        Nd4j.gemm(a, b, out, transA, transB, alpha, beta);
        countGemm(transA ? a.columns() : a.rows(), transB ? b.rows() : b.columns(), transA ? a.rows() : a.columns());
        return out;
    }

    /** Adds {@code 2 m n k}, an {@code m x k} by {@code k x n} product made without {@link #gemm}, to the count. */
    void countGemm(long m, long n, long k) {
        gemmFlops += 2.0 * m * n * k;
    }

    /** The flops of every GEMM made through this context so far ({@code 2 m n k} each). */
    public double gemmFlops() {
        return gemmFlops;
    }

    public Problem problem() {
        return problem;
    }

    public DlamConfig config() {
        return config;
    }

    /** The live variables W, b, z, a (updated in place by the blocks). */
    public State state() {
        return state;
    }

    /** W_1..W_L, the live arrays. */
    public java.util.List<INDArray> weights() {
        return weights;
    }

    /** b_1..b_L, the live arrays. */
    public java.util.List<INDArray> biases() {
        return biases;
    }

    /** L. */
    public int layers() {
        return layers;
    }

    /** N. */
    public long samples() {
        return samples;
    }

    /** rho. */
    public double rho() {
        return config.rho();
    }

    /** The current eps (see {@link DlamConfig#epsilonAt(int)}). */
    public double epsilon() {
        return epsilon;
    }

    /** The current iteration k (0 at the starting point). */
    public int iteration() {
        return iteration;
    }

    /** Moves to iteration k, setting eps by the schedule. */
    public void beginIteration(int k) {
        iteration = k;
        previousEpsilon = k <= 1 ? config.epsilonAt(1) : epsilon;
        epsilon = config.epsilonAt(k);
    }

    /**
     * The eps for which the current a_l^k is feasible: eps_{k-1}, the band its last a update projected onto
     * (equal to {@link #epsilon()} for a fixed eps). Under a schedule the preimage of
     * {@code [a_l^k - eps_k, a_l^k + eps_k]} can be empty (e.g. ReLU with {@code a_l^k < -eps_k}), while that of
     * eps_{k-1} contains z_l^k: {@link ZClip} falls back to it where it must.
     */
    public double epsilonOfA() {
        return previousEpsilon;
    }

    /** The cached product {@code W_l a_{l-1}} ({@code n_l x N}); every block keeps it equal to the current values. */
    public INDArray wa(int l) {
        return wa[l];
    }

    /** Scratch {@code i} (0..3) of shape {@code n_l x N}. */
    public INDArray scratch(int l, int i) {
        return scratch[l][i];
    }

    /** Scratch {@code i} (0..2) of shape {@code n_l x n_{l-1}}. */
    public INDArray scratchW(int l, int i) {
        return scratchW[l][i];
    }

    /**
     * A buffer of shape {@code n_{l-1} x n_l} for an explicit {@code W_l^T}: ND4J's transposed-A SGEMM at the a
     * block's shape measured 2-3x slower than copying the small W^T and multiplying untransposed.
     */
    public INDArray transposed(int l) {
        return transposed[l];
    }

    /** Scratch {@code i} (0..1), a vector of length {@code n_l}. */
    public INDArray scratchB(int l, int i) {
        return scratchB[l][i];
    }

    /**
     * The initial theta for W_l's backtracking (Algorithm 2): nu, or with {@link DlamConfig#warmStart()}
     * {@code max(nu, theta_prev / gamma)}.
     */
    public double initialTheta(int l) {
        return config.warmStart() && Double.isFinite(theta[l]) ? Math.max(config.nu(), theta[l] / config.gamma()) : config.nu();
    }

    public void acceptedTheta(int l, double value) {
        theta[l] = value;
    }

    /** The initial t for a_l's backtracking (Algorithm 3): mu, or {@code max(mu, t_prev / eta)} when warm-starting. */
    public double initialTau(int l) {
        return config.warmStart() && Double.isFinite(tau[l]) ? Math.max(config.mu(), tau[l] / config.eta()) : config.mu();
    }

    public void acceptedTau(int l, double value) {
        tau[l] = value;
    }

    /** {@code out <- z_l - W_l a_{l-1} - b_l}, from the cache (no GEMM). */
    public INDArray residual(int l, INDArray out) {
        residualSquared(l, out);
        return out;
    }

    /**
     * {@code out <- z_l - W_l a_{l-1} - b_l} as {@link #residual}, and its squared norm
     * {@code ||z_l - W_l a_{l-1} - b_l||_F^2}, in one pass over the arrays.
     */
    public double residualSquared(int l, INDArray out) {
        return Fused.residual(state.z(l), wa[l], state.b(l), out);
    }
}
