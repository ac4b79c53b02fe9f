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
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.altmin.solvers.core.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An alternative W_l block: the exact minimizer of {@code phi + Omega_l} over W_l, i.e. the regularized least
 * squares {@code W = rho (z_l - b_l) a^T (rho a a^T + lambda I)^{-1}} with {@code a = a_{l-1}} — the matrix
 * inversion that Algorithm 2 of DLAM (Wang et al., arXiv:1811.04187) avoids. It shows how a block is swapped
 * ({@code parts: {W: {name: w-exact}}}) and what the inversion costs: the Gram matrix {@code a a^T} is
 * {@code 2 n_{l-1}^2 N} flops per visit against Algorithm 2's {@code 4 n_l n_{l-1} N}. For layer 1 it would be
 * 74 GFLOP on MNIST, plus a 784 x 784 factorization, but a_0 = x never changes, so that system and its
 * factorization are made once per run; a visit then costs the right-hand side {@code (z - b) a^T}, the solve for
 * the n_l rows ({@code 2 n_l n_{l-1}^2}) and the product {@code D a} for the cache, both {@code 2 n_l n_{l-1} N}.
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
        INDArray zMinusB = ctx.buffer("residual", l).assign(ctx.state().z(l)).subiColumnVector(ctx.state().b(l));
        INDArray rhs = ctx.matrix("W-exact-rhs", l);
        ctx.gemm().gemm(zMinusB, a, rhs, false, true, 1.0, 0.0).muli(rho);
        RealMatrix rhsT = new Array2DRowRealMatrix(rhs.toDoubleMatrix(), false).transpose();
        DecompositionSolver solver = l == 1 ? inputSolver(ctx, a, rho, lambda) : factor(ctx, l, a, rho, lambda, m);
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
     * Layer 1's factorization, made once per run: {@code a_0 = x} never changes, nor do rho and lambda, so the system
     * {@code rho x x^T + lambda I} is the same matrix at every visit, and so is its factorization (the 784 x 784 SVD
     * that MNIST's always-zero pixels force costs seconds). Kept per workspace, i.e. per run, and recomputed if
     * rho, lambda or x differ (an optimizer's block may serve several runs).
     */
    private DecompositionSolver inputSolver(DlamContext ctx, INDArray x, double rho, double lambda) {
        Factored cached = factored.get(ctx.workspace());
        if (cached != null && cached.x() == x && cached.rho() == rho && cached.lambda() == lambda) {
            return cached.solver();
        }
        DecompositionSolver solver = factor(ctx, 1, x, rho, lambda, (int) x.rows());
        factored.put(ctx.workspace(), new Factored(x, rho, lambda, solver));
        return solver;
    }

    /**
     * The solver of {@code (rho a a^T + lambda I) W^T = rhs^T}: Cholesky, or, when the system is singular (e.g.
     * pixels that are 0 in every sample), the SVD pseudo-inverse, which still gives a minimizer. The Gram matrix is
     * formed in a's own type: casting a ({@code n_{l-1} x N}) to DOUBLE first would allocate two copies of it per
     * call; the {@code m x m} result is small and the solve is in double.
     */
    private static DecompositionSolver factor(DlamContext ctx, int l, INDArray a, double rho, double lambda, int m) {
        INDArray gram = ctx.workspace().buffer("W-exact-gram", l, m, m);
        ctx.gemm().gemm(a, a, gram, false, true, rho, 0.0);
        double[][] g = gram.toDoubleMatrix();
        for (int i = 0; i < m; i++) {
            g[i][i] += lambda;
        }
        RealMatrix system = new Array2DRowRealMatrix(g, false);
        try {
            double maxDiag = 0;
            for (int i = 0; i < m; i++) {
                maxDiag = Math.max(maxDiag, g[i][i]);
            }
            return new CholeskyDecomposition(system, 1e-12, 1e-12 * Math.max(maxDiag, Double.MIN_NORMAL)).getSolver();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException singular) {
            return new SingularValueDecomposition(system).getSolver();
        }
    }

    /** Layer 1's factorization and what it was made from. */
    private record Factored(INDArray x, double rho, double lambda, DecompositionSolver solver) {}

    private final Map<Workspace, Factored> factored = Collections.synchronizedMap(new WeakHashMap<>());

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
