package org.altmin.losses;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.Params;
import org.altmin.api.ProxReport;
import org.altmin.api.Validate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The multiclass hinge loss of K. Crammer and Y. Singer (on the algorithmic implementation of multiclass
 * kernel-based vector machines, JMLR 2, 2001), summed over the samples (columns): with c_i the true class of
 * sample i,
 * <pre>
 *   R(z; y) = sum_i max(0, max_{j != c_i} (margin + z_ji - z_{c_i,i})).
 * </pre>
 * Only the most violating wrong class of each sample counts, unlike the one-vs-all {@link MulticlassHingeLoss}.
 * Convex and closed (Assumption 2 of DLAM, arXiv:1811.04187), not differentiable. y must be one-hot (checked).
 *
 * <p><b>Subgradient.</b> For a sample with positive loss, the set J of wrong classes attaining the max gives the
 * subdifferential {@code conv{e_j - e_c : j in J}}; {@link #gradient} returns its minimum-norm element
 * {@code (1/|J|) sum_{j in J} e_j - e_c}. For a sample with zero loss, 0 (the minimum-norm element whenever 0 is
 * in the subdifferential, which it is at zero loss).
 *
 * <p><b>Proximal map</b> (DLAM equation 5), exact, per column (this derivation is ours, in the manner of the
 * simplex projection of J. Duchi, S. Shalev-Shwartz, Y. Singer and T. Chandra, ICML 2008). Write
 * {@code delta_j = margin + v_j - v_c} for {@code j != c}. The optimality condition
 * {@code rho (v - u) in dR(u)} with {@code dR(u) = {sum_j lambda_j (e_j - e_c) : lambda >= 0, sum lambda <= 1}}
 * (weights only on the pieces attaining the max, including the zero piece when {@code sum lambda < 1}) gives
 * {@code u_j = v_j - (delta_j - tau)_+} for {@code j != c} and {@code u_c = v_c + Lambda / rho}, where
 * {@code Lambda = rho sum_j (delta_j - tau)_+} and tau solves
 * <ol>
 *   <li>{@code sum_j (delta_j - tau)_+ = tau} if that gives {@code Lambda = rho tau <= 1} (the loss at u is 0), else</li>
 *   <li>{@code sum_j (delta_j - tau)_+ = 1/rho} ({@code Lambda = 1}, the loss at u is positive).</li>
 * </ol>
 * Both are piecewise-linear equations {@code sum_j (delta_j - tau)_+ = a + b tau} with a decreasing left side.
 * With delta sorted decreasingly and {@code S_k} its partial sums, each prefix's root
 * {@code tau_k = (S_k - a) / (k + b)} is at most the solution (since {@code (x)_+ >= x}) and the active prefix
 * attains it, so {@code tau = max_k tau_k} (with {@code tau_0 = 0} for b = 1). No sort is needed: for each entry j
 * the set {@code {i : delta_i >= delta_j}} is such a prefix (whole tie groups included), and its count and sum
 * come from pairwise comparisons, one vectorized pass over all samples per class. All columns are solved at once,
 * exactly, with no iteration. (Case 1 with all {@code delta <= 0} gives tau = 0 and {@code u = v}.)
 *
 * <p><b>Not thread-safe:</b> an instance keeps four {@code classes x N} scratch arrays per shape and data type.
 * {@code out} may be {@code z} (in {@link #gradient}) or {@code v} (in {@link #prox}), not y.
 */
public final class CrammerSingerHingeLoss implements Loss {
    /** The registered name. */
    public static final String NAME = "crammer-singer";
    /** Default margin (parameter "margin"). */
    public static final double DEFAULT_MARGIN = 1.0;

    private static final String COMPONENT = "CrammerSingerHingeLoss";
    // Scratch slots: four matrices, five rows.
    private static final int DELTA = 0;
    private static final int COUNTS = 1;
    private static final int WORK = 2;
    private static final int SUMS = 3;
    private static final int ROW_A = 5;
    private static final int ROW_B = 6;
    private static final int ROW_C = 7;
    private static final int ROW_D = 8;
    private static final int ROW_COUNT = 9;

    private final double margin;
    private final Scratch scratch = new Scratch();

    /** The loss with the default margin 1. */
    public CrammerSingerHingeLoss() {
        this(DEFAULT_MARGIN);
    }

    /** @param margin the margin, {@code > 0} */
    public CrammerSingerHingeLoss(double margin) {
        this.margin = Validate.positive(COMPONENT, "margin", margin);
    }

    /** Builds the loss from parameter "margin". */
    public static CrammerSingerHingeLoss fromParams(Params params) {
        return new CrammerSingerHingeLoss(params.get("margin", DEFAULT_MARGIN));
    }

    public double margin() {
        return margin;
    }

    @Override
    public boolean isSmooth() {
        return false;
    }

    @Override
    public double value(INDArray z, INDArray y) {
        check("z", z, y);
        INDArray scores = marginScores(z, y, scratch.like(WORK, z));
        double best = Columns.max(scores, scratch.row(ROW_A, z)).sumNumber().doubleValue();
        double target = scores.assign(y).muli(z).sumNumber().doubleValue();
        return best - target;    // sum_i (max_j A_ji - z_ci), and A_ci = z_ci so each term is >= 0
    }

    @Override
    public void gradient(INDArray z, INDArray y, INDArray out) {
        check("z", z, y);
        Checks.like(COMPONENT, "out", out, z);
        Checks.notSame(COMPONENT, "out", out, "y", y);
        INDArray scores = marginScores(z, y, scratch.like(WORK, z));
        INDArray best = Columns.max(scores, scratch.row(ROW_A, z));
        INDArray active = Columns.sum(scores.assign(y).muli(z), scratch.row(ROW_B, z));   // z_c per column
        active.rsubi(best);                                             // loss per column, >= 0
        Transforms.sign(active, false);                                 // 1 where the loss is positive, else 0
        marginScores(z, y, scores).subiRowVector(best);                 // A - max <= 0, 0 on the maximizers
        Transforms.sign(scores, false).addi(1);                         // 1 on the maximizers, 0 elsewhere
        // Where the loss is positive the true class is not a maximizer (A_c = z_c < max).
        INDArray counts = Columns.sum(scores, scratch.row(ROW_COUNT, z));
        scores.diviRowVector(counts);                                   // uniform weights on the tied set J
        out.assign(scores).subi(y).muliRowVector(active);
    }

    @Override
    public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
        check("v", v, y);
        Validate.positive(COMPONENT, "rho", rho);
        Checks.like(COMPONENT, "out", out, v);
        Checks.notSame(COMPONENT, "out", out, "y", y);
        long classes = v.rows();
        INDArray delta = scratch.like(DELTA, v);
        INDArray work = scratch.like(WORK, v);
        INDArray counts = scratch.like(COUNTS, v);
        INDArray sums = scratch.like(SUMS, v);
        INDArray row = scratch.row(ROW_A, v);

        // delta = margin + v - v_c (0 on the true class for now)
        Columns.sum(work.assign(y).muli(v), row);
        delta.assign(v).subiRowVector(row).addi(margin);
        Nd4j.exec(new Axpy(y, delta, delta, -margin));
        // Push the true class below every wrong class: delta_c = -(max_j |delta_j| + 1). It then never counts
        // for a wrong class's prefix, its own prefix's root is far below tau, and (delta_c - tau)_+ = 0.
        Columns.amax(delta, row).addi(1);
        delta.subi(work.assign(y).muliRowVector(row));

        // For every entry j: counts_j = #{i : delta_i >= delta_j}, sums_j = sum of those delta_i (a prefix of
        // the column sorted decreasingly). One pass per class i over all samples; no sort.
        counts.assign(0);
        sums.assign(0);
        for (long i = 0; i < classes; i++) {
            INDArray deltaI = delta.getRow(i, true);
            work.assign(delta).rsubiRowVector(deltaI);       // delta_i - delta_j
            Transforms.sign(work, false).addi(1);            // 0 below, 1 on ties, 2 above
            Transforms.min(work, 1.0, false);                // [delta_i >= delta_j]
            counts.addi(work);
            sums.addi(work.muliRowVector(deltaI));
        }
        // Case 1: tau_0 = max(0, max_j sums_j / (counts_j + 1)).
        INDArray tauZero = Columns.max(work.assign(counts).addi(1).rdivi(sums), scratch.row(ROW_B, v));
        Transforms.max(tauZero, 0.0, false);
        // Case 2: tau_1 = max_j (sums_j - 1/rho) / counts_j (counts_j >= 1: j counts itself).
        INDArray tauOne = Columns.max(work.assign(counts).rdivi(sums.subi(1 / rho)), scratch.row(ROW_C, v));

        // Case 1 holds where rho tau_0 <= 1; there Lambda = rho tau_0, else Lambda = 1 and tau = tau_1.
        INDArray lambda = scratch.row(ROW_D, v).assign(tauZero).muli(rho);
        INDArray useOne = row.assign(lambda).rsubi(1);    // 1 - rho tau_0: negative where case 2 holds
        // 1 where case 2 holds, 0 where case 1 holds; 1/2 at rho tau_0 = 1, where tau_0 solves both equations
        // (tau_1 = tau_0), so the blend below is exact there too.
        Transforms.sign(useOne, false).subi(1).muli(-0.5);
        Transforms.min(lambda, 1.0, false);
        INDArray tau = tauOne.subi(tauZero).muli(useOne).addi(tauZero);

        // u = v - (delta - tau)_+ + y Lambda / rho
        delta.subiRowVector(tau);
        Transforms.relu(delta, false);
        v.sub(delta, out);
        out.addi(work.assign(y).muliRowVector(lambda.divi(rho)));
        return ProxReport.EXACT;
    }

    /** {@code A = z + margin (1 - y)}: the scores that the max runs over; A_c = z_c. */
    private INDArray marginScores(INDArray z, INDArray y, INDArray into) {
        into.assign(z).addi(margin);
        Nd4j.exec(new Axpy(y, into, into, -margin));
        return into;
    }

    /** Shapes, and y one-hot: entries 0 or 1, one 1 per column. Uses the WORK and ROW_A scratch arrays. */
    private void check(String name, INDArray z, INDArray y) {
        Checks.matrix(COMPONENT, name, z);
        Checks.like(COMPONENT, "y", y, z);
        INDArray signs = scratch.like(WORK, y).assign(y).muli(2).subi(1);
        INDArray ones = Columns.sum(y, scratch.row(ROW_A, y));
        if (BooleanIndexing.or(signs, Conditions.absLessThan(1.0)) || BooleanIndexing.or(signs, Conditions.absGreaterThan(1.0))
                || BooleanIndexing.or(signs, Conditions.isNan()) || ones.minNumber().doubleValue() != 1
                || ones.maxNumber().doubleValue() != 1) {
            throw new InvalidParameterException(COMPONENT, "y", "must be one-hot (entries 0 or 1, one 1 per column)");
        }
    }

    @Override
    public String toString() {
        return NAME + "(margin=" + margin + ")";
    }
}
