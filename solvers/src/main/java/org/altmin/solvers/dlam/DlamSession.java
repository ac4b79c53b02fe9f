package org.altmin.solvers.dlam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.altmin.api.BlockReport;
import org.altmin.api.IterationReport;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.Problem;
import org.altmin.api.Seeds;
import org.altmin.api.State;
import org.altmin.solvers.common.Initialization;
import org.altmin.solvers.core.BlockSweep;
import org.altmin.solvers.core.CouplingCache;
import org.altmin.solvers.core.Gemm;
import org.altmin.solvers.core.Measurement;
import org.altmin.solvers.core.Resumable;
import org.altmin.solvers.core.Session;
import org.altmin.solvers.core.Snapshot;
import org.altmin.solvers.core.StepMemory;
import org.altmin.solvers.core.Sweep;
import org.altmin.solvers.core.Workspace;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One DLAM run (Wang et al., arXiv:1811.04187): the variables, the eps schedule's position, the coupling cache,
 * the workspace and the step memory, and the sweep of block updates; the {@link DlamContext} the blocks see and the
 * {@link Session} the skeleton drives. Everything N-sized is allocated here or on a block's first use, never per
 * iteration.
 */
public final class DlamSession implements DlamContext, Session, Resumable {
    private final Problem problem;
    private final DlamConfig config;
    private final State state;
    private final Gemm gemm = new Gemm();
    private final CouplingCache products;
    private final Workspace workspace;
    private final StepMemory steps;
    private final BlockSweep<DlamContext> sweep;
    private final DlamModel model;
    private INDArray inputGram;
    private double epsilon;
    private double previousEpsilon;
    private int iteration;

    /** A session with the paper's blocks. */
    public DlamSession(Problem problem, DlamConfig config) {
        this(problem, config, DlamBlocks.defaults().sweep(problem.layers()));
    }

    /** Allocates the state for {@code problem}; call {@link #start()} before the first iteration. */
    public DlamSession(Problem problem, DlamConfig config, BlockSweep<DlamContext> sweep) {
        this.problem = problem;
        this.config = config;
        this.state = State.zeros(problem.network(), problem.data().x());
        this.products = new CouplingCache(state, gemm);
        this.workspace = new Workspace(problem.dtype());
        this.steps = new StepMemory(problem.layers());
        this.sweep = sweep;
        this.model = new DlamModel(this);
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
                .initialize(problem.network(), state.weights(), state.biases(), Seeds.split(problem.seed(), "dlam.init"));
        int layers = layers();
        for (int l = 1; l <= layers; l++) {
            products.refresh(l);
            INDArray z = state.z(l);
            z.assign(products.product(l)).addiColumnVector(state.b(l));
            if (l < layers) {
                problem.activation(l).apply(z, state.a(l));
            }
        }
        if (config.zLFromLabels()) {
            state.z(layers).assign(problem.data().y());
        }
        iteration = 0;
    }

    /** Moves to iteration k, setting eps by the schedule. */
    public void beginIteration(int k) {
        iteration = k;
        previousEpsilon = k <= 1 ? config.epsilonAt(1) : epsilon;
        epsilon = config.epsilonAt(k);
    }

    /**
     * Saves the variables ({@code W_l, b_l, z_l, a_l}), the coupling cache {@code wa_l} (kept incrementally), the
     * step memory ({@code steps.<variable>_<layer>}: the last accepted theta and tau), the schedule's position
     * ({@code epsilon}, {@code epsilon_of_a}, {@code dlam_iteration}) and the state of any block that keeps its own
     * ({@code block.*}). The Gram matrix {@code x x^T} is recomputed from x, which never changes.
     */
    @Override
    public void save(Snapshot out) {
        out.putState(state);
        products.save(out);
        steps.save(out.within("steps"));
        out.put("epsilon", epsilon);
        out.put("epsilon_of_a", previousEpsilon);
        out.put("dlam_iteration", (long) iteration);
        sweep.save(out);
    }

    @Override
    public void restore(Snapshot in) {
        in.restoreState(state);
        products.restore(in);
        steps.restore(in.within("steps"));
        epsilon = in.number("epsilon");
        previousEpsilon = in.number("epsilon_of_a");
        iteration = in.integer("dlam_iteration", 0, Integer.MAX_VALUE);
        sweep.restore(in);
    }

    /** Recomputes every cached product {@code W_l a_{l-1}} from scratch (after an external change of W or a). */
    public void refreshProducts() {
        products.refresh();
    }

    @Override
    public List<BlockReport> layout() {
        return sweep.layout();
    }

    @Override
    public Sweep iterate(int k) {
        beginIteration(k);
        return sweep.run(this, k);
    }

    /**
     * F and its terms ({@code risk, regularization, coupling, infeasibility}), the diagnostics {@code epsilon} and
     * {@code band_residual_l} ({@code ||a_l - h_l(z_l)||_F}, l &lt; L), and a diagnosis for a non-finite term or variable
     * or a violated band constraint.
     */
    @Override
    public Measurement measure(int k) {
        DlamObjective objective = DlamObjective.of(this);
        model.at(objective);
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("epsilon", epsilon);
        for (int l = 1; l < layers(); l++) {
            diagnostics.put(IterationReport.layerKey("band_residual", l), objective.bandResidual()[l]);
        }
        String bad = objective.nonFinite(k);
        if (bad == null) {
            bad = nonFiniteVariables(k);
        }
        if (bad == null) {
            // F = +inf: a band constraint is violated beyond rounding (possible only through a custom block).
            bad = objective.infeasible(k);
        }
        return new Measurement(objective.value(), objective.terms(), diagnostics, bad);
    }

    @Override
    public Optional<ObjectiveModel> model() {
        return Optional.of(model);
    }

    /** The cache's {@code W_1 x} while W_1 has not moved since it was computed ({@link CouplingCache#inputProduct()}). */
    @Override
    public Optional<INDArray> inputProduct() {
        return products.inputProduct();
    }

    private String nonFiniteVariables(int k) {
        for (int l = 1; l <= layers(); l++) {
            String bad = nonFinite("weights ||W_" + l + "||", state.w(l), k, l);
            if (bad == null) {
                bad = nonFinite("bias ||b_" + l + "||", state.b(l), k, l);
            }
            if (bad == null) {
                bad = nonFinite("||z_" + l + "||", state.z(l), k, l);
            }
            if (bad == null && l < layers()) {
                bad = nonFinite("||a_" + l + "||", state.a(l), k, l);
            }
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static String nonFinite(String what, INDArray x, int k, int l) {
        // One read-only fused pass (ND4J's norm2Number on an n_l x N array took 5-18 ms).
        double sq = Fused.sumOfSquares(x);
        return Double.isFinite(sq) ? null : what + " = " + Math.sqrt(sq) + " at iteration " + k + " (layer " + l + ")";
    }

    @Override
    public INDArray inputGram() {
        if (inputGram == null) {
            INDArray x = state.a(0);
            inputGram = Nd4j.create(x.dataType(), x.rows(), x.rows());
            gemm.gemm(x, x, inputGram, false, true, 1.0, 0.0);
        }
        return inputGram;
    }

    /** The flops of every GEMM made through this session so far ({@code 2 m n k} each). */
    public double gemmFlops() {
        return gemm.flops();
    }

    /** The sweep this session runs. */
    public BlockSweep<DlamContext> sweep() {
        return sweep;
    }

    @Override
    public Problem problem() {
        return problem;
    }

    @Override
    public DlamConfig config() {
        return config;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public double epsilon() {
        return epsilon;
    }

    @Override
    public double epsilonOfA() {
        return previousEpsilon;
    }

    @Override
    public CouplingCache products() {
        return products;
    }

    @Override
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public StepMemory steps() {
        return steps;
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }
}
