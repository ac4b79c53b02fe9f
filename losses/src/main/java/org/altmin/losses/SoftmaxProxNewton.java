package org.altmin.losses;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.altmin.api.ProxReport;
import org.altmin.api.kernels.Segments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The proximal map of the softmax cross-entropy, column by column, by Newton's method on
 * {@code f(u) = logsumexp(u) - <y, u> + (rho/2)||u - v||^2}, whose Hessian {@code diag(p) - p p^T + rho I}
 * ({@code p = softmax(u)}) is a diagonal plus a rank-one matrix and is inverted in {@code O(classes)} by the
 * Sherman-Morrison formula:
 * <pre>
 *   H^{-1} g = D^{-1} g + D^{-1} p (p^T D^{-1} g) / (1 - p^T D^{-1} p),   D = diag(p + rho),
 * </pre>
 * where {@code p^T D^{-1} p = sum p_i^2 / (p_i + rho) < sum p_i = 1} keeps the denominator positive for every
 * {@code rho > 0}. The step is globalized by backtracking on the merit {@code ||grad f||^2} with the Armijo
 * condition {@code ||grad f(u + alpha d)||^2 <= (1 - 2c alpha) ||grad f(u)||^2}, c = {@value #ARMIJO}: the Newton
 * direction d satisfies {@code <grad (||g||^2/2), d> = -||g||^2}, and H is uniformly positive definite
 * ({@code >= rho I}), so the damped iteration converges from any start and quadratically near the solution
 * (J. E. Dennis and R. B. Schnabel, Numerical Methods for Unconstrained Optimization and Nonlinear Equations,
 * SIAM 1996, section 6.5). The merit is a gradient norm rather than f because near the solution the change of f
 * ({@code ~ ||g||^2 / rho}) falls below f's rounding error long before the gradient does.
 *
 * <p>All arithmetic is in double whatever the array's data type. The columns are solved in parallel blocks of
 * {@value #BLOCK} on the common fork-join pool ({@link Segments#forEach}, the fused kernels' chunk driver: even a
 * small array is worth a second thread here, a column costing a Newton solve), each block copied in bulk, row
 * segment by row segment through the driver's per-thread scratch, from and back to the array's buffer, so the
 * solve allocates no array of the input's size (per-thread block buffers are kept between calls). The blocks'
 * results are combined in block order, so the report does not depend on the thread schedule.
 *
 * <p>Counting: {@code iterations} in the report is the largest number of gradient evaluations any column used
 * (1 for a start that already meets the tolerance); {@code residual} bounds {@code ||grad f(out)||_F} at the
 * returned, rounded point: per column {@code ||g(u)|| + (1/2 + rho) ||u - fl(u)||}, the computed gradient plus
 * the Hessian norm bound times the rounding to the output's type.
 */
final class SoftmaxProxNewton {
    /**
     * Columns per parallel block: 3 x 10 x 1024 doubles fit in a core's L2 cache; a block's row segment fits the
     * driver's scratch arrays ({@link Segments#CHUNK} entries).
     */
    static final int BLOCK = 1024;
    /** The Armijo constant c of the backtracking on {@code ||grad f||^2}. */
    static final double ARMIJO = 1e-4;
    /** The fraction of the tolerance the double-precision iterate aims for (see {@code solveColumn}). */
    static final double INNER_MARGIN = 0.25;
    /** The smallest step fraction tried before a column is declared stalled (at the rounding floor). */
    static final double MIN_STEP = 0x1.0p-30;

    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /** Per-block results: the largest evaluation count, the squared residual bounds, all columns converged. */
    private record BlockResult(int evaluations, double residualSq, boolean converged) {}

    /**
     * Solves every column; v, y and out pass {@link Segments#rowMajor} (c-order, offset-0, contiguous FLOAT or DOUBLE
     * arrays of one shape, {@code classes x N}); out holds the warm start (a column with a non-finite entry starts
     * from v) and may be v.
     */
    ProxReport solve(INDArray v, INDArray y, double rho, INDArray out, double tolerance, int maxEvaluations) {
        int classes = (int) v.rows();
        int n = (int) v.columns();
        int blocks = (n + BLOCK - 1) / BLOCK;
        Access vs = Access.of(v);
        Access ys = Access.of(y);
        Access os = Access.of(out);
        BlockResult[] results = new BlockResult[blocks];
        boolean toFloat = v.dataType() == DataType.FLOAT;
        Segments.forEach(blocks, true, (scratch, b) -> {
            int from = b * BLOCK;
            int count = Math.min(BLOCK, n - from);
            results[b] = workspaces.get().solveBlock(scratch, vs, ys, os, classes, n, from, count, rho, tolerance,
                    maxEvaluations, toFloat);
        });
        int evaluations = 0;
        double residualSq = 0;
        boolean converged = true;
        for (BlockResult r : results) {
            evaluations = Math.max(evaluations, r.evaluations);
            residualSq += r.residualSq;
            converged &= r.converged;
        }
        return new ProxReport(evaluations, Math.sqrt(residualSq), converged);
    }

    /** Bulk row-segment access to a FLOAT or DOUBLE buffer, converting to and from double. */
    private abstract static class Access {
        static Access of(INDArray a) {
            return a.dataType() == DataType.FLOAT ? new Floats(a.data().asNioFloat()) : new Doubles(a.data().asNioDouble());
        }

        /** {@code dst[c * classes + i] <- buffer[i * n + from + c]} for c < count, i < classes (columns contiguous). */
        abstract void read(Segments.Scratch w, int classes, int n, int from, int count, double[] dst);

        /** The reverse of {@link #read}. */
        abstract void write(Segments.Scratch w, int classes, int n, int from, int count, double[] src);
    }

    private static final class Floats extends Access {
        private final FloatBuffer buffer;

        Floats(FloatBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        void read(Segments.Scratch w, int classes, int n, int from, int count, double[] dst) {
            float[] row = w.floats(0);
            for (int i = 0; i < classes; i++) {
                buffer.get(i * n + from, row, 0, count);
                for (int c = 0; c < count; c++) {
                    dst[c * classes + i] = row[c];
                }
            }
        }

        @Override
        void write(Segments.Scratch w, int classes, int n, int from, int count, double[] src) {
            float[] row = w.floats(0);
            for (int i = 0; i < classes; i++) {
                for (int c = 0; c < count; c++) {
                    row[c] = (float) src[c * classes + i];
                }
                buffer.put(i * n + from, row, 0, count);
            }
        }
    }

    private static final class Doubles extends Access {
        private final DoubleBuffer buffer;

        Doubles(DoubleBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        void read(Segments.Scratch w, int classes, int n, int from, int count, double[] dst) {
            double[] row = w.doubles(0);
            for (int i = 0; i < classes; i++) {
                buffer.get(i * n + from, row, 0, count);
                for (int c = 0; c < count; c++) {
                    dst[c * classes + i] = row[c];
                }
            }
        }

        @Override
        void write(Segments.Scratch w, int classes, int n, int from, int count, double[] src) {
            double[] row = w.doubles(0);
            for (int i = 0; i < classes; i++) {
                for (int c = 0; c < count; c++) {
                    row[c] = src[c * classes + i];
                }
                buffer.put(i * n + from, row, 0, count);
            }
        }
    }

    /** One thread's block buffers (grown on demand) and the per-column Newton state. */
    private static final class Workspace {
        double[] v = new double[0];
        double[] y = new double[0];
        double[] u = new double[0];
        double[] p = new double[0];
        double[] g = new double[0];
        double[] d = new double[0];
        double[] trial = new double[0];
        double[] pTrial = new double[0];
        double[] gTrial = new double[0];

        private void ensure(int classes) {
            if (v.length < classes * BLOCK) {
                v = new double[classes * BLOCK];
                y = new double[classes * BLOCK];
                u = new double[classes * BLOCK];
            }
            if (p.length < classes) {
                p = new double[classes];
                g = new double[classes];
                d = new double[classes];
                trial = new double[classes];
                pTrial = new double[classes];
                gTrial = new double[classes];
            }
        }

        BlockResult solveBlock(Segments.Scratch scratch, Access vs, Access ys, Access os, int classes, int n, int from,
                int count, double rho, double tolerance, int maxEvaluations, boolean toFloat) {
            ensure(classes);
            vs.read(scratch, classes, n, from, count, v);
            ys.read(scratch, classes, n, from, count, y);
            os.read(scratch, classes, n, from, count, u);
            int evaluations = 0;
            double residualSq = 0;
            boolean converged = true;
            double hessianBound = SoftmaxCrossEntropyLoss.SOFTMAX_HESSIAN_BOUND + rho;
            for (int c = 0; c < count; c++) {
                int base = c * classes;
                boolean finite = true;
                for (int i = 0; i < classes; i++) {
                    finite &= Double.isFinite(u[base + i]);
                }
                if (!finite) {
                    System.arraycopy(v, base, u, base, classes);   // no usable warm start: start from v
                }
                double[] status = solveColumn(base, classes, rho, tolerance, maxEvaluations);
                evaluations = Math.max(evaluations, (int) status[0]);
                double bound = Math.sqrt(status[1]);
                if (toFloat) {
                    double rounding = 0;
                    for (int i = 0; i < classes; i++) {
                        double delta = u[base + i] - (float) u[base + i];
                        rounding += delta * delta;
                    }
                    bound += hessianBound * Math.sqrt(rounding);
                }
                residualSq += bound * bound;
                converged &= bound <= tolerance;
            }
            os.write(scratch, classes, n, from, count, u);
            return new BlockResult(evaluations, residualSq, converged);
        }

        private final double[] status = new double[2];

        /** Newton on column {@code base}; returns {evaluations, ||g||^2 at the final u} (u updated in place). */
        private double[] solveColumn(int base, int classes, double rho, double tolerance, int maxEvaluations) {
            double gg = evaluate(u, base, classes, rho, p, g, base);
            int evaluations = 1;
            // Aim below the tolerance so that the rounding of u to the output's type (FLOAT) still leaves the bound
            // within it; with quadratic convergence the margin costs at most one more evaluation.
            double target = tolerance * INNER_MARGIN;
            double tolSq = target * target;
            newton:
            while (!(gg <= tolSq) && evaluations < maxEvaluations && Double.isFinite(gg)) {
                // d = -H^{-1} g by Sherman-Morrison on H = D - p p^T, D = diag(p + rho).
                double pDg = 0;
                double pDp = 0;
                for (int i = 0; i < classes; i++) {
                    double inv = 1 / (p[i] + rho);
                    pDg += p[i] * g[i] * inv;
                    pDp += p[i] * p[i] * inv;
                }
                double coupling = pDg / (1 - pDp);
                for (int i = 0; i < classes; i++) {
                    d[i] = -(g[i] + p[i] * coupling) / (p[i] + rho);
                }
                double alpha = 1;
                while (true) {
                    for (int i = 0; i < classes; i++) {
                        trial[i] = u[base + i] + alpha * d[i];
                    }
                    double trialGg = evaluate(trial, 0, classes, rho, pTrial, gTrial, base);
                    evaluations++;
                    if (trialGg <= (1 - 2 * ARMIJO * alpha) * gg) {
                        System.arraycopy(trial, 0, u, base, classes);
                        System.arraycopy(pTrial, 0, p, 0, classes);
                        System.arraycopy(gTrial, 0, g, 0, classes);
                        gg = trialGg;
                        break;
                    }
                    alpha *= 0.5;
                    if (alpha < MIN_STEP || evaluations >= maxEvaluations) {
                        break newton;   // stalled at the rounding floor, or out of evaluations: keep u
                    }
                }
            }
            status[0] = evaluations;
            status[1] = gg;
            return status;
        }

        /**
         * {@code p = softmax(x)}, {@code g = p - y + rho (x - v)} for the column of x at {@code xBase} against the
         * column of v and y at {@code base}; the maximum is subtracted before exp, so nothing overflows.
         */
        private double evaluate(double[] x, int xBase, int classes, double rho, double[] pOut, double[] gOut, int base) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < classes; i++) {
                max = Math.max(max, x[xBase + i]);
            }
            double sum = 0;
            for (int i = 0; i < classes; i++) {
                double e = Math.exp(x[xBase + i] - max);
                pOut[i] = e;
                sum += e;
            }
            double gg = 0;
            for (int i = 0; i < classes; i++) {
                double pi = pOut[i] / sum;
                pOut[i] = pi;
                double gi = pi - y[base + i] + rho * (x[xBase + i] - v[base + i]);
                gOut[i] = gi;
                gg += gi * gi;
            }
            return gg;
        }
    }
}
