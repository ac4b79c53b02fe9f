package org.altmin.losses;

import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.Params;
import org.altmin.api.ProxReport;
import org.altmin.api.Validate;
import org.altmin.api.kernels.Segments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The softmax cross-entropy risk of DLAM's classification experiments (J. Wang, F. Yu, X. Chen and L. Zhao, deep
 * learning alternating minimization, arXiv:1811.04187), summed over the samples (columns):
 * <pre>
 *   R(z; y) = sum_i [ logsumexp(z_:,i) - &lt;y_:,i, z_:,i&gt; ],
 * </pre>
 * which equals {@code -sum_i sum_j y_ji log softmax(z_:,i)_j} when each column of y sums to 1 (one-hot labels, or
 * soft labels that are probability vectors: the caller's precondition, not checked on the hot path). It is
 * convex and smooth in z (Assumption 2), with gradient {@code softmax(z) - y} and per-column Hessian
 * {@code diag(p) - p p^T} of spectral norm {@code <= 1/2}.
 *
 * <p><b>Numerics.</b> Every logsumexp and softmax subtracts the column maximum first, so {@code exp} never
 * overflows and no {@code log} sees 0 (no small constant is added inside a log): logits of magnitude {@code 1e4}
 * are fine in FLOAT. The value is computed as
 * {@code sum_i [log sum_j exp(z_ji - m_i) - <y_:,i, z_:,i - m_i> + m_i (1 - sum_j y_ji)]} with {@code m} the
 * column maxima, so the large maxima cancel exactly instead of being summed and subtracted again; the last term
 * is 0 for probability-vector labels and keeps the value equal to R for any y.
 *
 * <p><b>Proximal map</b> (DLAM equation 5): {@code argmin_u f(u)}, {@code f(u) = R(u; y) + (rho/2)||u - v||^2},
 * has no closed form. It decouples over the columns, and each column is solved by a damped Newton method whose
 * Hessian {@code diag(p) - p p^T + rho I} is inverted in {@code O(classes)} by Sherman-Morrison
 * ({@link SoftmaxProxNewton}, which cites the method): quadratic convergence, so from DLAM's warm starts a column
 * typically needs two or three gradient evaluations (CrossEntropyProxBench, 10 x 60000 FLOAT, rho = 0.01, 2 cores
 * under load 3: warm after v moved by 0.01, 3 evaluations in 19-30 ms; cold from v, 20 in ~100 ms). It replaced FISTA (A. Beck and M. Teboulle, SIAM J. Imaging Sci. 2(1),
 * 2009, the paper's reference [2]), whose linear rate {@code 1 - sqrt(rho / (1/2 + rho))} needed 40-70 sweeps at
 * DLAM's rho = 0.01.
 *
 * <p>The start is the entry value of {@code out} (a warm start: DLAM's consecutive z_L are close), or v for a column
 * of {@code out} with a non-finite entry. A column stops when its gradient norm {@code ||grad f(u)_:,i||_2} is at
 * most the tolerance, or after {@code proxMaxIterations} gradient evaluations. The {@link ProxReport} gives as
 * {@code iterations} the largest evaluation count of any column, says {@code converged} when every column's
 * gradient bound at the returned (rounded) point is at most the tolerance, and gives as {@code residual} the bound
 * on the Frobenius norm {@code ||grad f(out)||_F}, so that by strong convexity
 * {@code ||out - prox(v)||_F <= residual / rho}. A stop at the iteration cap is reported
 * ({@code converged = false}), never hidden.
 *
 * <p>In FLOAT the gradient can only be evaluated to about {@code eps sqrt(classes) (2 + 2 rho max|v|)} (eps the
 * unit roundoff), so the tolerance used is the larger of {@code proxTolerance} and {@value #ROUNDOFF_SAFETY}
 * times that floor; in DOUBLE the floor is far below any sensible tolerance. This is the one place where the
 * dtype changes the stopping rule, and the returned {@code residual} still tells what was reached.
 *
 * <p><b>Not thread-safe:</b> an instance keeps scratch arrays (for the value: two {@code classes x N} matrices and
 * two rows per shape and data type, allocated on first use; the prox works in the arrays' own buffers, or in
 * scratch copies of views), so that in DLAM's loop neither allocates an N-sized array; use one instance per
 * thread (the prox itself runs its columns on the common fork-join pool). In {@link #gradient} {@code out} may be {@code z}, in {@link #prox} {@code out} may be
 * {@code v}; neither may be {@code y}.
 */
public final class SoftmaxCrossEntropyLoss implements Loss {
    /** The registered name. */
    public static final String NAME = "cross-entropy";
    /**
     * Default stopping tolerance on {@code max_i ||grad f_i||_2} of the prox (parameter "proxTolerance"). Small
     * enough that the reported Frobenius residual stays within a relative {@code 1e-6} of the gradient's scale
     * {@code ||rho (v - u)||} (what the verification module's prox contract asks of a converged prox); in FLOAT the
     * roundoff floor (see the class comment) is larger and decides instead, so DLAM's FLOAT loop pays nothing for it.
     */
    public static final double DEFAULT_PROX_TOLERANCE = 1e-8;
    /** Default cap on the prox's gradient evaluations (parameter "proxMaxIterations"). */
    public static final int DEFAULT_PROX_MAX_ITERATIONS = 1000;
    /** The spectral norm bound of the softmax Hessian {@code diag(p) - p p^T}: the smoothness constant of R. */
    public static final double SOFTMAX_HESSIAN_BOUND = 0.5;
    /** The multiple of the data type's attainable gradient accuracy below which the prox does not aim. */
    public static final double ROUNDOFF_SAFETY = 16;

    private static final String COMPONENT = "SoftmaxCrossEntropyLoss";

    // Scratch slots: two matrices and two rows for the value, three copies for a prox on arrays the Newton solver
    // cannot address directly (views, other orders or types).
    private static final int GRAD = 0;
    private static final int STEP = 2;
    private static final int ROW_MAX = 4;
    private static final int ROW_SUM = 5;
    private static final int V_COPY = 6;
    private static final int Y_COPY = 7;
    private static final int OUT_COPY = 8;

    private final double proxTolerance;
    private final int proxMaxIterations;
    private final Scratch scratch = new Scratch();
    private final SoftmaxProxNewton newton = new SoftmaxProxNewton();

    /** The loss with the default prox tolerance and iteration cap. */
    public SoftmaxCrossEntropyLoss() {
        this(DEFAULT_PROX_TOLERANCE, DEFAULT_PROX_MAX_ITERATIONS);
    }

    /**
     * @param proxTolerance     stopping tolerance on the largest column gradient norm of the prox objective, {@code > 0}
     * @param proxMaxIterations the most gradient evaluations per prox, {@code >= 1}
     */
    public SoftmaxCrossEntropyLoss(double proxTolerance, int proxMaxIterations) {
        this.proxTolerance = Validate.positive(COMPONENT, "proxTolerance", proxTolerance);
        this.proxMaxIterations = Validate.atLeastOne(COMPONENT, "proxMaxIterations", proxMaxIterations);
    }

    /** Builds the loss from parameters "proxTolerance" and "proxMaxIterations". */
    public static SoftmaxCrossEntropyLoss fromParams(Params params) {
        return new SoftmaxCrossEntropyLoss(params.get("proxTolerance", DEFAULT_PROX_TOLERANCE),
                params.getInt("proxMaxIterations", DEFAULT_PROX_MAX_ITERATIONS));
    }

    public double proxTolerance() {
        return proxTolerance;
    }

    public int proxMaxIterations() {
        return proxMaxIterations;
    }

    @Override
    public double value(INDArray z, INDArray y) {
        check(z, y);
        INDArray shifted = scratch.like(GRAD, z);
        INDArray exps = scratch.like(STEP, z);
        INDArray max = scratch.row(ROW_MAX, z);
        INDArray sum = scratch.row(ROW_SUM, z);
        Columns.max(z, max);
        shifted.assign(z).subiRowVector(max);                                  // z - m <= 0
        Transforms.exp(exps.assign(shifted), false);
        double logSums = Transforms.log(Columns.sum(exps, sum), false).sumNumber().doubleValue();
        double targetDot = shifted.muli(y).sumNumber().doubleValue();          // <y, z - m>
        double labelMass = Columns.sum(y, sum).rsubi(1).muli(max).sumNumber().doubleValue();
        return logSums - targetDot + labelMass;
    }

    @Override
    public void gradient(INDArray z, INDArray y, INDArray out) {
        check(z, y);
        Checks.like(COMPONENT, "out", out, z);
        Checks.notSame(COMPONENT, "out", out, "y", y);
        Columns.softmax(z, out);
        out.subi(y);
    }

    @Override
    public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
        Checks.matrix(COMPONENT, "v", v);
        Checks.like(COMPONENT, "y", y, v);
        Validate.positive(COMPONENT, "rho", rho);
        Checks.like(COMPONENT, "out", out, v);
        Checks.notSame(COMPONENT, "out", out, "y", y);

        double tolerance = effectiveTolerance(v, rho);
        INDArray vIn = direct(v, V_COPY);
        INDArray yIn = direct(y, Y_COPY);
        INDArray work = direct(out, OUT_COPY);
        ProxReport report = newton.solve(vIn, yIn, rho, work, tolerance, proxMaxIterations);
        if (work != out) {
            out.assign(work);
        }
        return report;
    }

    /**
     * {@code a} itself when the Newton solver can address its buffer directly ({@link Segments#rowMajor}: FLOAT or
     * DOUBLE, c-order, contiguous, offset 0, its own buffer), else a scratch copy (FLOAT for half-precision types).
     */
    private INDArray direct(INDArray a, int slot) {
        if (Segments.rowMajor(a)) {
            return a;
        }
        boolean typeOk = a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE;
        if (a.length() > Integer.MAX_VALUE) {
            throw InvalidParameterException.of(COMPONENT, "v", "length " + a.length(), "at most 2^31 - 1 entries");
        }
        return scratch.get(slot, typeOk ? a.dataType() : DataType.FLOAT, a.shape()).assign(a);
    }

    /**
     * The stopping tolerance: {@link #proxTolerance}, raised if need be to {@value #ROUNDOFF_SAFETY} times the
     * accuracy to which the prox gradient {@code softmax(u) + rho u - y - rho v} can be evaluated in v's data type:
     * each entry carries a rounding error of about {@code eps (2 + 2 rho |v|)} (at the solution
     * {@code ||u - v|| <= sqrt(2)/rho}), a column norm {@code sqrt(classes)} times that.
     */
    double effectiveTolerance(INDArray v, double rho) {
        double eps = switch (v.dataType()) {
            case DOUBLE -> 0x1.0p-53;
            case FLOAT -> 0x1.0p-24;
            case HALF -> 0x1.0p-11;
            default -> 0x1.0p-8;   // BFLOAT16
        };
        double maxAbs = v.amaxNumber().doubleValue();
        return Math.max(proxTolerance, ROUNDOFF_SAFETY * eps * Math.sqrt(v.rows()) * (2 + 2 * rho * maxAbs));
    }

    private static void check(INDArray z, INDArray y) {
        Checks.matrix(COMPONENT, "z", z);
        Checks.like(COMPONENT, "y", y, z);
    }

    @Override
    public String toString() {
        return NAME + "(proxTolerance=" + proxTolerance + ", proxMaxIterations=" + proxMaxIterations + ")";
    }
}
