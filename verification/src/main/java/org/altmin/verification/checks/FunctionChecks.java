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

    /** Central-difference step, relative to {@code max(1, max|x|)}. */
    public static final double FD_STEP = 1e-6;
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
     * {@code <grad f(x), d> ~ (f(x + h d) - f(x - h d)) / 2h} with {@code h = FD_STEP max(1, max|x|)}.
     *
     * <p>When {@code smooth} is false, points where the forward and backward differences disagree (a kink within
     * h along d, see {@link #KINK_TOLERANCE}) are skipped, since there the gradient is only a subgradient; if every
     * point is skipped the verdict is a skip.
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
            double h = FD_STEP * Math.max(1.0, Linalg.maxAbs(x));
            try {
                double f0 = f.applyAsDouble(x);
                double fPlus = f.applyAsDouble(Linalg.combine(1, x, h, d));
                double fMinus = f.applyAsDouble(Linalg.combine(1, x, -h, d));
                double forward = (fPlus - f0) / h;
                double backward = (f0 - fMinus) / h;
                double noise = FD_NOISE * (Math.abs(fPlus) + Math.abs(fMinus) + Math.abs(f0)) / h;
                if (!smooth && Math.abs(forward - backward)
                        > KINK_TOLERANCE.slack(Math.abs(forward) + Math.abs(backward)) + noise) {
                    continue;
                }
                examined++;
                double central = (fPlus - fMinus) / (2 * h);
                INDArray g = gradient.apply(x);
                double directional = Linalg.dot(g, d);
                double error = Math.abs(directional - central);
                if (!(error <= tol.slack(Math.abs(directional) + Math.abs(central)) + noise)) {
                    return Verdict.fail(check, examined, tol, seed,
                            "gradient disagrees with central finite differences",
                            "x = " + Linalg.print(x) + ", d = " + Linalg.print(d) + ", h = " + h
                                    + ": <grad f(x), d> = " + directional + " but (f(x+hd) - f(x-hd))/2h = " + central
                                    + " (error " + error + ", gradient " + Linalg.print(g) + ")");
                }
            } catch (RuntimeException e) {
                return thrown(check, examined + 1, tol, seed, e, "x = " + Linalg.print(x));
            }
        }
        if (examined == 0) {
            return Verdict.skip(check, 0, tol, seed,
                    "every one of " + tries + " points was within h of a kink; finite differences do not apply");
        }
        return Verdict.pass(check, examined, tol, seed, "directional derivatives match central differences"
                + (examined < tries ? " (" + (tries - examined) + " points next to a kink skipped)" : ""));
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
