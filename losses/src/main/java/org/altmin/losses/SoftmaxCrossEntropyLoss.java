package org.altmin.losses;

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
 * has no closed form. It decouples over the columns, which are all solved at once by FISTA (A. Beck and
 * M. Teboulle, a fast iterative shrinkage-thresholding algorithm for linear inverse problems, SIAM J. Imaging Sci.
 * 2(1), 2009; the paper's reference [2]) in its form for strongly convex objectives (constant momentum; Y. Nesterov,
 * Introductory Lectures on Convex Optimization, 2004, scheme 2.2.19; A. Beck, First-Order Methods in Optimization,
 * SIAM 2017, section 10.7.7): f is {@code L = 1/2 + rho} smooth and {@code mu = rho} strongly convex, so with the
 * constant step {@code 1/L} and momentum {@code beta = (1 - sqrt(q)) / (1 + sqrt(q))}, {@code q = mu/L}, the
 * error contracts linearly, at rate {@code 1 - sqrt(q)}, with no restart needed:
 * <pre>
 *   x_{k+1} = w_k - grad f(w_k) / L,   w_{k+1} = x_{k+1} + beta (x_{k+1} - x_k),   w_0 = x_0.
 * </pre>
 * {@code x_0} is the entry value of {@code out} (a warm start: DLAM's consecutive z_L are close), or v where
 * {@code out} holds a non-finite entry. The iteration stops when the largest column gradient norm at the
 * extrapolated point, {@code max_i ||grad f(w_k)_:,i||_2}, is at most the tolerance, or after
 * {@code proxMaxIterations} gradient evaluations, and returns the gradient step {@code x_{k+1}}. Its gradient is
 * no larger: {@code grad f(x_{k+1}) = (I - H/L) grad f(w_k)} for an average Hessian {@code rho I <= H <= L I}, so
 * {@code ||grad f(x_{k+1})_:,i|| <= (1 - rho/L) ||grad f(w_k)_:,i||} for every column, and the same factor bounds
 * the norm of the whole array. The {@link ProxReport} says {@code converged} when every column's bound is at most
 * the tolerance, and gives as {@code residual} the bound on the Frobenius norm {@code ||grad f(out)||_F}, so that
 * by strong convexity {@code ||out - prox(v)||_F <= residual / rho} (this may exceed the per-column tolerance, by
 * at most a factor {@code sqrt(N)}). A stop at the iteration cap is reported ({@code converged = false}), never
 * hidden.
 *
 * <p>In FLOAT the gradient can only be evaluated to about {@code eps sqrt(classes) (2 + 2 rho max|v|)} (eps the
 * unit roundoff), so the tolerance used is the larger of {@code proxTolerance} and {@value #ROUNDOFF_SAFETY}
 * times that floor; in DOUBLE the floor is far below any sensible tolerance. This is the one place where the
 * dtype changes the stopping rule, and the returned {@code residual} still tells what was reached.
 *
 * <p><b>Not thread-safe:</b> an instance keeps scratch arrays (four {@code classes x N} matrices and two rows per
 * shape and data type, allocated on first use), so that in DLAM's loop the prox allocates nothing; use one
 * instance per thread. In {@link #gradient} {@code out} may be {@code z}, in {@link #prox} {@code out} may be
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

    // Scratch slots (four matrices, two rows).
    private static final int GRAD = 0;
    private static final int EXTRAPOLATED = 1;
    private static final int STEP = 2;
    private static final int TARGET = 3;
    private static final int ROW_MAX = 4;
    private static final int ROW_SUM = 5;

    private final double proxTolerance;
    private final int proxMaxIterations;
    private final Scratch scratch = new Scratch();

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

        double lipschitz = SOFTMAX_HESSIAN_BOUND + rho;
        double step = 1 / lipschitz;
        double sqrtQ = Math.sqrt(rho / lipschitz);
        double beta = (1 - sqrtQ) / (1 + sqrtQ);
        double contraction = 1 - rho / lipschitz;
        double tolerance = effectiveTolerance(v, rho);

        INDArray grad = scratch.like(GRAD, v);
        INDArray w = scratch.like(EXTRAPOLATED, v);
        INDArray d = scratch.like(STEP, v);
        INDArray target = scratch.like(TARGET, v);
        INDArray sum = scratch.row(ROW_SUM, v);

        if (out != v && BooleanIndexing.or(out, Conditions.notFinite())) {
            out.assign(v);   // an uninitialized or diverged warm start: start from v instead
        }
        // grad f(u) = softmax(u) - y + rho (u - v) = softmax(u) + rho u - target, with target = y + rho v.
        // x_k lives in out, d_k = x_{k+1} - x_k, w_k = x_k + beta d_{k-1}.
        Nd4j.exec(new Axpy(v, y, target, rho));
        w.assign(out);
        double gradNorm = Double.POSITIVE_INFINITY;
        int iterations = 0;
        while (iterations < proxMaxIterations) {
            iterations++;
            Columns.softmax(w, grad);
            Nd4j.exec(new Axpy(w, grad, grad, rho));
            grad.subi(target);
            gradNorm = Columns.norm2(grad, sum).maxNumber().doubleValue();   // the largest column norm
            // d_k = beta d_{k-1} - grad / L (d_{-1} = 0), x_{k+1} = x_k + d_k.
            if (iterations == 1) {
                grad.mul(-step, d);
            } else {
                d.muli(beta);
                Nd4j.exec(new Axpy(grad, d, d, -step));
            }
            out.addi(d);
            if (!(gradNorm > tolerance)) {   // also stops on NaN, which is reported as not converged
                break;
            }
            Nd4j.exec(new Axpy(d, out, w, beta));         // w_{k+1} = x_{k+1} + beta d_k
        }
        // sum still holds the column norms of the last gradient; the same contraction bounds the whole array's norm.
        double residual = contraction * sum.norm2Number().doubleValue();
        return new ProxReport(iterations, residual, contraction * gradNorm <= tolerance);
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
