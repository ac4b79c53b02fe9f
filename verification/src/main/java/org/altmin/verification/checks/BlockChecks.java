package org.altmin.verification.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockTrial;
import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contracts of one block update of an alternating-minimization method, on the small random problems of a
 * {@link BlockTrial} source (for DLAM, {@code org.altmin.solvers.dlam.DlamBlockTrials}), all in DOUBLE. With F
 * restricted to the block's variable written {@code phi + g} (the trial's smooth gradient and prox), x^k before and
 * x^{k+1} after the update, and c the modulus the block reports ({@link BlockStep#modulus()}):
 * <ul>
 *   <li>{@value #DESCENT}: Lemma 3 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187), the block's own
 *       sufficient decrease {@code F(x^k) - F(x^{k+1}) >= (c/2) s} with s the squared step the block reports (for a
 *       block without a modulus, NaN: {@code F(x^{k+1}) <= F(x^k)}); slack {@link #DESCENT_TOLERANCE} times
 *       {@code |F(x^k)| + |F(x^{k+1})|}. This is what the run-time monitor of Property 2 sums, so a block that
 *       passes here cannot be hidden behind the other blocks' extra descent at run time, nor caught only there.</li>
 *   <li>{@value #OPTIMALITY}: Lemma 1, the optimality condition of the block's subproblem, in either of its two
 *       forms: a proximal-linear step with the reported c, {@code x^{k+1} = prox_{g/c}(x^k - grad phi(x^k)/c)}
 *       (DLAM's W and a blocks, equations 1 and 6; also b, z and z_L, whose phi is a quadratic of curvature c), or
 *       an exact block minimizer, {@code x^{k+1} = prox_{g/t}(x^{k+1} - grad phi(x^{k+1})/t)} for t = c (1 without
 *       a modulus), i.e. {@code 0 in grad phi(x^{k+1}) + dg(x^{k+1})} (an exact W block). The residual
 *       {@code ||x^{k+1} - prox(...)||} must be at most {@link #OPTIMALITY_TOLERANCE} at the scale
 *       {@code ||x^{k+1}|| + ||x^k|| + ||grad phi||/c}. A step that hit its backtracking cap ({@code fallback}) kept
 *       x^k and is not held to it.</li>
 *   <li>{@value #STEP_REPORT}: the reported squared step is {@code ||x^{k+1} - x^k||^2}
 *       ({@link #STEP_TOLERANCE}, relative to it), since both monitors and Lemma 3 trust it.</li>
 *   <li>{@value #INVARIANTS}: the method's own invariants after the update ({@link BlockTrial#invariantViolation}:
 *       for DLAM the product cache {@code W_l a_{l-1}}).</li>
 * </ul>
 * Every check runs the same {@code tries} trials, drawn with seeds from a {@link SplittableRandom} of the check's
 * seed; the counterexample names the trial (its problem, layer, parameters and seed) and the numbers on both sides.
 */
public final class BlockChecks {
    /** Check names. */
    public static final String DESCENT = "block.descent";
    public static final String OPTIMALITY = "block.optimality";
    public static final String STEP_REPORT = "block.stepReport";
    public static final String INVARIANTS = "block.invariants";

    /** Trials per check (each check reads every trial). */
    public static final int TRIES = 40;
    /** Lemma 3's slack, relative to {@code |F(x^k)| + |F(x^{k+1})|}: rounding of F's sums only. */
    public static final Tolerance DESCENT_TOLERANCE = new Tolerance(1e-9, 1e-12);
    /**
     * Lemma 1's residual, relative to {@code ||x^{k+1}|| + ||x^k|| + ||grad phi||/c}: rounding, and an iterative prox
     * (the cross-entropy's Newton prox) solved to its own tolerance.
     */
    public static final Tolerance OPTIMALITY_TOLERANCE = new Tolerance(1e-7, 1e-10);
    /** Reported against actual squared step, relative to the actual one. */
    public static final Tolerance STEP_TOLERANCE = new Tolerance(1e-8, 1e-14);

    private BlockChecks() {}

    /** The four checks of one block on {@link #TRIES} trials. */
    public static List<Verdict> all(LongFunction<BlockTrial> trials, long seed) {
        return all(trials, seed, TRIES);
    }

    /** {@link #DESCENT}, {@link #OPTIMALITY}, {@link #STEP_REPORT} and {@link #INVARIANTS}, on the same tries. */
    public static List<Verdict> all(LongFunction<BlockTrial> trials, long seed, int tries) {
        if (trials == null) {
            throw InvalidParameterException.of("BlockChecks", "trials", "null", "a source of block trials");
        }
        if (tries < 1) {
            throw InvalidParameterException.of("BlockChecks", "tries", tries, ">= 1");
        }
        Tally descent = new Tally(DESCENT, DESCENT_TOLERANCE, seed);
        Tally optimality = new Tally(OPTIMALITY, OPTIMALITY_TOLERANCE, seed);
        Tally step = new Tally(STEP_REPORT, STEP_TOLERANCE, seed);
        Tally invariants = new Tally(INVARIANTS, new Tolerance(0, 0), seed);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            BlockTrial trial = trials.apply(rng.nextLong());
            INDArray x0 = Linalg.toDouble(trial.point());
            INDArray g0 = Linalg.toDouble(trial.smoothGradient());
            double f0 = trial.objective();
            BlockStep s = trial.update();
            INDArray x1 = Linalg.toDouble(trial.point());
            INDArray g1 = Linalg.toDouble(trial.smoothGradient());
            double f1 = trial.objective();
            double actualSq = Math.pow(Linalg.distance(x1, x0), 2);
            double c = s.modulus();
            boolean hasModulus = Double.isFinite(c) && c > 0;
            String where = trial.description() + "; reported " + s;

            // Lemma 3
            double lhs = f0 - f1;
            double rhs = hasModulus ? 0.5 * c * s.stepSquared() : 0.0;
            double slack = DESCENT_TOLERANCE.slack(Math.abs(f0) + Math.abs(f1));
            if (!Double.isFinite(f0)) {
                descent.notChecked();
            } else if (!Double.isFinite(f1) || !(lhs >= rhs - slack)) {
                descent.fail("F(before) - F(after) = " + lhs + " < (c/2) ||step||^2 = " + rhs + " (c = " + c
                        + ", F before " + f0 + ", after " + f1 + ", shortfall " + (rhs - lhs) + ", slack " + slack
                        + "); " + where);
            } else {
                descent.pass(rhs > 0 ? (lhs - rhs) / rhs : Double.NaN);
            }

            // reported step
            if (!(Math.abs(s.stepSquared() - actualSq) <= STEP_TOLERANCE.slack(actualSq))) {
                step.fail("reported squared step " + s.stepSquared() + " != ||x^{k+1} - x^k||^2 = " + actualSq
                        + "; " + where);
            } else {
                step.pass(Double.NaN);
            }

            // Lemma 1
            if (s.fallback()) {
                optimality.notChecked();
            } else {
                double t = hasModulus ? c : 1.0;
                double linear = Double.POSITIVE_INFINITY;
                double linearScale = 0;
                if (hasModulus) {
                    INDArray p = Linalg.toDouble(trial.prox(Linalg.combine(1, x0, -1 / c, g0), c));
                    linear = Linalg.distance(x1, p);
                    linearScale = Linalg.norm(x1) + Linalg.norm(x0) + Linalg.norm(g0) / c;
                }
                INDArray q = Linalg.toDouble(trial.prox(Linalg.combine(1, x1, -1 / t, g1), t));
                double exact = Linalg.distance(x1, q);
                double exactScale = Linalg.norm(x1) + Linalg.norm(x0) + Linalg.norm(g1) / t;
                boolean linearOk = linear <= OPTIMALITY_TOLERANCE.slack(linearScale);
                boolean exactOk = exact <= OPTIMALITY_TOLERANCE.slack(exactScale);
                if (linearOk || exactOk) {
                    optimality.pass(Double.NaN);
                } else {
                    optimality.fail("x^{k+1} is neither the prox-linear point of the reported modulus, ||x^{k+1} - "
                            + "prox_{g/c}(x^k - grad phi(x^k)/c)|| = " + linear + " (allowed "
                            + OPTIMALITY_TOLERANCE.slack(linearScale) + "), nor a block minimizer, ||x^{k+1} - "
                            + "prox_{g/t}(x^{k+1} - grad phi(x^{k+1})/t)|| = " + exact + " at t = " + t + " (allowed "
                            + OPTIMALITY_TOLERANCE.slack(exactScale) + "); " + where);
                }
            }

            Optional<String> broken = trial.invariantViolation();
            if (broken.isPresent()) {
                invariants.fail(broken.get() + "; " + where);
            } else {
                invariants.pass(Double.NaN);
            }
        }
        return List.of(
                descent.verdict("F(x^k) - F(x^{k+1}) >= (c/2)||x^{k+1} - x^k||^2 with the block's own modulus"
                        + " (Lemma 3)"),
                optimality.verdict("x^{k+1} satisfies the optimality condition of the block's subproblem"
                        + " (Lemma 1; prox-linear with the reported modulus, or exact)"),
                step.verdict("the reported squared step is ||x^{k+1} - x^k||^2"),
                invariants.verdict("the method's invariants hold after the update"));
    }

    /** Counts of one check over the tries; the first failure is kept. */
    private static final class Tally {
        private final String check;
        private final Tolerance tolerance;
        private final long seed;
        private int tried;
        private int notChecked;
        private int failures;
        private String first;
        private int firstAt;
        private double minMargin = Double.POSITIVE_INFINITY;

        Tally(String check, Tolerance tolerance, long seed) {
            this.check = check;
            this.tolerance = tolerance;
            this.seed = seed;
        }

        void pass(double margin) {
            tried++;
            if (!Double.isNaN(margin)) {
                minMargin = Math.min(minMargin, margin);
            }
        }

        void notChecked() {
            notChecked++;
        }

        void fail(String counterexample) {
            tried++;
            failures++;
            if (first == null) {
                first = counterexample;
                firstAt = tried + notChecked;
            }
        }

        Verdict verdict(String what) {
            String skipped = notChecked == 0 ? "" : " (" + notChecked + " tries not held to it: a fallback step or"
                    + " an infeasible start)";
            if (failures > 0) {
                return Verdict.fail(check, tried, tolerance, seed, failures + " of " + tried + " tries violate: "
                        + what + skipped + "; first at try " + firstAt, first);
            }
            if (tried == 0) {
                return Verdict.skip(check, 0, tolerance, seed, "no try applied" + skipped);
            }
            String margin = minMargin < Double.POSITIVE_INFINITY ? ", smallest relative margin " + minMargin : "";
            return Verdict.pass(check, tried, tolerance, seed, what + " on every try" + margin + skipped);
        }
    }
}
