package org.altmin.solvers.admm;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.Seeds;
import org.altmin.api.State;
import org.altmin.solvers.common.Initialization;
import org.altmin.solvers.common.SymmetricSystems;
import org.altmin.solvers.core.CouplingCache;
import org.altmin.solvers.core.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Everything the ADMM blocks read and write: the problem, the config, the live {@link State} (W, z, a; b stays
 * 0, see {@link AdmmOptimizer}; the multiplier as the state variable {@value #LAMBDA}), and every buffer, allocated
 * once here so that no iteration allocates an N-sized array.
 *
 * <p><b>The multiplier</b> lambda ({@code n_L x N}) of Taylor et al.'s equation 3 lives on the output layer only:
 * {@code state().variable("lambda", L)} is it (layers below L have none), so generic listeners see it.
 *
 * <p><b>The product cache</b> {@link #wa(int) wa(l)} {@code = W_l a_{l-1}} (a core {@link CouplingCache}): each W
 * update recomputes it (one GEMM, which the z update and the multiplier need anyway), and since a_{l-1} is updated
 * before W_l within a sweep, every {@code wa(l)} equals the current {@code W_l a_{l-1}} at the end of a sweep; the
 * objective is computed from it. Every product of the run goes through one counted {@link Gemm} ({@link #gemm()}).
 *
 * <p><b>Precision of the least squares.</b> The W update needs {@code a a^T} and {@code z a^T} ({@code a =
 * a_{l-1}}), sums over N samples; a single-precision sum over tens of thousands of samples carries rounding at
 * the level of the relative ridge (1e-6) or above, which the solve would amplify along the small eigenvalues of
 * {@code a a^T}. So they are formed in double
 * precision (for FLOAT data from double copies of a and z, preallocated), and the systems are solved in double
 * ({@link SmallLinearAlgebra}). Layer 1 is special: {@code a_0 = x} never changes, so {@link #start()} computes
 * the pseudo-inverse once, {@code x^+ = x^T (x x^T + delta I)^{-1}}, in double precision, and keeps its
 * transpose ({@code n_0 x N}, in the data's dtype); each W_1 update is then the single GEMM {@code z_1 x^+}, with
 * no ill-conditioned solve left to amplify its rounding.
 *
 * <p>Buffers per layer: {@code wa}, one scratch and one right-hand side, each {@code n_l x N}; plus lambda
 * ({@code n_L x N}); {@code x^{+T}} ({@code n_0 x N}); for FLOAT data, double copies of {@code a_{l-1}} and
 * {@code z_l} for {@code l >= 2}; and small {@code n x n} matrices.
 */
public final class AdmmContext implements org.altmin.solvers.core.Resumable {
    /** The name of the multiplier in the {@link State} and in block reports. */
    public static final String LAMBDA = "lambda";

    /** Samples per block of the one-time double-precision computation of {@code x^+} (FLOAT data). */
    static final int CHUNK = 4096;

    private final Problem problem;
    private final AdmmConfig config;
    private final State state;
    private final int layers;
    private final long samples;
    private final DataType dtype;
    private final INDArray lambda;
    private final Gemm gemm = new Gemm();
    private final CouplingCache coupling;
    private final INDArray[] scratch;
    private final INDArray[] rhs;
    private final ZClosedForm[] zForms;
    private final double[] regularization;
    private final INDArray[] gram;
    private final INDArray[] cross;
    private final INDArray[] solved;
    private final INDArray[] inverse;
    private final INDArray[] previousW;
    private final INDArray[] transposed;
    private final INDArray[] system;
    private final INDArray[] systemInverse;
    private final INDArray[] wDouble;
    private final INDArray[] aDouble;
    private final INDArray[] zDouble;
    private final INDArray pinvT;
    private final List<INDArray> weights;
    private final List<INDArray> biases;
    private double primalResidual = Double.NaN;
    private double multiplierStep;
    private int iteration;

    /**
     * The components of {@code problem} that the ADMM blocks need in closed form, or a rejection: what
     * {@link AdmmOptimizer#prepare} checks before anything is allocated or reported.
     */
    private record Components(ZClosedForm[] zForms, double[] regularization) {}

    /**
     * Checks that ADMM can run on {@code problem}, allocating nothing N-sized: the data type (FLOAT or DOUBLE), a
     * closed-form z update for every hidden activation ({@link ZClosedForm#of}) and a regularizer of the form
     * {@code (lambda/2)||W||^2} on every layer (none or l2).
     *
     * @throws InvalidParameterException naming the component, the layer and the value found, and listing what is
     *                                   supported
     */
    public static void check(Problem problem) {
        components(problem);
    }

    private static Components components(Problem problem) {
        if (problem == null) {
            throw InvalidParameterException.of(AdmmConfig.COMPONENT, "problem", "null", "non-null");
        }
        int layers = problem.layers();
        DataType dtype = problem.dtype();
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw InvalidParameterException.of(AdmmConfig.COMPONENT, "dtype", dtype, "FLOAT or DOUBLE");
        }
        ZClosedForm[] zForms = new ZClosedForm[layers];
        for (int l = 1; l < layers; l++) {
            zForms[l] = ZClosedForm.of(problem.activation(l), l);
        }
        double[] regularization = new double[layers + 1];
        for (int l = 1; l <= layers; l++) {
            regularization[l] = SmallLinearAlgebra.quadraticWeight(problem.regularizer(l), dtype, l);
        }
        return new Components(zForms, regularization);
    }

    /**
     * Allocates the state and every buffer for {@code problem}; call {@link #start()} before the first iteration.
     *
     * @throws InvalidParameterException for what {@link #check} rejects: an activation without a closed-form z
     *                                   update or a regularizer other than none and l2, naming the layer and listing
     *                                   what is supported
     */
    public AdmmContext(Problem problem, AdmmConfig config) {
        if (config == null) {
            throw InvalidParameterException.of(AdmmConfig.COMPONENT, "config", "null", "non-null");
        }
        Components components = components(problem);
        this.problem = problem;
        this.config = config;
        this.layers = problem.layers();
        this.samples = problem.data().samples();
        this.dtype = problem.dtype();
        this.zForms = components.zForms();
        this.regularization = components.regularization();
        this.state = State.zeros(problem.network(), problem.data().x());
        NetworkSpec net = problem.network();
        lambda = Nd4j.create(dtype, net.outputs(), samples);
        INDArray[] multiplier = new INDArray[layers + 1];
        multiplier[layers] = lambda;
        state.add(LAMBDA, multiplier);
        coupling = new CouplingCache(state, gemm);
        scratch = new INDArray[layers + 1];
        rhs = new INDArray[layers + 1];
        gram = new INDArray[layers + 1];
        cross = new INDArray[layers + 1];
        solved = new INDArray[layers + 1];
        inverse = new INDArray[layers + 1];
        previousW = new INDArray[layers + 1];
        transposed = new INDArray[layers + 1];
        system = new INDArray[layers + 1];
        systemInverse = new INDArray[layers + 1];
        wDouble = new INDArray[layers + 1];
        aDouble = new INDArray[layers + 1];
        zDouble = new INDArray[layers + 1];
        pinvT = Nd4j.create(dtype, net.inputs(), samples);
        for (int l = 1; l <= layers; l++) {
            int out = net.width(l);
            int in = net.width(l - 1);
            scratch[l] = Nd4j.create(dtype, out, samples);
            rhs[l] = Nd4j.create(dtype, out, samples);
            gram[l] = Nd4j.create(DataType.DOUBLE, in, in);
            cross[l] = Nd4j.create(DataType.DOUBLE, out, in);
            solved[l] = Nd4j.create(DataType.DOUBLE, out, in);
            inverse[l] = Nd4j.create(DataType.DOUBLE, in, in);
            previousW[l] = Nd4j.create(dtype, out, in);
            wDouble[l] = Nd4j.create(DataType.DOUBLE, out, in);
            if (l < layers) {
                // The a update of layer l uses W_{l+1}: W^T (n_l x n_{l+1}) and the n_l x n_l system.
                transposed[l] = Nd4j.create(dtype, out, net.width(l + 1));
                system[l] = Nd4j.create(DataType.DOUBLE, out, out);
                systemInverse[l] = Nd4j.create(dtype, out, out);
            }
            if (dtype == DataType.FLOAT && l >= 2) {
                aDouble[l] = Nd4j.create(DataType.DOUBLE, in, samples);
                zDouble[l] = Nd4j.create(DataType.DOUBLE, out, samples);
            }
        }
        List<INDArray> ws = new ArrayList<>();
        List<INDArray> bs = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            ws.add(state.w(l));
            bs.add(state.b(l));
        }
        weights = List.copyOf(ws);
        biases = List.copyOf(bs);
    }

    /**
     * The starting point: W^0 from {@link Initialization} ({@code Seeds.split(seed, "admm.init")}), b = 0, the
     * forward pass {@code z_l = W_l a_{l-1}}, {@code a_l = h_l(z_l)}, lambda = 0; and layer 1's pseudo-inverse.
     */
    public void start() {
        new Initialization(config.initScheme(), config.initScale()).initialize(problem.network(), weights, biases,
                Seeds.split(problem.seed(), "admm.init"));
        for (int l = 1; l <= layers; l++) {
            coupling.refresh(l);
            state.z(l).assign(coupling.product(l));
            if (l < layers) {
                problem.activation(l).apply(state.z(l), state.a(l));
            }
        }
        lambda.assign(0);
        pseudoInverseOfX();
        primalResidual = 0;
        multiplierStep = 0;
        iteration = 0;
    }

    /**
     * Saves the variables ({@code W_l, b_l, z_l, a_l}, {@code lambda_L}), the product cache {@code wa_l}, the last
     * primal residual and multiplier step and the iteration. {@code x^+} and layer 1's inverse depend on x only and
     * are recomputed by {@link #start()}; every other buffer is overwritten before it is read.
     */
    @Override
    public void save(org.altmin.solvers.core.Snapshot out) {
        out.putState(state);
        coupling.save(out);
        out.put("primal_residual", primalResidual);
        out.put("multiplier_step", multiplierStep);
        out.put("admm_iteration", (long) iteration);
    }

    @Override
    public void restore(org.altmin.solvers.core.Snapshot in) {
        in.restoreState(state);
        coupling.restore(in);
        primalResidual = in.number("primal_residual");
        multiplierStep = in.number("multiplier_step");
        iteration = in.integer("admm_iteration", 0, Integer.MAX_VALUE);
    }

    /**
     * {@code x^{+T} = (x x^T + delta I)^{-1} x} into {@link #pinvT()}, in double precision: the Gram matrix and the
     * product in blocks of {@value #CHUNK} samples for FLOAT data (once per run, so no N-sized double copy of x is
     * kept).
     */
    private void pseudoInverseOfX() {
        INDArray x = state.a(0);
        int n0 = x.rows();
        INDArray g = gram[1];
        if (dtype == DataType.DOUBLE) {
            gemm.gemm(x, x, g, false, true, 1.0, 0.0);
        } else {
            g.assign(0);
            for (long start = 0; start < samples; start += CHUNK) {
                INDArray block = x.get(NDArrayIndex.all(), NDArrayIndex.interval(start, Math.min(samples, start + CHUNK)))
                        .castTo(DataType.DOUBLE);
                gemm.gemm(block, block, g, false, true, 1.0, 1.0);
            }
        }
        INDArray inv = inverse[1];
        inv.assign(Nd4j.createFromArray(SymmetricSystems.inverse(g.toDoubleMatrix(), shift(1))));
        if (dtype == DataType.DOUBLE) {
            gemm.gemm(inv, x, pinvT, false, false, 1.0, 0.0);
            return;
        }
        INDArray product = Nd4j.create(DataType.DOUBLE, n0, Math.min(CHUNK, samples));
        for (long start = 0; start < samples; start += CHUNK) {
            long end = Math.min(samples, start + CHUNK);
            INDArray block = x.get(NDArrayIndex.all(), NDArrayIndex.interval(start, end)).castTo(DataType.DOUBLE);
            INDArray out = end - start == product.columns() ? product : Nd4j.create(DataType.DOUBLE, n0, end - start);
            gemm.gemm(inv, block, out, false, false, 1.0, 0.0);
            pinvT.get(NDArrayIndex.all(), NDArrayIndex.interval(start, end)).assign(out);
        }
    }

    /**
     * Writes {@code z_l a_{l-1}^T} into {@link #cross(int)} and {@code a_{l-1} a_{l-1}^T} into {@link #gram(int)},
     * both in double precision, for {@code l >= 2}.
     */
    void products(int l) {
        INDArray z = state.z(l);
        INDArray a = state.a(l - 1);
        if (dtype == DataType.FLOAT) {
            z = zDouble[l].assign(z);
            a = aDouble[l].assign(a);
        }
        gemm.gemm(z, a, cross[l], false, true, 1.0, 0.0);
        gemm.gemm(a, a, gram[l], false, true, 1.0, 0.0);
    }

    /**
     * The diagonal shift of layer l's normal equations: {@code ridge * trace(a a^T) / n_{l-1}} plus, for
     * {@code Omega_l = (lambda/2)||W||^2}, {@code lambda / (2 beta)}; reads {@link #gram(int)}.
     */
    double shift(int l) {
        double n = gram[l].rows();
        return config.ridge() * SmallLinearAlgebra.trace(gram[l]) / n + regularization[l] / (2 * config.beta());
    }

    public Problem problem() {
        return problem;
    }

    public AdmmConfig config() {
        return config;
    }

    /** The live variables W, b (= 0), z, a (updated in place). */
    public State state() {
        return state;
    }

    /** The multiplier lambda of the output layer ({@code n_L x N}), live. */
    public INDArray lambda() {
        return lambda;
    }

    /** W_1..W_L, the live arrays. */
    public List<INDArray> weights() {
        return weights;
    }

    /** b_1..b_L, the live arrays (all 0). */
    public List<INDArray> biases() {
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

    /** The current iteration k (0 at the starting point). */
    public int iteration() {
        return iteration;
    }

    /** Moves to iteration k; the multiplier has not moved in it yet ({@link #multiplierStep()} is 0). */
    public void beginIteration(int k) {
        iteration = k;
        multiplierStep = 0;
    }

    /** The closed-form z update of hidden layer l. */
    public ZClosedForm zForm(int l) {
        return zForms[l];
    }

    /** lambda_l of {@code Omega_l = (lambda_l/2)||W_l||^2} (0 for "none"). */
    public double regularizationWeight(int l) {
        return regularization[l];
    }

    /**
     * {@code ||z_L - W_L a_{L-1}||_F} as the last multiplier block (updated or skipped) computed it, 0 at the start
     * (the forward pass has {@code z_L = W_L a_{L-1}}).
     */
    public double primalResidual() {
        return primalResidual;
    }

    /**
     * {@code ||lambda^{k+1} - lambda^k||^2} of the current iteration's multiplier update: 0 before it ran, when it
     * was skipped (warm start) and at the start.
     */
    public double multiplierStep() {
        return multiplierStep;
    }

    /**
     * Writes the output layer's primal residual {@code z_L - W_L a_{L-1}} (from the cache) into the output layer's
     * scratch and returns that scratch; the multiplier block and the objective both compute it this way, so the
     * reported {@code primal_residual} is bitwise the one the multiplier step used.
     */
    INDArray outputResidual() {
        return scratch[layers].assign(state.z(layers)).subi(wa(layers));
    }

    void recordMultiplier(double residual, double step) {
        primalResidual = residual;
        multiplierStep = step;
    }

    /** The cached product {@code W_l a_{l-1}} ({@code n_l x N}). */
    public INDArray wa(int l) {
        return coupling.product(l);
    }

    /** The product cache {@code W_l a_{l-1}} itself. */
    public CouplingCache coupling() {
        return coupling;
    }

    /** Recomputes every cached product from scratch (after an external change of W or a). */
    public void refreshProducts() {
        coupling.refresh();
    }

    /** The counted GEMM every product of this run goes through ({@link Gemm#flops()}: what ran so far). */
    public Gemm gemm() {
        return gemm;
    }

    /** Scratch of shape {@code n_l x N}; no update keeps data in it between calls. */
    INDArray scratch(int l) {
        return scratch[l];
    }

    /** A second {@code n_l x N} buffer: the a update's right-hand side, the z_L update's prox point. */
    INDArray rhs(int l) {
        return rhs[l];
    }

    INDArray gram(int l) {
        return gram[l];
    }

    INDArray cross(int l) {
        return cross[l];
    }

    /** The least-squares W_l in double ({@code n_l x n_{l-1}}). */
    INDArray solved(int l) {
        return solved[l];
    }

    /** {@code (a_{l-1} a_{l-1}^T + shift I)^{-1}} in double; layer 1's is computed once by {@link #start()}. */
    INDArray inverse(int l) {
        return inverse[l];
    }

    /** {@code (x^+)^T = (x x^T + delta I)^{-1} x} ({@code n_0 x N}, the data's dtype), computed by {@link #start()}. */
    INDArray pinvT() {
        return pinvT;
    }

    INDArray previousW(int l) {
        return previousW[l];
    }

    /** {@code W_{l+1}^T} ({@code n_l x n_{l+1}}), for the a update of layer l. */
    INDArray transposed(int l) {
        return transposed[l];
    }

    /** The a update's {@code beta W_{l+1}^T W_{l+1} + gamma I} in double. */
    INDArray system(int l) {
        return system[l];
    }

    /** Its inverse in the data's dtype. */
    INDArray systemInverse(int l) {
        return systemInverse[l];
    }

    /** W_l in double ({@code n_l x n_{l-1}}). */
    INDArray wDouble(int l) {
        return wDouble[l];
    }
}
