package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Regularizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An alternative W_l block: the exact minimizer of {@code phi + Omega_l} over W_l, i.e. the regularized least
 * squares {@code W = rho (z_l - b_l) a^T (rho a a^T + lambda I)^{-1}} with {@code a = a_{l-1}} — the matrix
 * inversion that Algorithm 2 of DLAM (Wang et al., arXiv:1811.04187) avoids. It shows how a block is swapped
 * ({@code parts: {W: {name: w-exact}}}) and what the inversion costs: the Gram matrix {@code a a^T} alone is
 * {@code 2 n_{l-1}^2 N} flops (74 GFLOP for MNIST's first layer) against Algorithm 2's {@code 4 n_l n_{l-1} N}.
 *
 * <p>Exact only for {@code Omega = (lambda/2)||W||^2} with {@code lambda >= 0} (the regularizers "none" and "l2");
 * which one is detected by probing {@code Omega.prox} and {@code Omega.value} on a small test matrix, and any other
 * regularizer is rejected with an {@link InvalidParameterException}. The system is solved in double precision by
 * Cholesky, or, when {@code rho a a^T + lambda I} is singular (e.g. pixels that are 0 in every sample), by the SVD
 * pseudo-inverse, which still gives a minimizer. Property 2 holds with equality for the exact minimizer of a
 * quadratic: F decreases by {@code (rho ||D a||^2 + lambda ||D||^2) / 2}, so the step reports that curvature along
 * the step, {@code (rho ||D a||^2 + lambda ||D||^2) / ||D||^2}, as its theta ({@code D = W^{k+1} - W^k}).
 */
public final class WExact implements BlockUpdate<DlamContext> {
    /** The registered name. */
    public static final String NAME = "w-exact";

    /** Rejects a regularizer that is not {@code (lambda/2)||W||^2} before the run starts. */
    @Override
    public void prepare(org.altmin.api.Problem problem, int layer) {
        quadraticWeight(problem.regularizer(layer), problem.dtype());
    }

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        double rho = ctx.rho();
        INDArray w = ctx.state().w(l);
        INDArray a = ctx.state().a(l - 1);
        double lambda = quadraticWeight(ctx.problem().regularizer(l), w.dataType());
        int m = (int) a.rows();
        // The Gram matrix in a's own type: casting a (n_{l-1} x N) to DOUBLE first would allocate two copies of it
        // per call (750 MB for MNIST's first layer; measured 7-9 s per iteration, growing). The m x m result is
        // small; the solve below is in double.
        INDArray gram = Nd4j.create(a.dataType(), m, m);
        ctx.gemm().gemm(a, a, gram, false, true, rho, 0.0);
        INDArray zMinusB = ctx.buffer("residual", l).assign(ctx.state().z(l)).subiColumnVector(ctx.state().b(l));
        INDArray rhs = Nd4j.gemm(zMinusB, a, false, true).muli(rho);
        ctx.gemm().count(zMinusB.rows(), a.rows(), a.columns());
        double[][] g = gram.toDoubleMatrix();
        for (int i = 0; i < m; i++) {
            g[i][i] += lambda;
        }
        RealMatrix system = new Array2DRowRealMatrix(g, false);
        RealMatrix rhsT = new Array2DRowRealMatrix(rhs.castTo(DataType.DOUBLE).toDoubleMatrix(), false).transpose();
        DecompositionSolver solver;
        try {
            double maxDiag = 0;
            for (int i = 0; i < m; i++) {
                maxDiag = Math.max(maxDiag, g[i][i]);
            }
            solver = new CholeskyDecomposition(system, 1e-12, 1e-12 * Math.max(maxDiag, Double.MIN_NORMAL)).getSolver();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException singular) {
            solver = new SingularValueDecomposition(system).getSolver();
        }
        double[][] solved = solver.solve(rhsT).transpose().getData();
        INDArray d = ctx.matrix("W-step", l).assign(Nd4j.createFromArray(solved).castTo(w.dataType())).subi(w);
        INDArray da = ctx.buffer("step-product", l);
        ctx.gemm().gemm(d, a, da, false, false, 1.0, 0.0);
        double dSq = Ops.sq(d);
        double curvature = dSq > 0 ? (rho * Ops.sq(da) + lambda * dSq) / dSq : rho;
        w.addi(d);
        ctx.wa(l).addi(da);
        return new BlockStep(dSq, 0, curvature, false, 0L);
    }

    /**
     * lambda such that {@code Omega = (lambda/2)||W||^2}, found from {@code prox(v, t) = t v / (t + lambda)} and
     * checked against {@code Omega.value}; throws for any other regularizer.
     */
    static double quadraticWeight(Regularizer omega, DataType dtype) {
        java.util.OptionalDouble lambda = org.altmin.solvers.common.QuadraticRegularizer.weight(omega, dtype);
        if (lambda.isEmpty()) {
            throw new InvalidParameterException(NAME, "regularizer",
                    "supports only Omega = (lambda/2)||W||^2 with lambda >= 0 (the regularizers none and l2), for which "
                            + "the least-squares W update is exact; found " + omega.getClass().getSimpleName()
                            + " — use the W block " + WBacktrack.NAME);
        }
        return lambda.getAsDouble();
    }
}
