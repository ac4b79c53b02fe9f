package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.Problem;
import org.altmin.api.Regularizer;
import org.altmin.api.State;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link WExact}, with layer 1's inverse made once per run and each solve a GEMM with the inverse, follows the
 * block that formed and factored {@code rho a a^T + lambda I} and solved with the factorization at every visit
 * ({@link Refactoring}, the first WExact's code) to rounding in DOUBLE, takes the minimum-norm step when the
 * system is singular (where that block took the minimum-norm W), and forms layer 1's Gram matrix only once.
 */
class WExactTest {
    /** The first WExact: the Gram matrix, its factorization (SVD when singular) and a solve at every visit. */
    static final class Refactoring implements BlockUpdate<DlamContext> {
        @Override
        public BlockStep update(DlamContext ctx, int l) {
            double rho = ctx.rho();
            INDArray w = ctx.state().w(l);
            INDArray a = ctx.state().a(l - 1);
            double lambda = WExact.quadraticWeight(ctx.problem().regularizer(l), w.dataType());
            int m = (int) a.rows();
            INDArray gram = Nd4j.create(a.dataType(), m, m);
            Nd4j.gemm(a, a, gram, false, true, rho, 0.0);
            INDArray zMinusB = ctx.state().z(l).dup().subiColumnVector(ctx.state().b(l));
            INDArray rhs = Nd4j.gemm(zMinusB, a, false, true).muli(rho);
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
            INDArray d = Nd4j.createFromArray(solved).castTo(w.dataType()).subi(w);
            INDArray da = Nd4j.gemm(d, a, false, false);
            double dSq = Ops.sq(d);
            double curvature = dSq > 0 ? (rho * Ops.sq(da) + lambda * dSq) / dSq : rho;
            w.addi(d);
            ctx.wa(l).addi(da);
            return new BlockStep(dSq, 0, curvature, false, 0L);
        }
    }

    private static DlamSession session(Problem p, DlamConfig config, BlockUpdate<DlamContext> w) {
        DlamSession s = new DlamSession(p, config,
                new DlamBlocks(w, new BExact(), new ZClip(), new ZLProx(), new ABacktrack()).sweep(p.layers()));
        s.start();
        return s;
    }

    @Test
    void sameIteratesToRoundingAsSolvingWithTheFactorizationAtEveryVisit() {
        DlamConfig schedule = DlamConfig.defaults().withRhoEpsilon(0.5, 0.5).withEpsilonSchedule(0.5, 0.8, 1e-3);
        for (Regularizer reg : new Regularizer[] {Doubles.NONE, Doubles.l2(0.1)}) {
            for (boolean singular : new boolean[] {false, true}) {
                Problem p = Doubles.problem(DataType.DOUBLE, 40, Doubles.SQUARE, reg, Doubles.RELU, 5, 6, 5, 4, 3);  // seed 5, widths 6-5-4-3
                if (singular) {
                    // An input feature that is 0 in every sample: rho x x^T is singular (the pseudo-inverse without l2).
                    p.data().x().getRow(2).assign(0);
                }
                DlamSession cached = session(p, schedule, new WExact());
                DlamSession reference = session(p, schedule, new Refactoring());
                double[] initialColumn = cached.state().w(1).getColumn(2).toDoubleVector();
                for (int k = 1; k <= 4; k++) {
                    cached.iterate(k);
                    reference.iterate(k);
                }
                for (int l = 1; l <= p.layers(); l++) {
                    for (String v : new String[] {State.W, State.B, State.Z}) {
                        INDArray got = cached.state().variable(v, l).dup();
                        INDArray want = reference.state().variable(v, l).dup();
                        if (singular && l == 1 && v.equals(State.W)) {
                            // Column 2 multiplies the always-zero feature: the two minimizers differ there only.
                            got.getColumn(2).assign(0);
                            want.getColumn(2).assign(0);
                        }
                        assertThat(got.sub(want).norm2Number().doubleValue())
                                .as("%s_%d, l2 %s, singular %s", v, l, reg, singular)
                                .isLessThanOrEqualTo(1e-9 * Math.max(1, want.norm2Number().doubleValue()));
                    }
                }
                if (singular && reg == Doubles.NONE) {
                    // The minimum-norm step leaves the column of W_1 that multiplies the always-zero feature as it
                    // was; the first WExact's minimum-norm W set it to 0.
                    assertThat(cached.state().w(1).getColumn(2).toDoubleVector()).containsExactly(initialColumn);
                    assertThat(reference.state().w(1).getColumn(2).toDoubleVector())
                            .containsOnly(new double[] {0.0}, org.assertj.core.api.Assertions.within(1e-12));
                }
            }
        }
    }

    @Test
    void theStepIsTheMinimizerOfItsSubproblem() {
        // The gradient of (rho/2)||z - W a - b||^2 + (lambda/2)||W||^2 in W vanishes at the new W_l, every layer.
        double lambda = 0.1;
        Problem p = Doubles.problem(DataType.DOUBLE, 40, Doubles.SQUARE, Doubles.l2(lambda), Doubles.RELU, 8, 6, 5, 4, 3);
        DlamSession s = session(p, DlamConfig.defaults().withRhoEpsilon(0.7, 0.5), new WExact());
        s.iterate(1);
        WExact w = new WExact();
        for (int l = 1; l <= p.layers(); l++) {
            w.update(s, l);
            INDArray a = s.state().a(l - 1);
            INDArray residual = s.state().z(l).sub(s.state().w(l).mmul(a)).subiColumnVector(s.state().b(l));
            INDArray gradient = residual.mmul(a.transpose()).muli(-0.7).addi(s.state().w(l).mul(lambda));
            assertThat(gradient.norm2Number().doubleValue()).as("layer %d", l).isLessThan(1e-10);
            INDArray wa = s.state().w(l).mmul(a);  // the cache is updated by adding D a, so equal to rounding
            assertThat(s.wa(l).sub(wa).norm2Number().doubleValue()).isLessThan(1e-12 * wa.norm2Number().doubleValue());
        }
    }

    @Test
    void layerOnesGramMatrixIsFormedOncePerRun() {
        Problem p = Doubles.problem(DataType.DOUBLE, 30, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 3, 9, 7, 4, 3);
        DlamSession s = session(p, DlamConfig.defaults().withRhoEpsilon(0.5, 0.5), new WExact());
        WExact w = new WExact();
        long n = p.data().samples();
        // The feasible start has r = 0 and lambda = 0: W^k is a minimizer, and the block makes no GEMM.
        double start = s.gemmFlops();
        assertThat(w.update(s, 1).stepSquared()).isZero();
        assertThat(s.gemmFlops()).isEqualTo(start);
        // With r != 0, one visit of layer 1: r x^T and D x (2 n_1 n_0 N each) and the solve (2 n_1 n_0^2), plus
        // x x^T (2 n_0^2 N) on the first.
        double visit = 2 * 2.0 * 7 * 9 * n + 2.0 * 7 * 9 * 9;
        double gram = 2.0 * 9 * 9 * n;
        s.state().z(1).addi(0.25);
        double before = s.gemmFlops();
        assertThat(w.update(s, 1).stepSquared()).isPositive();
        assertThat(s.gemmFlops() - before).isEqualTo(visit + gram);
        s.state().z(1).addi(0.25);
        before = s.gemmFlops();
        w.update(s, 1);
        assertThat(s.gemmFlops() - before).isEqualTo(visit);
        // Layer 2's a_1 changes between visits: its Gram matrix is formed at every visit.
        for (int k = 1; k <= 2; k++) {
            s.state().z(2).addi(0.25);
            before = s.gemmFlops();
            w.update(s, 2);
            assertThat(s.gemmFlops() - before).as("visit %d", k).isEqualTo(2 * 2.0 * 4 * 7 * n + 2.0 * 7 * 7 * n + 2.0 * 4 * 7 * 7);
        }
    }
}
