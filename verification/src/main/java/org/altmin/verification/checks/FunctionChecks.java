package org.altmin.verification.checks;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Property checks of a generic function {@code f} on arrays, the building blocks of {@link LossChecks} and
 * {@link RegularizerChecks}: convexity (Jensen), the subgradient inequality, gradients against central finite
 * differences, optimality of a proximal map, and its nonexpansiveness. Assumption 2 of DLAM (J. Wang, F. Yu,
 * X. Chen, L. Zhao, arXiv:1811.04187, section 4.1) asks R and every Omega to be proper, closed and convex; the
 * proximal maps of equations 1 and 5 must then be single-valued, optimal and nonexpansive
 * (N. Parikh and S. Boyd, Proximal Algorithms, 2014, section 2.3).
 *
 * <p>The sampler draws the first point of each try; the second point of a pair has the first one's shape and
 * comes from {@link TestPoints#matrix}, or is a small random step away from it.
 *
 * <p>Every check draws its inputs from a {@link SplittableRandom} seeded with the given seed, runs a stated number
 * of tries, and returns a {@link Verdict} with the first counterexample. A component that throws or returns a
 * non-finite value on a (finite) test point fails the check: the checked functions must be finite there.
 */
public final class FunctionChecks {
    /** Jensen's inequality, scaled by {@code |f(x)| + |f(y)| + |f(mid)|}: rounding of f only. */
    public static final Tolerance CONVEXITY_TOLERANCE = new Tolerance(1e-9, 1e-12);
    /** Subgradient inequality, scaled by {@code |f(x)| + |f(y)| + |<g, y - x>|}. */
    public static final Tolerance SUBGRADIENT_TOLERANCE = new Tolerance(1e-9, 1e-12);
    /**
     * Directional derivative {@code <g, d>} against its central difference, scaled by {@code |<g,d>| + |fd|};
     * a floor for the cancellation in {@code f(x + hd) - f(x - hd)} is added (see {@link #FD_NOISE}).
     */
    public static final Tolerance GRADIENT_TOLERANCE = new Tolerance(1e-5, 1e-7);
    /** Forward and backward differences disagreeing by more than this mean a kink within h (non-smooth f). */
    public static final Tolerance KINK_TOLERANCE = new Tolerance(1e-4, 1e-6);
    /** The prox point must beat its neighbours on the prox objective, scaled by its value there. */
    public static final Tolerance PROX_OPTIMALITY_TOLERANCE = new Tolerance(1e-8, 1e-10);
    /**
     * First-order conditions of the prox: {@code ||grad f(u) + s (u - v)||} (smooth case), scaled by
     * {@code ||grad f(u)|| + s ||u - v||}, and the subgradient inequality with {@code g = s (v - u)}; looser than
     * the exact checks since a prox may be iterative (its residual times the distance shows up here).
     */
    public static final Tolerance PROX_STATIONARITY_TOLERANCE = new Tolerance(1e-6, 1e-8);
    /** {@code ||prox(v1) - prox(v2)|| <= ||v1 - v2||}, scaled by {@code ||v1 - v2||}. */
    public static final Tolerance NONEXPANSIVE_TOLERANCE = new Tolerance(1e-7, 1e-9);

    /**
     * Central-difference steps, absolute: they do not grow with the point's size. A step of
     * {@code 1e-6 max(1, max|x|)} is 1e-3 at a point of size 1e3, and for a once-differentiable f (Huber: f'' jumps
     * at |r| = delta) the truncation error of the central difference is of order {@code h * jump(f'')}, far above
     * {@link #GRADIENT_TOLERANCE} (a correct Huber failed 82 of 200 seeds that way). The directional derivative
     * must match at one of these steps: the truncation error falls with h, the rounding error (bounded by the
     * {@link #FD_NOISE} floor) grows like 1/h, so the best step depends on f's own scale; a wrong gradient
     * disagrees at every step, by the same amount.
     */
    public static final double[] FD_STEPS = {1e-4, 1e-5, 1e-6, 1e-7};
    /**
     * The last decade's decrease of R along a ray must exceed this, relative to {@code |phi|} at its ends, to count
     * as a decrease and not rounding (at r = 1e12, phi's rounding is about 1e-16 of its size; 1e-6 leaves room for
     * summation over samples). A linear decrease over a decade is about 0.8 of {@code |phi|} there.
     */
    public static final Tolerance BOUNDED_BELOW_TOLERANCE = new Tolerance(1e-6, 1e-9);
    /**
     * A floor of the last step's decrease per unit of radius: at r = 1e12 each entry of {@code x + r d} is rounded by
     * about 1e-4, and f's cancellation there (softmax cross-entropy's {@code logsumexp(z) - z_y}, a hinge's
     * {@code 1 + z_j - z_y}) is of that order times its slope; {@code 1e-12 r} is 1 at the end of the ray, while a
     * linear decrease at slope alpha is {@code 0.99 alpha r}, so any slope above about 1e-12 is still caught.
     */
    public static final double RAY_NOISE = 1e-12;
    /** The decades k of the ray radii {@code r = 10^k}: far beyond any minimizer of the test targets' losses. */
    public static final int[] RAY_DECADES = {0, 2, 4, 6, 8, 10, 12};
    /**
     * Unbounded below when the last secant slope is at least this fraction of the one before (both negative): a
     * linear decrease keeps the ratio at 1, a bounded-below convex one's slope falls to 0 (softmax cross-entropy's
     * exponentially, to rounding, within the last decades unless the direction is within about 1e-10 of a tie).
     */
    public static final double RAY_SLOPE_RATIO = 0.5;
    /**
     * The prox identity {@code ||prox_{f/t}(W + s/t) - W||}, scaled by {@code ||W|| + ||s|| / t}: rounding of the
     * shift by s/t and of a closed-form prox (plus the residual / t an iterative prox reports).
     */
    public static final Tolerance PROX_IDENTITY_TOLERANCE = new Tolerance(1e-9, 1e-12);
    /** Rounding-noise factor: the central difference may be off by {@code FD_NOISE * ulp-scale(f) / h}. */
    public static final double FD_NOISE = 1e3 * Math.ulp(1.0);
    /** Neighbours of the prox point tried per prox try, at distances {@code 10^-k max(1, ||u||)}. */
    public static final int PROX_NEIGHBOURS = 8;
    /** Prox steps (rho for a loss, t for a regularizer) drawn by the prox checks. */
    public static final double[] STEPS = {1e-2, 1e-1, 1.0, 10.0, 1e2};

    private FunctionChecks() {}

    /** A proximal map {@code u = argmin_u f(u) + (step/2)||u - v||^2}. */
    @FunctionalInterface
    public interface ProxMap {
        INDArray apply(INDArray v, double step);

        /**
         * The point and the optimality residual its (iterative) solver reports, e.g. from
         * {@link org.altmin.api.ProxReport#residual()}; 0 for a closed form. The checks widen their slack by it: a
         * prox objective that is {@code step}-strongly convex puts the exact point within {@code residual / step}.
         */
        default Point applyWithResidual(INDArray v, double step) {
            return new Point(apply(v, step), 0.0);
        }
    }

    /** A prox result with its reported optimality residual (norm of the prox objective's gradient, >= 0). */
    public record Point(INDArray point, double residual) {}

    /**
     * Jensen along random segments: {@code f(t x + (1-t) y) <= t f(x) + (1-t) f(y) + tol} for x, y drawn by
     * {@code sampler} and t uniform in (0, 1) (every fourth try at t = 1/2).
     */
    public static Verdict convexity(String check, ToDoubleFunction<INDArray> f,
            Function<SplittableRandom, INDArray> sampler, long seed, int tries) {
        Validate.atLeastOne(check, "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        Tolerance tol = CONVEXITY_TOLERANCE;
        for (int i = 0; i < tries; i++) {
            INDArray x = sampler.apply(rng);
            INDArray y = partner(rng, x);
            double t = i % 4 == 0 ? 0.5 : rng.nextDouble();
            try {
                double fx = f.applyAsDouble(x);
                double fy = f.applyAsDouble(y);
                double fm = f.applyAsDouble(Linalg.combine(t, x, 1 - t, y));
                double rhs = t * fx + (1 - t) * fy;
                double scale = Math.abs(fx) + Math.abs(fy) + Math.abs(fm);
                if (!tol.allowsAtMost(fm, rhs, scale)) {
                    return Verdict.fail(check, i + 1, tol, seed, "Jensen's inequality fails: f is not convex",
                            "x = " + Linalg.print(x) + ", y = " + Linalg.print(y) + ", t = " + t
                                    + ": f(t x + (1-t) y) = " + fm + " > t f(x) + (1-t) f(y) = " + rhs
                                    + " (f(x) = " + fx + ", f(y) = " + fy + ", excess " + (fm - rhs) + ")");
                }
            } catch (RuntimeException e) {
                return thrown(check, i + 1, tol, seed, e, "x = " + Linalg.print(x) + ", y = " + Linalg.print(y));
            }
        }
        return Verdict.pass(check, tries, tol, seed, "f(t x + (1-t) y) <= t f(x) + (1-t) f(y) on every segment");
    }

    /**
     * The subgradient inequality {@code f(y) >= f(x) + <g(x), y - x> - tol} for x drawn by {@code sampler} and y
     * either far (another draw) or near (x plus a small random step); it holds for every y iff g(x) is a
     * subgradient of a convex f at x.
     */
    public static Verdict subgradientInequality(String check, ToDoubleFunction<INDArray> f,
            UnaryOperator<INDArray> subgradient, Function<SplittableRandom, INDArray> sampler, long seed, int tries) {
        Validate.atLeastOne(check, "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        Tolerance tol = SUBGRADIENT_TOLERANCE;
        for (int i = 0; i < tries; i++) {
            INDArray x = sampler.apply(rng);
            INDArray y = i % 2 == 0 ? partner(rng, x) : nearby(rng, x);
            try {
                double fx = f.applyAsDouble(x);
                double fy = f.applyAsDouble(y);
                INDArray g = subgradient.apply(x);
                double linear = Linalg.dot(g, y.sub(x));
                double rhs = fx + linear;
                double scale = Math.abs(fx) + Math.abs(fy) + Math.abs(linear);
                if (!tol.allowsAtMost(rhs, fy, scale)) {
                    return Verdict.fail(check, i + 1, tol, seed,
                            "subgradient inequality fails: g(x) is not a subgradient (or f is not convex)",
                            "x = " + Linalg.print(x) + ", y = " + Linalg.print(y) + ", g(x) = " + Linalg.print(g)
                                    + ": f(y) = " + fy + " < f(x) + <g(x), y - x> = " + rhs + " (f(x) = " + fx
                                    + ", deficit " + (rhs - fy) + ")");
                }
            } catch (RuntimeException e) {
                return thrown(check, i + 1, tol, seed, e, "x = " + Linalg.print(x) + ", y = " + Linalg.print(y));
            }
        }
        return Verdict.pass(check, tries, tol, seed, "f(y) >= f(x) + <g(x), y - x> for every pair");
    }

    /**
     * The gradient against central finite differences along random unit directions d:
     * {@code <grad f(x), d> ~ (f(x + h d) - f(x - h d)) / 2h}, tried at every step h of {@link #FD_STEPS}; the
     * directional derivative must agree at one of them (see {@link #FD_STEPS} for why the best step, not a fixed
     * one, and why the steps do not grow with x).
     *
     * <p>When {@code smooth} is false, a step at which the forward and backward differences disagree (a kink within
     * h along d, see {@link #KINK_TOLERANCE}) is not used, since there the gradient is only a subgradient; a point
     * with no such clean step is skipped, and if every point is skipped the verdict is a skip.
     */
    public static Verdict gradient(String check, ToDoubleFunction<INDArray> f, UnaryOperator<INDArray> gradient,
            boolean smooth, Function<SplittableRandom, INDArray> sampler, long seed, int tries) {
        Validate.atLeastOne(check, "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        Tolerance tol = GRADIENT_TOLERANCE;
        int examined = 0;
        for (int i = 0; i < tries; i++) {
            INDArray x = sampler.apply(rng);
            INDArray d = TestPoints.direction(rng, x.shape());
            try {
                double f0 = f.applyAsDouble(x);
                INDArray g = gradient.apply(x);
                double directional = Linalg.dot(g, d);
                Difference best = null;
                for (double h : FD_STEPS) {
                    Difference diff = Difference.of(f0, f.applyAsDouble(Linalg.combine(1, x, h, d)),
                            f.applyAsDouble(Linalg.combine(1, x, -h, d)), h);
                    if (!smooth && diff.kink()) {
                        continue;
                    }
                    double excess = diff.excess(directional, tol);
                    if (best == null || excess < best.excess(directional, tol)) {
                        best = diff;
                    }
                    if (excess <= 0) {
                        break;
                    }
                }
                if (best == null) {
                    continue;
                }
                examined++;
                if (!(best.excess(directional, tol) <= 0)) {
                    return Verdict.fail(check, examined, tol, seed,
                            "gradient disagrees with central finite differences at every step " + stepsText(),
                            "x = " + Linalg.print(x) + ", d = " + Linalg.print(d) + ", closest at h = " + best.h
                                    + ": <grad f(x), d> = " + directional + " but (f(x+hd) - f(x-hd))/2h = "
                                    + best.central + " (error " + Math.abs(directional - best.central)
                                    + ", allowed " + best.allowed(directional, tol) + ", gradient " + Linalg.print(g)
                                    + ")");
                }
            } catch (RuntimeException e) {
                return thrown(check, examined + 1, tol, seed, e, "x = " + Linalg.print(x));
            }
        }
        if (examined == 0) {
            return Verdict.skip(check, 0, tol, seed, "every one of " + tries
                    + " points was within every step h of a kink; finite differences do not apply");
        }
        return Verdict.pass(check, examined, tol, seed, "directional derivatives match central differences"
                + (examined < tries ? " (" + (tries - examined) + " points next to a kink skipped)" : ""));
    }

    /**
     * One central difference of a scalar function at step h, from {@code f(x)}, {@code f(x + h d)} and
     * {@code f(x - h d)}; shared with {@link ActivationChecks#derivative}.
     */
    record Difference(double h, double central, double forward, double backward, double noise) {
        static Difference of(double f0, double fPlus, double fMinus, double h) {
            double noise = FD_NOISE * (Math.abs(fPlus) + Math.abs(fMinus) + Math.abs(f0)) / h;
            return new Difference(h, (fPlus - fMinus) / (2 * h), (fPlus - f0) / h, (f0 - fMinus) / h, noise);
        }

        /** Forward and backward differences disagree beyond {@link #KINK_TOLERANCE} plus rounding: a kink within h. */
        boolean kink() {
            double gap = Math.abs(forward - backward);
            return !(gap <= KINK_TOLERANCE.slack(Math.abs(forward) + Math.abs(backward)) + noise);
        }

        /** The allowed error of a stated derivative against this difference. */
        double allowed(double stated, Tolerance tol) {
            return tol.slack(Math.abs(stated) + Math.abs(central)) + noise;
        }

        /** How far the stated derivative is beyond the allowed error (<= 0: agrees; NaN counts as +inf). */
        double excess(double stated, Tolerance tol) {
            double e = Math.abs(stated - central) - allowed(stated, tol);
            return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        }
    }

    static String stepsText() {
        return java.util.Arrays.toString(FD_STEPS);
    }

    /**
     * Optimality of a proximal map {@code u = prox(v, s) = argmin f(u) + (s/2)||u - v||^2}: u must beat
     * {@link #PROX_NEIGHBOURS} random neighbours on that objective, and satisfy the first-order condition, i.e.
     * {@code g = s (v - u)} is a subgradient of f at u (tested by the subgradient inequality on the neighbours and
     * on a far point), and, when {@code gradient} is non-null (smooth f), {@code ||grad f(u) + s (u - v)||} is
     * small. The reported residual widens these slacks (see {@link ProxMap#applyWithResidual}) and must itself be
     * within {@link #PROX_STATIONARITY_TOLERANCE} of {@code s ||v|| + ||s (v - u)||}.
     */
    public static Verdict proxOptimality(String check, ToDoubleFunction<INDArray> f, ProxMap prox,
            UnaryOperator<INDArray> gradient, Function<SplittableRandom, INDArray> sampler, long seed, int tries) {
        Validate.atLeastOne(check, "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        Tolerance tol = PROX_OPTIMALITY_TOLERANCE;
        for (int i = 0; i < tries; i++) {
            INDArray v = sampler.apply(rng);
            double s = STEPS[rng.nextInt(STEPS.length)];
            String where = "v = " + Linalg.print(v) + ", step = " + s;
            try {
                Point result = prox.applyWithResidual(v, s);
                INDArray u = result.point();
                double residual = Double.isFinite(result.residual()) ? Math.abs(result.residual()) : 0.0;
                if (!Linalg.allFinite(u)) {
                    return Verdict.fail(check, i + 1, tol, seed, "prox returned a non-finite point",
                            where + ": prox = " + Linalg.print(u));
                }
                where += ", prox u = " + Linalg.print(u);
                double fu = f.applyAsDouble(u);
                double objU = fu + s / 2 * sq(Linalg.distance(u, v));
                INDArray g = Linalg.combine(s, v, -s, u);
                double residualLimit = PROX_STATIONARITY_TOLERANCE.slack(s * Linalg.norm(v) + Linalg.norm(g));
                if (!(residual <= residualLimit)) {
                    // Otherwise a large reported residual would loosen every slack below: not an exact prox.
                    return Verdict.fail(check, i + 1, PROX_STATIONARITY_TOLERANCE, seed,
                            "the prox reports convergence with a residual too large for an exact prox",
                            where + ": reported residual " + residual + " > " + residualLimit);
                }
                double radius = Math.max(1.0, Linalg.norm(u));
                for (int k = 0; k <= PROX_NEIGHBOURS; k++) {
                    INDArray p = k < PROX_NEIGHBOURS
                            ? Linalg.combine(1, u, radius * Math.pow(10, -k), TestPoints.direction(rng, u.shape()))
                            : partner(rng, u);
                    double fp = f.applyAsDouble(p);
                    double objP = fp + s / 2 * sq(Linalg.distance(p, v));
                    double pu = Linalg.distance(p, u);
                    if (!tol.allowsAtMost(objU - residual * pu, objP, Math.abs(objU) + Math.abs(objP))) {
                        return Verdict.fail(check, i + 1, tol, seed, "prox point is not a minimizer",
                                where + ", neighbour p = " + Linalg.print(p) + ": f(u) + (s/2)||u-v||^2 = " + objU
                                        + " > f(p) + (s/2)||p-v||^2 = " + objP);
                    }
                    double linear = Linalg.dot(g, p.sub(u));
                    if (!PROX_STATIONARITY_TOLERANCE.allowsAtMost(fu + linear - residual * pu, fp,
                            Math.abs(fu) + Math.abs(fp) + Math.abs(linear))) {
                        return Verdict.fail(check, i + 1, PROX_STATIONARITY_TOLERANCE, seed,
                                "first-order condition fails: s (v - u) is not a subgradient of f at the prox point",
                                where + ", p = " + Linalg.print(p) + ": f(p) = " + fp + " < f(u) + <s (v - u), p - u> = "
                                        + (fu + linear));
                    }
                }
                if (gradient != null) {
                    INDArray gu = gradient.apply(u);
                    double gap = Linalg.norm(gu.sub(g));
                    double scale = Linalg.norm(gu) + Linalg.norm(g);
                    if (!(gap <= PROX_STATIONARITY_TOLERANCE.slack(scale) + residual)) {
                        return Verdict.fail(check, i + 1, PROX_STATIONARITY_TOLERANCE, seed,
                                "first-order condition fails: ||grad f(u) + s (u - v)|| is not small",
                                where + ": ||grad f(u) + s (u - v)|| = " + gap + " (reported residual " + residual
                                        + ", ||grad f(u)|| = "
                                        + Linalg.norm(gu) + ")");
                    }
                }
            } catch (RuntimeException e) {
                return thrown(check, i + 1, tol, seed, e, where);
            }
        }
        return Verdict.pass(check, tries, tol, seed, "the prox point minimizes f(u) + (s/2)||u - v||^2 against "
                + PROX_NEIGHBOURS + " neighbours and a far point per try, and s (v - u) is a subgradient there");
    }

    /**
     * Nonexpansiveness {@code ||prox(v1) - prox(v2)|| <= ||v1 - v2||} (firm nonexpansiveness of the prox of a
     * closed convex function implies it), on independent pairs and on nearby pairs, with one common step.
     */
    public static Verdict proxNonexpansive(String check, ProxMap prox, Function<SplittableRandom, INDArray> sampler,
            long seed, int tries) {
        Validate.atLeastOne(check, "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        Tolerance tol = NONEXPANSIVE_TOLERANCE;
        for (int i = 0; i < tries; i++) {
            INDArray v1 = sampler.apply(rng);
            INDArray v2 = i % 2 == 0 ? partner(rng, v1) : nearby(rng, v1);
            double s = STEPS[rng.nextInt(STEPS.length)];
            String where = "v1 = " + Linalg.print(v1) + ", v2 = " + Linalg.print(v2) + ", step = " + s;
            try {
                Point p1 = prox.applyWithResidual(v1, s);
                Point p2 = prox.applyWithResidual(v2, s);
                INDArray u1 = p1.point();
                INDArray u2 = p2.point();
                double out = Linalg.distance(u1, u2);
                double in = Linalg.distance(v1, v2);
                double inexact = (finiteAbs(p1.residual()) + finiteAbs(p2.residual())) / s;
                if (!tol.allowsAtMost(out - inexact, in, in)) {
                    return Verdict.fail(check, i + 1, tol, seed, "prox expands distances",
                            where + ": ||prox(v1) - prox(v2)|| = " + out + " > ||v1 - v2|| = " + in
                                    + " (prox(v1) = " + Linalg.print(u1) + ", prox(v2) = " + Linalg.print(u2) + ")");
                }
            } catch (RuntimeException e) {
                return thrown(check, i + 1, tol, seed, e, where);
            }
        }
        return Verdict.pass(check, tries, tol, seed, "||prox(v1) - prox(v2)|| <= ||v1 - v2|| on every pair");
    }

    /**
     * Lower-boundedness along rays: from a start x drawn by {@code sampler} along a random unit direction d,
     * {@code phi(r) = f(x + r d)} at {@code r = 10^k}, k in {@link #RAY_DECADES}. A convex phi is bounded below iff
     * its slope tends to a limit {@code >= 0}; its secant slopes {@code s_k} over each decade are nondecreasing, so
     * when they are still negative and not decaying at the far end (the last one at least {@link #RAY_SLOPE_RATIO}
     * times the one before) and the last step's decrease is beyond rounding ({@link #BOUNDED_BELOW_TOLERANCE} of
     * {@code |phi|} plus {@link #RAY_NOISE} times r), phi keeps falling at a linear rate: f is unbounded below (a linear loss, or one with a linear
     * direction of decrease). A bounded-below convex phi's slopes tend to 0 (softmax cross-entropy, hinge, along a
     * direction of recession) or turn positive. A decrease that slows to 0 but never stops (-log r) is not caught:
     * from finitely many values it looks like one that stops. The ray ends at the first non-finite value
     * (+inf or NaN at 1e12: not judged there); -inf fails.
     */
    public static Verdict boundedBelow(String check, ToDoubleFunction<INDArray> f,
            Function<SplittableRandom, INDArray> sampler, long seed, int tries) {
        Validate.atLeastOne(check, "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        Tolerance tol = BOUNDED_BELOW_TOLERANCE;
        for (int i = 0; i < tries; i++) {
            INDArray x = sampler.apply(rng);
            INDArray d = TestPoints.direction(rng, x.shape());
            String where = "x = " + Linalg.print(x) + ", d = " + Linalg.print(d);
            try {
                int n = RAY_DECADES.length;
                double[] r = new double[n];
                double[] phi = new double[n];
                int known = 0;
                for (int k = 0; k < n; k++) {
                    r[k] = Math.pow(10, RAY_DECADES[k]);
                    phi[k] = f.applyAsDouble(Linalg.combine(1, x, r[k], d));
                    if (phi[k] == Double.NEGATIVE_INFINITY) {
                        return Verdict.fail(check, i + 1, tol, seed, "R is unbounded below: -infinity on a ray",
                                where + ": f(x + r d) = -Infinity at r = " + r[k]);
                    }
                    if (!Double.isFinite(phi[k])) {
                        break;
                    }
                    known++;
                }
                if (known < 3) {
                    continue;
                }
                int k = known - 1;
                double last = (phi[k] - phi[k - 1]) / (r[k] - r[k - 1]);
                double before = (phi[k - 1] - phi[k - 2]) / (r[k - 1] - r[k - 2]);
                double decrease = phi[k - 1] - phi[k];
                if (last < 0 && before < 0 && last <= RAY_SLOPE_RATIO * before
                        && decrease > tol.slack(Math.abs(phi[k - 1]) + Math.abs(phi[k])) + RAY_NOISE * r[k]) {
                    return Verdict.fail(check, i + 1, tol, seed,
                            "R is unbounded below: it still falls at a linear rate at |r| = " + r[k],
                            where + ": f(x + r d) = " + phi[k - 2] + ", " + phi[k - 1] + ", " + phi[k] + " at r = "
                                    + r[k - 2] + ", " + r[k - 1] + ", " + r[k] + " (secant slopes " + before + ", "
                                    + last + ", f(x) = " + f.applyAsDouble(x) + ")");
                }
            } catch (RuntimeException e) {
                return thrown(check, i + 1, tol, seed, e, where);
            }
        }
        return Verdict.pass(check, tries, tol, seed, "f(x + r d) stops falling by r = 1e"
                + RAY_DECADES[RAY_DECADES.length - 1] + " on every ray (decrease slowing to 0 is not judged)");
    }

    /**
     * Subgradients at kinks through the prox identity {@code s in df(W) iff W = prox_{f/t}(W + s/t)} (for any
     * t > 0; Parikh and Boyd, Proximal Algorithms, 2014, section 3.1): random points rarely land on a kink, so the
     * points are the kinks themselves, drawn by {@code kinks} (exact zeros, prox outputs, where a prox is piecewise),
     * and each is tested at every step of {@link #STEPS}, scaled by {@code ||W|| + ||s|| / t}
     * ({@link #PROX_IDENTITY_TOLERANCE}). It needs the prox to be exact (checked by {@link #proxOptimality}).
     */
    public static Verdict subgradientByProx(String check, UnaryOperator<INDArray> subgradient, ProxMap prox,
            Function<SplittableRandom, INDArray> kinks, long seed, int tries) {
        Validate.atLeastOne(check, "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        Tolerance tol = PROX_IDENTITY_TOLERANCE;
        for (int i = 0; i < tries; i++) {
            INDArray w = kinks.apply(rng);
            String where = "W = " + Linalg.print(w);
            try {
                INDArray g = subgradient.apply(w);
                for (double t : STEPS) {
                    Point p = prox.applyWithResidual(Linalg.combine(1, w, 1 / t, g), t);
                    double gap = Linalg.distance(p.point(), w);
                    double allowed = tol.slack(Linalg.norm(w) + Linalg.norm(g) / t) + finiteAbs(p.residual()) / t;
                    if (!(gap <= allowed)) {
                        return Verdict.fail(check, i + 1, tol, seed,
                                "the subgradient is not in the subdifferential: W != prox_{f/t}(W + s/t)",
                                where + ", s = subgradient(W) = " + Linalg.print(g) + ", t = " + t
                                        + ": prox(W + s/t) = " + Linalg.print(p.point()) + ", ||prox(W + s/t) - W|| = "
                                        + gap + " > " + allowed);
                    }
                }
            } catch (RuntimeException e) {
                return thrown(check, i + 1, tol, seed, e, where);
            }
        }
        return Verdict.pass(check, tries, tol, seed,
                "W = prox_{f/t}(W + s/t) at every kink point and step t in " + java.util.Arrays.toString(STEPS));
    }

    /** A second, independent point of x's shape (a 2-D array), for pairs: {@link TestPoints#matrix}. */
    static INDArray partner(SplittableRandom rng, INDArray x) {
        return TestPoints.matrix(rng, x.rows(), x.columns());
    }

    /** x plus a random step of length {@code 10^-k max(1, ||x||)}, k uniform in 1..4. */
    static INDArray nearby(SplittableRandom rng, INDArray x) {
        double r = Math.max(1.0, Linalg.norm(x)) * Math.pow(10, -1 - rng.nextInt(4));
        return Linalg.combine(1, x, r, TestPoints.direction(rng, x.shape()));
    }

    static Verdict thrown(String check, int tries, Tolerance tol, long seed, RuntimeException e, String where) {
        return Verdict.fail(check, tries, tol, seed, "the component threw on a valid finite input",
                where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static double finiteAbs(double x) {
        return Double.isFinite(x) ? Math.abs(x) : 0.0;
    }

    private static double sq(double x) {
        return x * x;
    }
}
