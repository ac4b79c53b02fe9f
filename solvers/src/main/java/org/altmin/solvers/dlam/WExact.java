package org.altmin.solvers.dlam;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Regularizer;
import org.altmin.solvers.common.SymmetricSystems;
import org.altmin.solvers.core.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An alternative W_l block: the exact minimizer of {@code phi + Omega_l} over W_l, i.e. the regularized least
 * squares {@code W = rho (z_l - b_l) a^T (rho a a^T + lambda I)^{-1}} with {@code a = a_{l-1}} — the matrix
 * inversion that Algorithm 2 of DLAM (Wang et al., arXiv:1811.04187) avoids. It shows how a block is swapped
 * ({@code parts: {W: {name: w-exact}}}) and what the inversion costs.
 *
 * <p>It computes the step, not the new W: the minimizer is {@code W^k + D} with {@code D S = M}, where
 * {@code S = rho a a^T + lambda I} and {@code M = rho r a^T - lambda W^k} is the negative gradient at W^k
 * ({@code r = z_l - W_l a_{l-1} - b_l}, read from the product cache in one pass); setting the gradient
 * {@code -rho (r - D a) a^T + lambda (W^k + D)} to 0 gives exactly that system. When {@code r = 0} and
 * {@code lambda = 0}, W^k is already a minimizer and the block returns a zero step without a GEMM (the hidden
 * layers' common case under a fixed eps, as for {@link WBacktrack}). Per visit otherwise: {@code r a^T} and the
 * product {@code D a} for the cache ({@code 2 n_l n_{l-1} N} flops each, as Algorithm 2's two products), and the
 * solve as one DOUBLE GEMM with the system's inverse ({@code 2 n_l n_{l-1}^2}). For layers 2 to L the Gram matrix
 * {@code a a^T} ({@code 2 n_{l-1}^2 N}) and its inverse are made at every visit, since a_{l-1} moves; for layer 1,
 * {@code a_0 = x} never changes, so the system is the session's {@link DlamContext#inputGram()} (made once per run,
 * shared with {@link WBacktrack}) and its inverse is made once per run (784 x 784 on MNIST).
 *
 * <p>Exact only for {@code Omega = (lambda/2)||W||^2} with {@code lambda >= 0} (the regularizers "none" and "l2");
 * which one is detected by probing {@code Omega.prox} and {@code Omega.value} on a small test matrix, and any other
 * regularizer is rejected with an {@link InvalidParameterException}. The inverse is taken in double precision by
 * {@link SymmetricSystems#inverse}: Cholesky, or, when {@code rho a a^T + lambda I} is singular (pixels that are 0
 * in every sample, with lambda = 0), the pseudo-inverse, which still gives a minimizer: the one closest to W^k (the
 * minimum-norm step; a column of W that multiplies an always-zero input keeps its value). Property 2 holds with
 * equality for the exact minimizer of a quadratic: F decreases by {@code (rho ||D a||^2 + lambda ||D||^2) / 2}, so
 * the step reports that curvature along the step, {@code (rho ||D a||^2 + lambda ||D||^2) / ||D||^2}, as its theta
 * ({@code D = W^{k+1} - W^k}).
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
        long n = w.rows();
        long m = a.rows();
        INDArray r = ctx.buffer("residual", l);
        boolean residual = ctx.residualSquared(l, r) != 0;
        if (!residual && lambda == 0) {
            // phi = 0 at W^k: W^k is already a minimizer (the closest one), without a GEMM.
            return new BlockStep(0.0, 0, rho, false, 0L);
        }
        // M = -grad_W (phi + Omega) at W^k = rho r a^T - lambda W; the r a^T GEMM is skipped when r = 0.
        INDArray gradient = ctx.matrix("W-gradient", l);
        if (residual) {
            ctx.gemm().gemm(r, a, gradient, false, true, rho, 0.0);
            if (lambda != 0) {
                Nd4j.getBlasWrapper().level1().axpy(gradient.length(), -lambda, w, gradient);
            }
        } else {
            gradient.assign(w).muli(-lambda);
        }
        INDArray inverse = l == 1 ? inputInverse(ctx, rho, lambda) : systemInverse(ctx, l, a, rho, lambda);
        Workspace ws = ctx.workspace();
        INDArray gradientDouble = ws.buffer("W-exact-gradient", l, DataType.DOUBLE, n, m).assign(gradient);
        INDArray step = ws.buffer("W-exact-step", l, DataType.DOUBLE, n, m);
        // D S = M, i.e. D = M S^{-T}: exact whether or not the computed inverse is symmetric to the bit.
        ctx.gemm().gemm(gradientDouble, inverse, step, false, true, 1.0, 0.0);
        INDArray d = ctx.matrix("W-step", l).assign(step);
        double dSq = Ops.sq(d);
        if (dSq == 0) {
            return new BlockStep(0.0, 0, rho, false, 0L);
        }
        INDArray da = ctx.buffer("step-product", l);
        ctx.gemm().gemm(d, a, da, false, false, 1.0, 0.0);
        double curvature = (rho * Ops.sq(da) + lambda * dSq) / dSq;
        w.addi(d);
        ctx.wa(l).addi(da);
        return new BlockStep(dSq, 0, curvature, false, 0L);
    }

    /**
     * Layer 1's inverse {@code (rho x x^T + lambda I)^{-1}}, made once per run from the session's input Gram matrix:
     * a_0 = x never changes, nor do rho and lambda. Kept per workspace, i.e. per run, and remade if rho, lambda or
     * x differ (an optimizer's block may serve several runs).
     */
    private INDArray inputInverse(DlamContext ctx, double rho, double lambda) {
        INDArray x = ctx.state().a(0);
        Inverted cached = inverted.get(ctx.workspace());
        if (cached != null && cached.x() == x && cached.rho() == rho && cached.lambda() == lambda) {
            return cached.inverse();
        }
        INDArray inverse = invert(ctx.inputGram(), rho, lambda, Nd4j.create(DataType.DOUBLE, x.rows(), x.rows()));
        inverted.put(ctx.workspace(), new Inverted(x, rho, lambda, inverse));
        return inverse;
    }

    /**
     * {@code (rho a a^T + lambda I)^{-1}} of layer {@code l >= 2}, made at every visit. The Gram matrix is formed in
     * a's own type: casting a ({@code n_{l-1} x N}) to DOUBLE first would allocate two copies of it per call; the
     * {@code m x m} result is small and inverted in double.
     */
    private static INDArray systemInverse(DlamContext ctx, int l, INDArray a, double rho, double lambda) {
        long m = a.rows();
        INDArray gram = ctx.workspace().buffer("W-exact-gram", l, m, m);
        ctx.gemm().gemm(a, a, gram, false, true, 1.0, 0.0);
        return invert(gram, rho, lambda, ctx.workspace().buffer("W-exact-inverse", l, DataType.DOUBLE, m, m));
    }

    /** {@code out <- (rho G + lambda I)^{-1}} (pseudo-inverse when singular), in double. */
    private static INDArray invert(INDArray gram, double rho, double lambda, INDArray out) {
        double[][] g = gram.toDoubleMatrix();
        for (double[] row : g) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= rho;
            }
        }
        return out.assign(Nd4j.createFromArray(SymmetricSystems.inverse(g, lambda)));
    }

    /** Layer 1's inverse and what it was made from. */
    private record Inverted(INDArray x, double rho, double lambda, INDArray inverse) {}

    private final Map<Workspace, Inverted> inverted = Collections.synchronizedMap(new WeakHashMap<>());

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
