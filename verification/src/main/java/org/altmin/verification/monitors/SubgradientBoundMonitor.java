package org.altmin.verification.monitors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.Validate;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run-time monitor of {@link Property#SUBGRADIENT_BOUND} (DLAM's Property 3; J. Wang, F. Yu, X. Chen, L. Zhao,
 * arXiv:1811.04187, section 4.1): there is a {@code g^{k+1} in dF(x^{k+1})} with
 * {@code ||g^{k+1}|| <= C ||x^{k+1} - x^k||}.
 *
 * <p>What it computes, after every {@code stride}-th checked iteration: the W and b components of one element of dF
 * at the new point, and the ratio {@code sqrt(sum_l ||g_W_l||^2 + ||g_b_l||^2) / ||x^{k+1} - x^k||}, the
 * denominator {@code sqrt(}{@link IterationReport#stepSquared()}{@code )} (every block's squared step). The
 * gradient comes from one of two sources:
 * <ul>
 *   <li><b>The optimizer's {@link ObjectiveModel}</b>, when the run offers one whose
 *       {@link ObjectiveModel#differentiable()} contains W and b: {@code model.subgradient("W", l, out)} and
 *       {@code ("b", l, out)}, into buffers allocated once per layer in {@link #onStart} (no allocation of the
 *       run's size per iteration). It costs what the model costs (for DLAM, with its cached {@code W_l a_{l-1}}, one
 *       product {@code r_l a_{l-1}^T} per layer).</li>
 *   <li><b>The {@link State}</b> otherwise, which needs the penalty rho from the constructor and the regularizers
 *       from {@link RunContext#problem()}:
 *       <pre>
 * r_l   = z_l - W_l a_{l-1} - b_l 1^T                         (coupling residual, n_l x N)
 * g_W_l = -rho r_l a_{l-1}^T + Omega_l.subgradient(W_l)        (grad of phi plus Omega's min-norm subgradient)
 * g_b_l = -rho r_l 1                                           (grad of phi in b_l)
 *       </pre>
 *       with {@code phi = sum_l (rho/2)||r_l||^2} (DLAM's coupling). Cost per evaluation: one product
 *       {@code W_l a_{l-1}} and one {@code r_l a_{l-1}^T} per layer, about a third of an iteration of DLAM. Without a
 *       model and without rho (or for a state without z and a) the verdict is SKIPPED and says why.</li>
 * </ul>
 * With a model that also offers z and a ({@link #FULL}; DLAM's does) the whole subgradient is used: the z_l parts
 * (gradient plus the exact entrywise normal cone of the preimage {@code [B1, B2]}), z_L (the loss's gradient plus the
 * coupling) and a_l (gradient plus the normal cone of the band), each the minimum-norm element of its partial
 * subdifferential; {@link Report#components()} says which parts were used. With W and b only (the State fallback,
 * or a model without z and a) it bounds a part of g, a necessary condition for Property 3. For a non-smooth Omega
 * (L1) the element used need not be the smallest one, so the ratio is an upper estimate. A zero step with a non-zero
 * g gives an infinite ratio; a zero step at a stationary point (g = 0) gives 0.
 *
 * <p>It reports the running maximum of the ratio, the estimate of C^{k+1} over the run (bounded is good), and every
 * evaluated ratio ({@link Report#ratios()}, for the figure). The verdict fails on a non-finite ratio or, if a
 * bound was given, a ratio above it. Raise {@code stride} to thin it out.
 *
 * <p><b>Which iterations.</b> In {@link #onStart} it reads the optimizer's claim for
 * {@link Property#SUBGRADIENT_BOUND} ({@link Coverage}): without an applicable claim it computes nothing and its
 * verdict is SKIPPED with the claim's condition; with a claim from iteration K it evaluates only iterations
 * {@code k >= K} (and {@code k % stride == 0}). {@link #onStart} is required: without a run context there are no
 * regularizers for the State fallback, and an evaluation throws {@link IllegalStateException}.
 */
public final class SubgradientBoundMonitor implements IterationListener {
    /** Default stride: every iteration. */
    public static final int DEFAULT_STRIDE = 1;
    /** Default bound on the ratio: none (only finiteness is required). */
    public static final double NO_BOUND = Double.POSITIVE_INFINITY;
    /** The variables whose components of g are always estimated (the State fallback has only these). */
    public static final List<String> COMPONENTS = List.of(State.W, State.B);
    /** All of Property 3's parts, used when the objective model offers them. */
    public static final List<String> FULL = List.of(State.W, State.B, State.Z, State.A);
    /** {@link Report#source()} when the gradient came from the optimizer's objective model. */
    public static final String FROM_MODEL = "objective model";
    /** {@link Report#source()} when the gradient was computed from the State (with the constructor's rho). */
    public static final String FROM_STATE = "state";

    private static final String COMPONENT = "SubgradientBoundMonitor";
    private static final String CHECK = "property3.subgradientBound";
    private final double rho;
    private final int stride;
    private final double bound;
    private final Gate gate = new Gate(Property.SUBGRADIENT_BOUND);
    private Problem problem;
    private ObjectiveModel model;
    /** Per component, per layer (index l), the buffers the model writes into. */
    private final Map<String, INDArray[]> buffers = new LinkedHashMap<>();
    private String unavailable;
    private String source;
    private int evaluated;
    private int nonFinite;
    private int aboveBound;
    private double maxRatio = 0.0;
    private int maxRatioIteration = -1;
    private double lastRatio = Double.NaN;
    private double lastGradientNorm = Double.NaN;
    private double lastStepNorm = Double.NaN;
    private final List<double[]> ratios = new java.util.ArrayList<>();

    /** Uses the run's objective model only (no rho for a State fallback), every iteration, no bound. */
    public SubgradientBoundMonitor() {
        this(DEFAULT_STRIDE, NO_BOUND);
    }

    /**
     * Uses the run's objective model only: without one offering W and b the verdict is SKIPPED.
     *
     * @param stride evaluate after every stride-th iteration, {@code >= 1}
     * @param bound  the verdict fails when the ratio exceeds this, {@code > 0} (+inf: no bound)
     */
    public SubgradientBoundMonitor(int stride, double bound) {
        this.rho = Double.NaN;
        this.stride = checkStride(stride);
        this.bound = checkBound(bound);
    }

    /** @param rho DLAM's penalty, {@code > 0}, for the State fallback when the run offers no objective model */
    public SubgradientBoundMonitor(double rho) {
        this(rho, DEFAULT_STRIDE, NO_BOUND);
    }

    /**
     * @param rho    DLAM's penalty, {@code > 0}, for the State fallback when the run offers no objective model
     * @param stride evaluate after every stride-th iteration, {@code >= 1}
     * @param bound  the verdict fails when the ratio exceeds this, {@code > 0} (+inf: no bound)
     */
    public SubgradientBoundMonitor(double rho, int stride, double bound) {
        this.rho = Validate.positive(COMPONENT, "rho", rho);
        this.stride = checkStride(stride);
        this.bound = checkBound(bound);
    }

    private static int checkStride(int stride) {
        return Validate.atLeastOne(COMPONENT, "stride", stride);
    }

    private static double checkBound(double bound) {
        if (!(bound > 0)) {
            throw InvalidParameterException.of(COMPONENT, "bound", bound, "> 0 (+inf for none)");
        }
        return bound;
    }

    /**
     * @param evaluated         iterations where the ratio was computed
     * @param maxRatio          running maximum of the ratio (0 before any)
     * @param maxRatioIteration the iteration of that maximum (-1 before any)
     * @param lastRatio         the ratio at the last evaluated iteration
     * @param lastGradientNorm  {@code ||(g_W, g_b)||} there
     * @param lastStepNorm      {@code ||x^{k+1} - x^k||} there
     * @param nonFinite         evaluations with a non-finite ratio
     * @param aboveBound        evaluations with a ratio above the bound
     * @param bound             the bound (+inf: none)
     * @param source            {@link #FROM_MODEL} or {@link #FROM_STATE}; null without {@link #onStart}, when the
     *                          property is not monitored, or when neither source is available
     * @param components        the variables whose components of g were estimated ({@link #FULL} or
     *                          {@link #COMPONENTS})
     * @param coverage          which iterations were checked, and why not the others
     * @param ratios            every evaluation as {@code {k, ratio, ||g||, ||step||}}
     */
    public record Report(int evaluated, double maxRatio, int maxRatioIteration, double lastRatio,
            double lastGradientNorm, double lastStepNorm, int nonFinite, int aboveBound, double bound, String source,
            List<String> components, Coverage coverage, List<double[]> ratios) {
        public Report {
            components = List.copyOf(components);
            ratios = List.copyOf(ratios);
        }
    }

    /**
     * Reads the claim for {@link Property#SUBGRADIENT_BOUND}, the problem, and the objective model; when the model
     * offers W and b, allocates one buffer per layer for each of them.
     */
    @Override
    public void onStart(RunContext run) {
        gate.start(run);
        problem = run.problem();
        ObjectiveModel offered = run.objective().orElse(null);
        State state = run.state();
        buffers.clear();
        model = null;
        unavailable = null;
        source = null;
        if (!gate.applies()) {
            return; // nothing will be evaluated
        }
        if (offered != null && offered.differentiable().containsAll(COMPONENTS)) {
            model = offered;
            source = FROM_MODEL;
            for (String variable : FULL) {
                if (!offered.differentiable().contains(variable) || !state.variables().contains(variable)) {
                    continue;
                }
                INDArray[] out = new INDArray[state.layers() + 1];
                for (int l = 1; l <= state.layers(); l++) {
                    INDArray x = state.variable(variable, l);
                    out[l] = x == null ? null : Nd4j.create(x.dataType(), x.shape());
                }
                buffers.put(variable, out);
            }
        } else if (Double.isNaN(rho)) {
            unavailable = "the run offers no objective model with the partial subgradients in " + COMPONENTS
                    + " and no rho was given for computing them from the State";
        } else if (!state.hasLayerVariables()) {
            unavailable = "the run offers no objective model with the partial subgradients in " + COMPONENTS
                    + ", and its State holds no z, a to compute them from";
        } else if (problem == null) {
            unavailable = "the run offers no objective model and no Problem (the State fallback needs its"
                    + " regularizers)";
        } else {
            source = FROM_STATE;
        }
    }

    @Override
    public void onIteration(IterationReport report, State state) {
        int k = report.iteration();
        if (!gate.covers(k)) {
            return; // iteration 0 (no step), or a step the claim does not cover
        }
        if (report.blocks().isEmpty() || k % stride != 0 || unavailable != null) {
            return; // a report without blocks has no step to compare with
        }
        double gradient;
        if (model != null) {
            gradient = Math.sqrt(modelGradientSquared(state.layers()));
        } else {
            if (problem == null || Double.isNaN(rho)) {
                throw new IllegalStateException(COMPONENT + ": onStart(run) was not called; the regularizers"
                        + " come from the run's Problem, or the gradient from its objective model");
            }
            gradient = Math.sqrt(gradientSquared(problem, state, rho));
        }
        double step = Math.sqrt(report.stepSquared());
        double ratio = gradient == 0 ? 0.0 : gradient / step;
        evaluated++;
        ratios.add(new double[] {k, ratio, gradient, step});
        lastRatio = ratio;
        lastGradientNorm = gradient;
        lastStepNorm = step;
        if (!Double.isFinite(ratio)) {
            nonFinite++;
        } else if (ratio > bound) {
            aboveBound++;
        }
        if (!(ratio <= maxRatio)) {
            maxRatio = ratio;
            maxRatioIteration = k;
        }
    }

    /** {@code sum over COMPONENTS and layers of ||g||^2}, from the objective model into the preallocated buffers. */
    private double modelGradientSquared(int layers) {
        double sum = 0;
        for (Map.Entry<String, INDArray[]> e : buffers.entrySet()) {
            for (int l = 1; l <= layers; l++) {
                INDArray out = e.getValue()[l];
                if (out == null) {
                    continue; // a variable this layer does not hold (a_L)
                }
                model.subgradient(e.getKey(), l, out);
                double n = out.norm2Number().doubleValue();
                sum += n * n;
            }
        }
        return sum;
    }

    /** {@code sum_l ||g_W_l||^2 + ||g_b_l||^2} from the State, as defined in the class comment (the fallback). */
    public static double gradientSquared(Problem problem, State state, double rho) {
        double sum = 0;
        for (int l = 1; l <= state.layers(); l++) {
            INDArray w = state.w(l);
            INDArray aPrev = state.a(l - 1);
            INDArray r = state.z(l).sub(w.mmul(aPrev.castTo(w.dataType()))).subiColumnVector(state.b(l));
            INDArray gW = r.mmul(aPrev.castTo(w.dataType()).transpose()).muli(-rho);
            gW.addi(problem.regularizer(l).subgradient(w));
            INDArray gB = r.sum(1).muli(-rho);
            double nw = gW.norm2Number().doubleValue();
            double nb = gB.norm2Number().doubleValue();
            sum += nw * nw + nb * nb;
        }
        return sum;
    }

    /** The parts of g estimated: the model's buffers, or {@link #COMPONENTS} for the State fallback. */
    private List<String> components() {
        return buffers.isEmpty() ? COMPONENTS : List.copyOf(buffers.keySet());
    }

    public Report report() {
        return new Report(evaluated, maxRatio, maxRatioIteration, lastRatio, lastGradientNorm, lastStepNorm,
                nonFinite, aboveBound, bound, source, components(), gate.coverage(), ratios);
    }

    /**
     * SKIPPED when the optimizer's theory does not prove the subgradient bound (the reason is its condition), when
     * neither an objective model nor the State fallback is available, or when nothing was evaluated; otherwise
     * passed when every ratio was finite (and within the bound, if one was given).
     */
    public Verdict verdict() {
        Tolerance tol = new Tolerance(0, 0);
        if (!gate.applies()) {
            return gate.notApplicable(CHECK, tol);
        }
        if (unavailable != null) {
            return Verdict.skip(CHECK, 0, tol, 0L, unavailable);
        }
        if (evaluated == 0) {
            return Verdict.skip(CHECK, 0, tol, 0L, "no iteration with block steps evaluated" + gate.note());
        }
        if (nonFinite > 0 || aboveBound > 0) {
            return Verdict.fail(CHECK, evaluated, tol, 0L, nonFinite + " non-finite and " + aboveBound
                    + " above-bound (" + bound + ") ratios ||g_" + components() + "|| / ||x^{k+1} - x^k|| in " + evaluated
                    + " evaluations" + gate.note(), "running max ratio " + maxRatio + " at iteration "
                    + maxRatioIteration + "; last: ||g|| = " + lastGradientNorm + ", ||step|| = " + lastStepNorm);
        }
        return Verdict.pass(CHECK, evaluated, tol, 0L, "||g_" + components() + "|| / ||x^{k+1} - x^k|| stayed finite"
                + (bound < Double.POSITIVE_INFINITY ? " and <= " + bound : "") + " (gradient from the "
                + source + "): estimate of C, the running max, " + maxRatio + " at iteration " + maxRatioIteration
                + gate.note());
    }
}
