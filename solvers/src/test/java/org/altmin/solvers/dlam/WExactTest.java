package org.altmin.solvers.dlam;

import static org.altmin.solvers.kernels.FusedTest.assertSameEntries;
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
 * {@link WExact} with layer 1's factorization made once per run gives the same iterates, bit for bit in DOUBLE, as
 * the block that formed and factored {@code rho x x^T + lambda I} at every visit ({@link Refactoring}, that
 * block's code), and forms layer 1's Gram matrix only once.
 */
class WExactTest {
    /** The previous WExact: the Gram matrix and its factorization at every visit, for every layer. */
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
    void sameIteratesBitForBitAsFactoringAtEveryVisit() {
        DlamConfig schedule = DlamConfig.defaults().withRhoEpsilon(0.5, 0.5).withEpsilonSchedule(0.5, 0.8, 1e-3);
        for (Regularizer reg : new Regularizer[] {Doubles.NONE, Doubles.l2(0.1)}) {
            for (boolean singular : new boolean[] {false, true}) {
                Problem p = Doubles.problem(DataType.DOUBLE, 40, Doubles.SQUARE, reg, Doubles.RELU, 5, 6, 5, 4, 3);  // seed 5, widths 6-5-4-3
                if (singular) {
                    // An input feature that is 0 in every sample: rho x x^T is singular (the SVD path without l2).
                    p.data().x().getRow(2).assign(0);
                }
                DlamSession cached = session(p, schedule, new WExact());
                DlamSession reference = session(p, schedule, new Refactoring());
                for (int k = 1; k <= 4; k++) {
                    cached.iterate(k);
                    reference.iterate(k);
                }
                for (int l = 1; l <= p.layers(); l++) {
                    for (String v : new String[] {State.W, State.B, State.Z}) {
                        assertSameEntries(cached.state().variable(v, l), reference.state().variable(v, l));
                    }
                    assertSameEntries(cached.wa(l), reference.wa(l));
                }
            }
        }
    }

    @Test
    void layerOnesGramMatrixIsFormedOncePerRun() {
        Problem p = Doubles.problem(DataType.DOUBLE, 30, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 3, 9, 7, 4, 3);
        DlamSession s = session(p, DlamConfig.defaults().withRhoEpsilon(0.5, 0.5), new WExact());
        WExact w = new WExact();
        long n = p.data().samples();
        // One visit of layer 1: rhs (z - b) x^T and D x (2 n_1 n_0 N each), plus x x^T (2 n_0^2 N) on the first.
        double visit = 2 * 2.0 * 7 * 9 * n;
        double gram = 2.0 * 9 * 9 * n;
        double before = s.gemmFlops();
        w.update(s, 1);
        assertThat(s.gemmFlops() - before).isEqualTo(visit + gram);
        before = s.gemmFlops();
        w.update(s, 1);
        assertThat(s.gemmFlops() - before).isEqualTo(visit);
        // Layer 2's a_1 changes between visits: its Gram matrix is formed at every visit.
        for (int k = 1; k <= 2; k++) {
            before = s.gemmFlops();
            w.update(s, 2);
            assertThat(s.gemmFlops() - before).as("visit %d", k).isEqualTo(2 * 2.0 * 4 * 7 * n + 2.0 * 7 * 7 * n);
        }
    }
}
