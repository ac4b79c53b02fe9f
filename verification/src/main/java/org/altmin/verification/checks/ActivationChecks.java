package org.altmin.verification.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks of a {@link QuasilinearActivation} h against Assumption 3 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao,
 * arXiv:1811.04187, section 4.1): h is quasilinear, i.e. {@code min(h(x), h(w)) <= h(y) <= max(h(x), h(w))} for
 * {@code x < y < w} (on the real line: h is monotone), and against the preimage bounds that the z update
 * (equation 4) clips to: {@code [B1, B2]} must be exactly the set {@code {z : a - eps <= h(z) <= a + eps}}.
 *
 * <p>Sound: every z in [B1, B2], endpoints included (the z update clips to them, so the set must be closed), lies
 * in the band. Tight: points just outside a finite bound, and any z whose h(z) lies in the band, are not
 * wrongly excluded. Both are judged in h-space with {@link #BAND_TOLERANCE}: where h is flat to rounding (tanh
 * near saturation) a bound may move far in z without any visible effect on h(z), which is not an error.
 */
public final class ActivationChecks {
    /**
     * Quasilinearity: h(y) may leave {@code [min(h(x), h(w)), max(h(x), h(w))]} by this, scaled by {@code |h(y)|} plus
     * the bound it is compared with: rounding of h only.
     */
    public static final Tolerance QUASILINEAR_TOLERANCE = new Tolerance(1e-12, 1e-15);
    /** Membership of h(z) in the band {@code [a - eps, a + eps]}, scaled by {@code |a| + eps}. */
    public static final Tolerance BAND_TOLERANCE = new Tolerance(1e-9, 1e-12);
    /** Agreement of array and scalar forms, scaled by the magnitude of the two values. */
    public static final Tolerance ARRAY_TOLERANCE = new Tolerance(1e-9, 1e-12);

    /** Random triples per quasilinearity check (in addition to the deterministic {@link #grid()} sweep). */
    public static final int QUASILINEAR_TRIES = 500;
    /**
     * Sub-points per interval of the {@link #grid()} in the refined sweep ({@link #refinedViolation}): the grid step
     * on [-10, 10] is 0.005, the refined one 0.005 / 32 ~ 1.6e-4, so a non-monotone dip 1e-3 wide is sampled
     * about 6 times wherever it sits. About 140 000 evaluations of h per check.
     */
    public static final int REFINE_FACTOR = 32;
    /** Sign changes of the refined sweep's differences searched locally per check, the most prominent first. */
    public static final int SIGN_CHANGE_REFINEMENTS = 64;
    /** Golden-section steps per local search: the bracket shrinks by 0.618^60 ~ 3e-13 of a sub-step. */
    public static final int LOCAL_SEARCH_ITERATIONS = 60;
    /** (a, eps) draws per soundness or tightness check. */
    public static final int PREIMAGE_TRIES = 200;
    /** Points of [B1, B2] examined per soundness draw, besides the endpoints and the witness z0. */
    public static final int SOUNDNESS_SAMPLES = 8;
    /** Matrices per array-agreement check. */
    public static final int ARRAY_TRIES = 10;
    /** Rows and columns of the array-agreement matrices. */
    public static final int ARRAY_ROWS = 4;
    public static final int ARRAY_COLS = 6;

    /** eps values drawn by the preimage checks: tiny and 0 included, as DLAM's eps may be. */
    public static final double[] EPSILONS = {0.0, 1e-6, 1e-3, 0.1, 0.5, 1.0};
    /** Scalar edge points for activations: 0, kinks of common activations (0, +-1), saturation, +-large. */
    public static final double[] ACTIVATION_EDGES = {0.0, 1e-8, -1e-8, 1e-3, -1e-3, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0,
        10.0, -10.0, 1e3, -1e3, 1e6, -1e6};
    /** Points per derivative check. */
    public static final int DERIVATIVE_TRIES = 200;
    /** h'(z) against its central difference, scaled by {@code |h'(z)| + |difference|}, plus a rounding floor. */
    public static final Tolerance DERIVATIVE_TOLERANCE = new Tolerance(1e-5, 1e-8);

    /** Relative distance of the "just outside" points of the tightness check. */
    public static final double OUTSIDE_STEP = 1e-6;
    /** Where h is evaluated to decide whether it is bounded on a side (and where the checks' z stop). */
    public static final double LARGE = 1e12;
    /** How far beyond a bounded side of h's range the empty-preimage check puts a, relative to max(1, |h|). */
    public static final double EMPTY_GAP = 1.0;
    /**
     * The decades k at which {@link #saturation} evaluates {@code h(+-10^k)}. They stop at 1e15 so that
     * {@code 10^k} plus one is still a distinct double's neighbourhood, and start at 1e6, past the range where
     * activations (sigmoid, tanh, softsign) do their work.
     */
    static final int[] SATURATION_DECADES = {6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    /**
     * A side of h is bounded when its last decade's change {@code |h(10^15) - h(10^14)|} is within this (relative to
     * {@code max(1, |h|)}) and the changes shrink (see {@link #SATURATION_RATIO}). Exact equality,
     * {@code h(1e12) == h(1e15)}, reported a bounded softsign ({@code 1 - h(z) ~ 1/z}) as unbounded and skipped its
     * empty-preimage check; a convergence test sees it. 1e-6 is far below {@link #EMPTY_GAP}, so the limit estimate
     * is accurate enough to put a target safely beyond h's range.
     */
    public static final Tolerance SATURATION_TOLERANCE = new Tolerance(1e-6, 1e-6);
    /**
     * The change per decade must shrink by at least this factor over the last two decades, so the remaining tail
     * (a geometric series) is at most the last change: softsign shrinks by 10, a log-like h, unbounded, not at all.
     */
    public static final double SATURATION_RATIO = 0.5;

    private ActivationChecks() {}

    // ---------------------------------------------------------------- quasilinearity (Assumption 3)

    /**
     * Quasilinearity on a deterministic {@link #grid()} (every triple of it, in O(n) by prefix and suffix
     * extremes) and on {@code tries} random triples {@code x < y < w} from {@link #scalar}.
     */
    public static Verdict quasilinearity(QuasilinearActivation h, long seed, int tries) {
        Validate.atLeastOne("ActivationChecks", "tries", tries);
        String check = "activation.quasilinearity";
        Tolerance tol = QUASILINEAR_TOLERANCE;
        int examined = 0;
        try {
            Optional<String> onGrid = gridViolation(h, grid());
            if (onGrid.isPresent()) {
                return Verdict.fail(check, 1, tol, seed, "h is not quasilinear (not monotone) on the grid sweep",
                        onGrid.get());
            }
            Optional<String> refined = refinedViolation(h, grid(), new SplittableRandom(~seed));
            if (refined.isPresent()) {
                return Verdict.fail(check, 1, tol, seed, "h is not quasilinear (not monotone) on the refined sweep ("
                        + REFINE_FACTOR + " points per grid interval, local search where h's differences change sign)",
                        refined.get());
            }
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < tries; i++) {
                double[] t = {scalar(rng), scalar(rng), scalar(rng)};
                Arrays.sort(t);
                if (!(t[0] < t[1] && t[1] < t[2])) {
                    continue; // a tie carries no information, and is not counted as a passed triple
                }
                examined++;
                Optional<String> v = tripleViolation(h, t[0], t[1], t[2]);
                if (v.isPresent()) {
                    return Verdict.fail(check, examined, tol, seed, "h is not quasilinear", v.get());
                }
            }
        } catch (RuntimeException e) {
            return FunctionChecks.thrown(check, examined + 1, tol, seed, e, "evaluating h");
        }
        return Verdict.pass(check, examined, tol, seed, "min(h(x), h(w)) <= h(y) <= max(h(x), h(w)) on every triple of "
                + grid().length + " grid points, of the refined sweep (" + REFINE_FACTOR + " points per interval, "
                + "local search at up to " + SIGN_CHANGE_REFINEMENTS + " sign changes) and on " + examined
                + " random triples");
    }

    /** The violated inequality for {@code x < y < w}, if any. */
    public static Optional<String> tripleViolation(QuasilinearActivation h, double x, double y, double w) {
        if (!(x < y && y < w)) {
            throw new InvalidParameterException("ActivationChecks", "x, y, w",
                    "must satisfy x < y < w, found " + x + ", " + y + ", " + w);
        }
        double hx = h.apply(x);
        double hy = h.apply(y);
        double hw = h.apply(w);
        double lo = Math.min(hx, hw);
        double hi = Math.max(hx, hw);
        if (!beyond(lo, hy) && !beyond(hy, hi)) {
            return Optional.empty();
        }
        return Optional.of("x = " + x + " < y = " + y + " < w = " + w + ": h(x) = " + hx + ", h(y) = " + hy
                + ", h(w) = " + hw + " (h(y) outside [" + lo + ", " + hi + "])");
    }

    /**
     * The sorted sweep points: 4001 points on [-10, 10], +-10^k for k = -9..9 in steps of 0.1, and the
     * {@link #ACTIVATION_EDGES}.
     */
    public static double[] grid() {
        return GRID.clone();
    }

    private static final double[] GRID = buildGrid();

    private static double[] buildGrid() {
        TreeSet<Double> points = new TreeSet<>();
        for (int i = 0; i <= 4000; i++) {
            points.add(-10.0 + i * 0.005);
        }
        for (int k = -90; k <= 90; k++) {
            double p = Math.pow(10, k / 10.0);
            points.add(p);
            points.add(-p);
        }
        for (double e : ACTIVATION_EDGES) {
            points.add(e);
        }
        return points.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A violating triple of the sorted points, found in O(n) from running minima and maxima. */
    static Optional<String> gridViolation(QuasilinearActivation h, double[] sorted) {
        int n = sorted.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = h.apply(sorted[i]);
            if (Double.isNaN(v[i])) {
                return Optional.of("h(" + sorted[i] + ") = NaN");
            }
        }
        return new Sweep(sorted, v).violation(h);
    }

    /**
     * The refined sweep: every interval of the sorted grid gets {@link #REFINE_FACTOR} more points (at offsets
     * {@code (k + u) / REFINE_FACTOR} of the interval, k = 0..REFINE_FACTOR-1, u drawn once from rng), so a dip
     * narrower than the grid step (0.005 on [-10, 10]) but wider than the sub-step is sampled; then, where h's
     * consecutive differences change sign (a local extremum of the samples), a golden-section search between the
     * neighbours finds the extremum itself, and it is tested against the samples on either side. That catches a
     * violation whose samples miss its deepest point by more than {@link #QUASILINEAR_TOLERANCE}. At most
     * {@link #SIGN_CHANGE_REFINEMENTS} sign changes are searched, the most prominent first (the smaller of the two
     * opposite differences): rounding noise on a flat stretch changes sign too, with a tiny prominence.
     */
    static Optional<String> refinedViolation(QuasilinearActivation h, double[] sorted, SplittableRandom rng) {
        double u = 0.05 + 0.9 * rng.nextDouble();
        double[] x = new double[(sorted.length - 1) * (REFINE_FACTOR + 1) + 1];
        int m = 0;
        for (int i = 0; i + 1 < sorted.length; i++) {
            x[m++] = sorted[i];
            double width = sorted[i + 1] - sorted[i];
            for (int k = 0; k < REFINE_FACTOR; k++) {
                double p = sorted[i] + (k + u) / REFINE_FACTOR * width;
                if (p > x[m - 1] && p < sorted[i + 1]) {
                    x[m++] = p;
                }
            }
        }
        x[m++] = sorted[sorted.length - 1];
        x = Arrays.copyOf(x, m);
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = h.apply(x[i]);
            if (Double.isNaN(v[i])) {
                return Optional.of("h(" + x[i] + ") = NaN");
            }
        }
        Sweep sweep = new Sweep(x, v);
        Optional<String> sampled = sweep.violation(h);
        if (sampled.isPresent()) {
            return sampled;
        }
        // Sign changes of the differences, most prominent first.
        List<int[]> changes = new ArrayList<>();
        List<Double> prominence = new ArrayList<>();
        for (int j = 1; j + 1 < m; j++) {
            double left = v[j] - v[j - 1];
            double right = v[j + 1] - v[j];
            if ((left > 0 && right < 0) || (left < 0 && right > 0)) {
                changes.add(new int[] {j});
                prominence.add(Math.min(Math.abs(left), Math.abs(right)));
            }
        }
        Integer[] order = new Integer[changes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(prominence.get(b), prominence.get(a)));
        for (int r = 0; r < Math.min(order.length, SIGN_CHANGE_REFINEMENTS); r++) {
            int j = changes.get(order[r])[0];
            boolean peak = v[j] > v[j - 1];
            double[] best = localExtremum(h, x[j - 1], x[j + 1], x[j], v[j], peak);
            int left = peak ? sweep.prefMin[j] : sweep.prefMax[j];
            int right = peak ? sweep.sufMin[j] : sweep.sufMax[j];
            boolean violated = peak ? beyond(best[1], Math.max(v[left], v[right]))
                    : beyond(Math.min(v[left], v[right]), best[1]);
            if (violated && x[left] < best[0] && best[0] < x[right]) {
                return tripleViolation(h, x[left], best[0], x[right]);
            }
        }
        return Optional.empty();
    }

    /**
     * Golden-section search for the largest (peak) or smallest h in (lo, hi), starting from the sample (x0, h0):
     * the best point evaluated, {@code {x, h(x)}}, strictly inside (lo, hi).
     */
    private static double[] localExtremum(QuasilinearActivation h, double lo, double hi, double x0, double h0,
            boolean peak) {
        double sign = peak ? 1 : -1;
        double bestX = x0;
        double bestH = h0;
        double a = lo;
        double b = hi;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double hc = h.apply(c);
        double hd = h.apply(d);
        for (int it = 0; it < LOCAL_SEARCH_ITERATIONS && c < d; it++) {
            if (sign * hc > sign * bestH && c > lo && c < hi) {
                bestX = c;
                bestH = hc;
            }
            if (sign * hd > sign * bestH && d > lo && d < hi) {
                bestX = d;
                bestH = hd;
            }
            if (sign * hc >= sign * hd) {
                b = d;
                d = c;
                hd = hc;
                c = b - g * (b - a);
                hc = h.apply(c);
            } else {
                a = c;
                c = d;
                hc = hd;
                d = a + g * (b - a);
                hd = h.apply(d);
            }
        }
        return new double[] {bestX, bestH};
    }

    /** Sorted sample points with h's values and running extremes (indices): prefix over [0, i), suffix over (i, n). */
    private static final class Sweep {
        final double[] x;
        final double[] v;
        final int[] prefMin;
        final int[] prefMax;
        final int[] sufMin;
        final int[] sufMax;

        Sweep(double[] x, double[] v) {
            this.x = x;
            this.v = v;
            int n = x.length;
            prefMin = new int[n];
            prefMax = new int[n];
            for (int i = 1; i < n; i++) {
                prefMin[i] = v[i - 1] < v[prefMin[i - 1]] || i == 1 ? i - 1 : prefMin[i - 1];
                prefMax[i] = v[i - 1] > v[prefMax[i - 1]] || i == 1 ? i - 1 : prefMax[i - 1];
            }
            sufMin = new int[n];
            sufMax = new int[n];
            for (int i = n - 2; i >= 0; i--) {
                sufMin[i] = i == n - 2 || v[i + 1] < v[sufMin[i + 1]] ? i + 1 : sufMin[i + 1];
                sufMax[i] = i == n - 2 || v[i + 1] > v[sufMax[i + 1]] ? i + 1 : sufMax[i + 1];
            }
        }

        /** A violating triple of the samples, found in O(n) from the running minima and maxima. */
        Optional<String> violation(QuasilinearActivation h) {
            for (int j = 1; j < x.length - 1; j++) {
                // h(y) above both some left and some right value: a strict local maximum in the order sense.
                if (beyond(v[j], Math.max(v[prefMin[j]], v[sufMin[j]]))) {
                    return tripleViolation(h, x[prefMin[j]], x[j], x[sufMin[j]]);
                }
                if (beyond(Math.min(v[prefMax[j]], v[sufMax[j]]), v[j])) {
                    return tripleViolation(h, x[prefMax[j]], x[j], x[sufMax[j]]);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * {@code upper > lower} beyond rounding: by more than {@link #QUASILINEAR_TOLERANCE} of the two compared values
     * (not of the far witness: a dip of 1e-3 near 0.3 is no rounding error because h(1e9) = 1e9 is its right witness).
     */
    private static boolean beyond(double upper, double lower) {
        return upper - lower > QUASILINEAR_TOLERANCE.slack(Math.abs(upper) + Math.abs(lower));
    }

    // ---------------------------------------------------------------- preimage bounds (equation 4)

    /**
     * An attainable target: {@code a = h(z0) + u eps} with {@code |u| <= 0.9}, so that z0 lies in the preimage of
     * {@code [a - eps, a + eps]}. For {@code eps = 0}, z0 is redrawn until h(z0) is strictly inside h's range on
     * [-LARGE, LARGE] (a saturated value such as tanh(1e3) = 1.0 is attainable only through rounding).
     *
     * @return {@code {z0, a, eps}}
     */
    public static double[] attainableTarget(QuasilinearActivation h, SplittableRandom rng) {
        return attainableTarget(h, rng, EPSILONS[rng.nextInt(EPSILONS.length)]);
    }

    /** As {@link #attainableTarget(QuasilinearActivation, SplittableRandom)}, for a given eps. */
    public static double[] attainableTarget(QuasilinearActivation h, SplittableRandom rng, double eps) {
        double lo = Math.min(h.apply(-LARGE), h.apply(LARGE));
        double hi = Math.max(h.apply(-LARGE), h.apply(LARGE));
        double z0 = scalar(rng);
        for (int attempt = 0; eps == 0 && !(h.apply(z0) > lo && h.apply(z0) < hi) && attempt < 100; attempt++) {
            z0 = TestPoints.uniformAtScale(rng, 10.0);
        }
        double u = 1.8 * rng.nextDouble() - 0.9;
        return new double[] {z0, h.apply(z0) + u * eps, eps};
    }

    /**
     * Soundness: for attainable (a, eps), every z in [B1, B2] (both finite endpoints, the witness z0, and
     * {@link #SOUNDNESS_SAMPLES} more points, reaching out to {@link #LARGE} where a bound is infinite) satisfies
     * {@code a - eps <= h(z) <= a + eps} up to {@link #BAND_TOLERANCE}.
     */
    public static Verdict preimageSoundness(QuasilinearActivation h, long seed, int tries) {
        return overAttainableTargets("activation.preimageSoundness", h, seed, tries,
                (t, rng) -> soundnessViolation(h, t[1], t[2], rng),
                "[B1, B2] is not inside the preimage: the bounds are too wide (or not an interval)",
                "every sampled z in [B1, B2] has a - eps <= h(z) <= a + eps");
    }

    /** A violation finder for one attainable target {@code t = {z0, a, eps}}. */
    @FunctionalInterface
    private interface TargetViolation {
        Optional<String> find(double[] target, SplittableRandom rng);
    }

    /**
     * The loop shared by the soundness and tightness checks: draws {@code tries} attainable targets and fails with
     * the first violation, or with the exception the activation threw on valid input.
     */
    private static Verdict overAttainableTargets(String check, QuasilinearActivation h, long seed, int tries,
            TargetViolation violation, String failureDetail, String passDetail) {
        Validate.atLeastOne("ActivationChecks", "tries", tries);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            double[] t = attainableTarget(h, rng);
            try {
                Optional<String> v = violation.find(t, rng);
                if (v.isPresent()) {
                    return Verdict.fail(check, i + 1, BAND_TOLERANCE, seed, failureDetail, v.get());
                }
            } catch (RuntimeException e) {
                return FunctionChecks.thrown(check, i + 1, BAND_TOLERANCE, seed, e,
                        "a = " + t[1] + ", eps = " + t[2] + " (attainable: h(" + t[0] + ") = " + h.apply(t[0]) + ")");
            }
        }
        return Verdict.pass(check, tries, BAND_TOLERANCE, seed, passDetail);
    }

    /** The first point of [B1(a, eps), B2(a, eps)] outside the band, if any. */
    public static Optional<String> soundnessViolation(QuasilinearActivation h, double a, double eps,
            SplittableRandom rng) {
        double b1 = h.lowerBound(a, eps);
        double b2 = h.upperBound(a, eps);
        String bounds = "a = " + a + ", eps = " + eps + ": [B1, B2] = [" + b1 + ", " + b2 + "]";
        if (Double.isNaN(b1) || Double.isNaN(b2) || b1 > b2 || b1 == Double.POSITIVE_INFINITY
                || b2 == Double.NEGATIVE_INFINITY) {
            return Optional.of(bounds + " is not a nonempty interval, although the band is attainable");
        }
        List<Double> zs = new ArrayList<>();
        double lo = Double.isFinite(b1) ? b1 : Math.max(-LARGE, (Double.isFinite(b2) ? Math.min(b2, 0) : 0) - LARGE);
        double hi = Double.isFinite(b2) ? b2 : Math.min(LARGE, (Double.isFinite(b1) ? Math.max(b1, 0) : 0) + LARGE);
        zs.add(lo);
        zs.add(hi);
        for (int k = -3; k <= 9; k += 3) {
            double step = Math.pow(10, k);
            if (!Double.isFinite(b1)) {
                zs.add(hi - step);
            }
            if (!Double.isFinite(b2)) {
                zs.add(lo + step);
            }
        }
        for (int k = 0; k < SOUNDNESS_SAMPLES; k++) {
            zs.add(lo + rng.nextDouble() * (hi - lo));
        }
        double slack = BAND_TOLERANCE.slack(Math.abs(a) + eps);
        for (double z : zs) {
            if (z < b1 || z > b2) {
                continue;
            }
            double hz = h.apply(z);
            if (!(hz >= a - eps - slack && hz <= a + eps + slack)) {
                return Optional.of(bounds + ", z = " + z + " in it has h(z) = " + hz + " outside the band ["
                        + (a - eps) + ", " + (a + eps) + "]");
            }
        }
        return Optional.empty();
    }

    /**
     * Tightness: for attainable (a, eps), the witness z0 (whose h(z0) is in the band) is not excluded, and a point
     * just outside each finite bound ({@link #OUTSIDE_STEP} relative) does not lie inside the band by more than
     * {@link #BAND_TOLERANCE} — otherwise the bounds are too narrow and DLAM's z update is over-constrained.
     */
    public static Verdict preimageTightness(QuasilinearActivation h, long seed, int tries) {
        return overAttainableTargets("activation.preimageTightness", h, seed, tries,
                (t, rng) -> tightnessViolation(h, t[0], t[1], t[2]),
                "the bounds exclude points of the preimage: they are too narrow",
                "no point of the preimage is excluded, and points just outside finite bounds violate the band");
    }

    /** The first wrongly excluded point for attainable (a, eps) with witness z0, if any. */
    public static Optional<String> tightnessViolation(QuasilinearActivation h, double z0, double a, double eps) {
        double b1 = h.lowerBound(a, eps);
        double b2 = h.upperBound(a, eps);
        String bounds = "a = " + a + ", eps = " + eps + ": [B1, B2] = [" + b1 + ", " + b2 + "]";
        double slack = BAND_TOLERANCE.slack(Math.abs(a) + eps);
        // z0 outside [B1, B2] matters only where h(z0) differs visibly from h at the bound it is cut off by.
        if (z0 < b1 || z0 > b2) {
            double bound = z0 < b1 ? b1 : b2;
            double hb = Double.isFinite(bound) ? h.apply(bound) : Double.NaN;
            if (!(Math.abs(h.apply(z0) - hb) <= slack)) {
                return Optional.of(bounds + " excludes z0 = " + z0 + " with h(z0) = " + h.apply(z0)
                        + " in the band [" + (a - eps) + ", " + (a + eps) + "]");
            }
        }
        for (double bound : new double[] {b1, b2}) {
            if (!Double.isFinite(bound)) {
                continue;
            }
            double step = OUTSIDE_STEP * Math.max(1.0, Math.abs(bound));
            double z = bound == b1 ? b1 - step : b2 + step;
            double hz = h.apply(z);
            double inside = Math.min(hz - (a - eps), (a + eps) - hz);
            if (inside > slack) {
                return Optional.of(bounds + ", but z = " + z + " just outside has h(z) = " + hz
                        + ", inside the band [" + (a - eps) + ", " + (a + eps) + "] by " + inside);
            }
        }
        return Optional.empty();
    }

    /**
     * Where h is bounded on a side ({@link #saturation}: h(+-z) converges as z grows), a target a beyond that bound by
     * more than eps has an empty preimage; then lowerBound, upperBound and preimageBounds must each throw
     * {@link InvalidParameterException} rather than return a reversed or NaN interval. Skipped when h is unbounded on
     * both sides (no empty preimage exists).
     */
    public static Verdict emptyPreimageThrows(QuasilinearActivation h) {
        String check = "activation.emptyPreimage";
        Tolerance tol = SATURATION_TOLERANCE;
        List<double[]> targets = new ArrayList<>();
        for (double side : new double[] {-1, 1}) {
            java.util.OptionalDouble limit = saturation(h, side);
            if (limit.isPresent()) {
                double far = limit.getAsDouble();
                boolean isMax = far >= h.apply(-side * LARGE); // the saturated side is h's sup or inf
                for (double eps : EPSILONS) {
                    double gap = eps + EMPTY_GAP * Math.max(1.0, Math.abs(far));
                    targets.add(new double[] {isMax ? far + gap : far - gap, eps, far, side});
                }
            }
        }
        if (targets.isEmpty()) {
            return Verdict.skip(check, 0, tol, 0L, "h is unbounded on both sides (h(+-10^k) does not converge for k up to "
                    + SATURATION_DECADES[SATURATION_DECADES.length - 1] + "): every band is attainable");
        }
        for (double[] t : targets) {
            double a = t[0];
            double eps = t[1];
            String where = "a = " + a + ", eps = " + eps + " (beyond h's range: h(z) -> " + t[2] + " as z -> "
                    + (t[3] > 0 ? "+" : "-") + "infinity, by the convergence test)";
            String lower = outcome(() -> h.lowerBound(a, eps));
            String upper = outcome(() -> h.upperBound(a, eps));
            INDArray arrayA = Nd4j.valueArrayOf(new long[] {2, 2}, a, DataType.DOUBLE);
            String array = outcome(() -> {
                h.preimageBounds(arrayA, eps, arrayA.ulike(), arrayA.ulike());
                return Double.NaN;
            });
            if (!lower.equals(THREW) || !upper.equals(THREW) || !array.equals(THREW)) {
                return Verdict.fail(check, targets.indexOf(t) + 1, tol, 0L,
                        "an empty preimage must throw InvalidParameterException",
                        where + ": lowerBound " + lower + ", upperBound " + upper + ", preimageBounds " + array);
            }
        }
        return Verdict.pass(check, targets.size(), tol, 0L,
                "every empty preimage (a beyond a bounded side of h) throws InvalidParameterException");
    }

    /**
     * The limit of h at {@code side * infinity} if h converges there, by a convergence test on
     * {@code h(side * 10^k)}, k in {@link #SATURATION_DECADES}: the last change is within
     * {@link #SATURATION_TOLERANCE} and shrank by {@link #SATURATION_RATIO} from the one before (or is rounding, a few ulps);
     * empty when h diverges, oscillates or is not finite there.
     */
    public static java.util.OptionalDouble saturation(QuasilinearActivation h, double side) {
        int n = SATURATION_DECADES.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = h.apply(side * Math.pow(10, SATURATION_DECADES[i]));
            if (!Double.isFinite(v[i])) {
                return java.util.OptionalDouble.empty();
            }
        }
        double last = Math.abs(v[n - 1] - v[n - 2]);
        double before = Math.abs(v[n - 2] - v[n - 3]);
        boolean small = last <= SATURATION_TOLERANCE.slack(Math.max(1.0, Math.abs(v[n - 1])));
        boolean shrinking = last <= SATURATION_RATIO * before || last <= 4 * Math.ulp(v[n - 1]); // or rounding only
        return small && shrinking ? java.util.OptionalDouble.of(v[n - 1]) : java.util.OptionalDouble.empty();
    }

    private static final String THREW = "threw InvalidParameterException";

    private static String outcome(java.util.function.DoubleSupplier call) {
        try {
            return "returned " + call.getAsDouble();
        } catch (InvalidParameterException e) {
            return THREW;
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- derivative (used by the SGD baselines)

    /**
     * {@code derivative(z)} against the central difference {@code (h(z + d) - h(z - d)) / 2d} at the steps d of
     * {@link FunctionChecks#FD_STEPS} (absolute, not growing with |z|; the stated derivative must match at one of
     * them), for z from {@link #scalar} with {@code |z| <= 1e3}; a step at which forward and backward differences
     * disagree beyond {@link FunctionChecks#KINK_TOLERANCE} (a kink within d) is not used, and a point with no clean
     * step is skipped, since at a kink each implementation documents its own convention.
     */
    public static Verdict derivative(QuasilinearActivation h, long seed, int tries) {
        Validate.atLeastOne("ActivationChecks", "tries", tries);
        String check = "activation.derivative";
        Tolerance tol = DERIVATIVE_TOLERANCE;
        SplittableRandom rng = new SplittableRandom(seed);
        int examined = 0;
        for (int i = 0; i < tries; i++) {
            double z = scalar(rng);
            if (Math.abs(z) > 1e3) {
                continue;
            }
            try {
                double h0 = h.apply(z);
                double stated = h.derivative(z);
                FunctionChecks.Difference best = null;
                for (double d : FunctionChecks.FD_STEPS) {
                    FunctionChecks.Difference diff = FunctionChecks.Difference.of(h0, h.apply(z + d), h.apply(z - d), d);
                    if (diff.kink()) {
                        continue;
                    }
                    double excess = diff.excess(stated, tol);
                    if (best == null || excess < best.excess(stated, tol)) {
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
                if (!(best.excess(stated, tol) <= 0)) {
                    return Verdict.fail(check, examined, tol, seed,
                            "derivative disagrees with central differences at every step "
                                    + FunctionChecks.stepsText(),
                            "z = " + z + ": derivative(z) = " + stated + " but (h(z+d) - h(z-d))/2d = "
                                    + best.central() + " with d = " + best.h() + " (error "
                                    + Math.abs(stated - best.central()) + ", allowed " + best.allowed(stated, tol) + ")");
                }
            } catch (RuntimeException e) {
                return FunctionChecks.thrown(check, examined + 1, tol, seed, e, "z = " + z);
            }
        }
        if (examined == 0) {
            return Verdict.skip(check, 0, tol, seed, "every point drawn was next to a kink or beyond 1e3");
        }
        return Verdict.pass(check, examined, tol, seed, "derivative matches central differences away from kinks");
    }

    // ---------------------------------------------------------------- array vs scalar forms

    /**
     * The array forms {@code apply}, {@code derivative} and {@code preimageBounds} agree entrywise with the scalar
     * ones on {@link #ARRAY_ROWS} x {@link #ARRAY_COLS} DOUBLE matrices (z from {@link #scalar}, a attainable).
     */
    public static Verdict arrayAgreement(QuasilinearActivation h, long seed, int tries) {
        Validate.atLeastOne("ActivationChecks", "tries", tries);
        String check = "activation.arrayAgreement";
        Tolerance tol = ARRAY_TOLERANCE;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            double eps = EPSILONS[rng.nextInt(EPSILONS.length)];
            INDArray z = Nd4j.create(DataType.DOUBLE, ARRAY_ROWS, ARRAY_COLS);
            INDArray a = Nd4j.create(DataType.DOUBLE, ARRAY_ROWS, ARRAY_COLS);
            for (int r = 0; r < ARRAY_ROWS; r++) {
                for (int c = 0; c < ARRAY_COLS; c++) {
                    z.putScalar(r, c, scalar(rng));
                    a.putScalar(r, c, attainableTarget(h, rng, eps)[1]);
                }
            }
            try {
                INDArray hz = z.ulike();
                h.apply(z, hz);
                INDArray dz = z.ulike();
                h.derivative(z, dz);
                INDArray lower = a.ulike();
                INDArray upper = a.ulike();
                h.preimageBounds(a, eps, lower, upper);
                for (int r = 0; r < ARRAY_ROWS; r++) {
                    for (int c = 0; c < ARRAY_COLS; c++) {
                        double zi = z.getDouble(r, c);
                        double ai = a.getDouble(r, c);
                        String m = disagreement("apply", "z = " + zi, hz.getDouble(r, c), h.apply(zi));
                        m = m != null ? m : disagreement("derivative", "z = " + zi, dz.getDouble(r, c), h.derivative(zi));
                        String at = "a = " + ai + ", eps = " + eps;
                        m = m != null ? m : disagreement("lower bound", at, lower.getDouble(r, c), h.lowerBound(ai, eps));
                        m = m != null ? m : disagreement("upper bound", at, upper.getDouble(r, c), h.upperBound(ai, eps));
                        if (m != null) {
                            return Verdict.fail(check, i + 1, tol, seed, "array and scalar forms disagree",
                                    m + " (entry [" + r + ", " + c + "])");
                        }
                    }
                }
            } catch (RuntimeException e) {
                return FunctionChecks.thrown(check, i + 1, tol, seed, e,
                        "z = " + Linalg.print(z) + ", a = " + Linalg.print(a) + ", eps = " + eps);
            }
        }
        return Verdict.pass(check, tries, tol, seed, "apply, derivative and preimageBounds agree entrywise");
    }

    private static String disagreement(String what, String at, double array, double scalar) {
        boolean same = array == scalar
                || (Double.isFinite(array) && Double.isFinite(scalar)
                        && Math.abs(array - scalar) <= ARRAY_TOLERANCE.slack(Math.abs(array) + Math.abs(scalar)));
        return same ? null : what + " at " + at + ": array form " + array + ", scalar form " + scalar;
    }

    /** Every check above with its default try count. */
    public static List<Verdict> all(QuasilinearActivation h, long seed) {
        return List.of(
                quasilinearity(h, seed, QUASILINEAR_TRIES),
                preimageSoundness(h, seed, PREIMAGE_TRIES),
                preimageTightness(h, seed, PREIMAGE_TRIES),
                emptyPreimageThrows(h),
                arrayAgreement(h, seed, ARRAY_TRIES),
                derivative(h, seed, DERIVATIVE_TRIES));
    }

    /** One scalar for activations: a {@link #ACTIVATION_EDGES} value, a point next to one, or a random draw. */
    public static double scalar(SplittableRandom rng) {
        double u = rng.nextDouble();
        if (u < 0.2) {
            return ACTIVATION_EDGES[rng.nextInt(ACTIVATION_EDGES.length)];
        }
        if (u < 0.35) {
            double e = ACTIVATION_EDGES[rng.nextInt(ACTIVATION_EDGES.length)];
            return e + (rng.nextBoolean() ? 1 : -1) * TestPoints.NEAR_EDGE * Math.max(1.0, Math.abs(e));
        }
        return TestPoints.scalar(rng);
    }
}
