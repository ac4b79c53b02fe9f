package org.altmin.verification.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Coercivity along rays: {@code f(x0 + s d) -> +inf} as {@code s -> inf}, probed at {@code s = RAY_START *
 * RAY_GROWTH^k}, {@code k = 0..RAY_STEPS-1}, along random unit directions d (and any directions the caller adds).
 * A ray passes when its last {@link #TAIL} values increase strictly (or reach +inf) and the last one exceeds
 * {@code f(x0) + RISE max(1, |f(x0)|)}. This is a necessary condition only: a finite probe cannot prove a limit.
 *
 * <p>Assumption 1 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187, section 4.1) asks the whole
 * objective F to be coercive in each block (multi-coercivity), not the risk R alone. The softmax cross-entropy, for
 * example, is <em>not</em> coercive: {@code R(z + s 1; y) = R(z; y)} for the all-ones direction 1 (softmax is
 * shift invariant), and it decreases along {@code s y}. In DLAM's F the coupling term
 * {@code (rho/2)||z_L - W_L a_{L-1} - b_L||^2} makes F coercive in z_L; the regularizers Omega_l make it coercive in
 * W_l. So apply this check to F restricted to one block, or to R plus the coupling term, not to R by itself.
 */
public final class CoercivityCheck {
    /** Random directions per check. */
    public static final int RAYS = 8;
    /** Probe points per ray. */
    public static final int RAY_STEPS = 12;
    /** First step length. */
    public static final double RAY_START = 1.0;
    /** Ratio of successive step lengths (the last is {@code 4^11 ~ 4e6}). */
    public static final double RAY_GROWTH = 4.0;
    /** Probe values at the end of a ray that must increase strictly. */
    public static final int TAIL = 4;
    /** The last value must exceed {@code f(x0)} by this much, relative to {@code max(1, |f(x0)|)}. */
    public static final double RISE = 1.0;

    private CoercivityCheck() {}

    /** Along {@link #RAYS} random directions from x0. */
    public static Verdict alongRays(String name, ToDoubleFunction<INDArray> f, INDArray x0, long seed) {
        return alongRays(name, f, x0, List.of(), seed, RAYS);
    }

    /**
     * Along {@code extraDirections} (e.g. the all-ones direction, a known weak spot) and then {@code rays} random
     * unit directions from x0.
     */
    public static Verdict alongRays(String name, ToDoubleFunction<INDArray> f, INDArray x0,
            List<INDArray> extraDirections, long seed, int rays) {
        if (x0 == null) {
            throw InvalidParameterException.of("CoercivityCheck", "x0", "null", "an array");
        }
        if (rays < 0) {
            throw InvalidParameterException.of("CoercivityCheck", "rays", rays, ">= 0");
        }
        String check = "coercivity(" + name + ")";
        Tolerance tol = new Tolerance(0, 0);
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray start = Linalg.toDouble(x0);
        List<INDArray> directions = new ArrayList<>();
        for (INDArray d : extraDirections) {
            Validate.sameShape("CoercivityCheck", "direction", d, start);
            double norm = Linalg.norm(d);
            Validate.positive("CoercivityCheck", "||direction||", norm);
            directions.add(Linalg.toDouble(d).div(norm));
        }
        for (int r = 0; r < rays; r++) {
            directions.add(TestPoints.direction(rng, start.shape()));
        }
        if (directions.isEmpty()) {
            throw InvalidParameterException.of("CoercivityCheck", "rays + extraDirections", 0, ">= 1");
        }
        double f0 = f.applyAsDouble(start);
        for (int r = 0; r < directions.size(); r++) {
            INDArray d = directions.get(r);
            double[] s = new double[RAY_STEPS];
            double[] v = new double[RAY_STEPS];
            for (int k = 0; k < RAY_STEPS; k++) {
                s[k] = RAY_START * Math.pow(RAY_GROWTH, k);
                v[k] = f.applyAsDouble(Linalg.combine(1, start, s[k], d));
            }
            String problem = rayProblem(f0, v);
            if (problem != null) {
                StringBuilder values = new StringBuilder();
                for (int k = 0; k < RAY_STEPS; k++) {
                    values.append(k == 0 ? "" : ", ").append("f(x0 + ").append(s[k]).append(" d) = ").append(v[k]);
                }
                return Verdict.fail(check, r + 1, tol, seed, "f does not grow without bound along a ray: " + problem,
                        "x0 = " + Linalg.print(start) + ", d = " + Linalg.print(d) + ", f(x0) = " + f0 + "; " + values);
            }
        }
        return Verdict.pass(check, directions.size(), tol, seed, "f(x0 + s d) increases up to s = "
                + RAY_START * Math.pow(RAY_GROWTH, RAY_STEPS - 1) + " along every ray");
    }

    private static String rayProblem(double f0, double[] v) {
        for (double x : v) {
            if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
                return "a value is NaN or -inf";
            }
        }
        int n = v.length;
        for (int k = n - TAIL + 1; k < n; k++) {
            boolean rising = v[k] > v[k - 1] || v[k] == Double.POSITIVE_INFINITY;
            if (!rising) {
                return "values stop increasing at the end of the ray";
            }
        }
        if (!(v[n - 1] >= f0 + RISE * Math.max(1.0, Math.abs(f0)))) {
            return "the last value does not exceed f(x0) by " + RISE + " max(1, |f(x0)|)";
        }
        return null;
    }
}
