package org.altmin.verification.monitors;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationRecord;
import org.altmin.api.LayerStats;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.altmin.api.Validate;
import org.altmin.verification.checks.Tolerance;
import org.altmin.verification.checks.Verdict;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Run-time monitor of Property 3 of DLAM (subgradient bound; J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187,
 * section 4.1): there is a {@code g^{k+1} in dF(x^{k+1})} with {@code ||g^{k+1}|| <= C ||x^{k+1} - x^k||}.
 *
 * <p>What it computes, after every {@code stride}-th iteration, from the live {@link State} and the
 * {@link Problem} given to {@link #onStart}: the W and b components of one element of dF at the new point,
 *
 * <pre>
 * r_l   = z_l - W_l a_{l-1} - b_l 1^T                         (coupling residual, n_l x N)
 * g_W_l = -rho r_l a_{l-1}^T + Omega_l.subgradient(W_l)        (grad of phi plus Omega's min-norm subgradient)
 * g_b_l = -rho r_l 1                                           (grad of phi in b_l)
 * </pre>
 *
 * with {@code phi = sum_l (rho/2)||r_l||^2}, and the ratio {@code sqrt(sum_l ||g_W_l||^2 + ||g_b_l||^2) / ||x^{k+1} -
 * x^k||}, the denominator from the record's squared block steps {@code sqrt(sum_l |dW_l|^2 + |db_l|^2 + |dz_l|^2 +
 * |da_l|^2)}. The z and a components of dF contain normal cones of the constraint sets and are not estimated, so
 * this bounds a part of g, a necessary condition for Property 3. For a non-smooth Omega (L1) the element used need
 * not be the smallest one, so the ratio is an upper estimate. A zero step with a non-zero g gives an infinite ratio.
 *
 * <p>It reports the running maximum of the ratio; bounded is good. The verdict fails on a non-finite ratio or, if a
 * bound was given, a ratio above it. Cost per evaluated iteration: one product {@code W_l a_{l-1}} and one
 * {@code r_l a_{l-1}^T} per layer, about a third of an iteration of DLAM; raise {@code stride} to thin it out.
 */
public final class SubgradientBoundMonitor implements IterationListener {
    /** Default stride: every iteration. */
    public static final int DEFAULT_STRIDE = 1;
    /** Default bound on the ratio: none (only finiteness is required). */
    public static final double NO_BOUND = Double.POSITIVE_INFINITY;

    private static final String COMPONENT = "SubgradientBoundMonitor";
    private final double rho;
    private final int stride;
    private final double bound;
    private Problem problem;
    private int evaluated;
    private int nonFinite;
    private int aboveBound;
    private double maxRatio = 0.0;
    private int maxRatioIteration = -1;
    private double lastRatio = Double.NaN;
    private double lastGradientNorm = Double.NaN;
    private double lastStepNorm = Double.NaN;

    /** @param rho DLAM's penalty, {@code > 0} */
    public SubgradientBoundMonitor(double rho) {
        this(rho, DEFAULT_STRIDE, NO_BOUND);
    }

    /**
     * @param rho    DLAM's penalty, {@code > 0}
     * @param stride evaluate after every stride-th iteration, {@code >= 1}
     * @param bound  the verdict fails when the ratio exceeds this, {@code > 0} (+inf: no bound)
     */
    public SubgradientBoundMonitor(double rho, int stride, double bound) {
        this.rho = Validate.positive(COMPONENT, "rho", rho);
        this.stride = Validate.atLeastOne(COMPONENT, "stride", stride);
        if (!(bound > 0)) {
            throw InvalidParameterException.of(COMPONENT, "bound", bound, "> 0 (+inf for none)");
        }
        this.bound = bound;
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
     */
    public record Report(int evaluated, double maxRatio, int maxRatioIteration, double lastRatio,
            double lastGradientNorm, double lastStepNorm, int nonFinite, int aboveBound, double bound) {}

    @Override
    public void onStart(Problem problem, State state) {
        this.problem = problem;
    }

    @Override
    public void onIteration(IterationRecord record, State state) {
        if (record.iteration() < 1 || record.iteration() % stride != 0 || record.layers().isEmpty()) {
            return; // iteration 0 has no step; SGD-style records carry no block steps
        }
        if (problem == null) {
            throw new IllegalStateException(COMPONENT + ": onStart(problem, state) was not called; the regularizers"
                    + " come from the Problem");
        }
        double gradient = Math.sqrt(gradientSquared(problem, state, rho));
        double step = Math.sqrt(stepSquared(record));
        double ratio = gradient == 0 ? 0.0 : gradient / step;
        evaluated++;
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
            maxRatioIteration = record.iteration();
        }
    }

    /** {@code sum_l ||g_W_l||^2 + ||g_b_l||^2} as defined in the class comment. */
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

    /** {@code ||x^{k+1} - x^k||^2}: the sum of every block's squared step in the record. */
    public static double stepSquared(IterationRecord record) {
        double sum = 0;
        for (LayerStats s : record.layers()) {
            sum += s.w().stepSquared() + s.b().stepSquared() + s.z().stepSquared() + s.a().stepSquared();
        }
        return sum;
    }

    public Report report() {
        return new Report(evaluated, maxRatio, maxRatioIteration, lastRatio, lastGradientNorm, lastStepNorm,
                nonFinite, aboveBound, bound);
    }

    /** Passed when every ratio was finite (and within the bound, if one was given). */
    public Verdict verdict() {
        String check = "property3.subgradientBound";
        Tolerance tol = new Tolerance(0, 0);
        if (evaluated == 0) {
            return Verdict.skip(check, 0, tol, 0L, "no iteration with block steps observed");
        }
        if (nonFinite > 0 || aboveBound > 0) {
            return Verdict.fail(check, evaluated, tol, 0L, nonFinite + " non-finite and " + aboveBound
                    + " above-bound (" + bound + ") ratios ||g_{W,b}|| / ||x^{k+1} - x^k|| in " + evaluated
                    + " evaluations", "running max ratio " + maxRatio + " at iteration " + maxRatioIteration
                    + "; last: ||g|| = " + lastGradientNorm + ", ||step|| = " + lastStepNorm);
        }
        return Verdict.pass(check, evaluated, tol, 0L, "||g_{W,b}|| / ||x^{k+1} - x^k|| stayed finite"
                + (bound < Double.POSITIVE_INFINITY ? " and <= " + bound : "") + ": running max " + maxRatio
                + " at iteration " + maxRatioIteration);
    }
}
