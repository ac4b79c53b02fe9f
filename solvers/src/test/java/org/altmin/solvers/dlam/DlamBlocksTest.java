package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.altmin.api.BlockStep;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.State;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each block alone, on random states reached by a few sweeps from random starts: it does not increase F, it
 * satisfies its optimality condition (Lemma 1 of Wang et al.), and it keeps the product cache exact.
 */
class DlamBlocksTest {
    static final double TOL = 1e-10;
    static final QuasilinearActivation[] ACTS = Doubles.ACTIVATIONS.toArray(new QuasilinearActivation[0]);
    static final Regularizer[] REGS = Doubles.REGULARIZERS.toArray(new Regularizer[0]);

    /** A random context: seed picks data, activation and regularizer; two sweeps move it off the start. */
    static DlamSession randomContext(int seed) {
        Problem problem = Doubles.problem(DataType.DOUBLE, 7, Doubles.SQUARE, REGS[seed % REGS.length],
                ACTS[(seed / 3) % ACTS.length], seed, 4, 5, 3, 2);
        DlamConfig config = DlamConfig.defaults().withRhoEpsilon(0.7, 0.1).withBacktracking(0.05, 2.0, 0.05, 2.0, 60, false);
        return Support.moved(problem, config, 2);
    }

    static void assertCacheExact(DlamContext ctx) {
        for (int l = 1; l <= ctx.layers(); l++) {
            INDArray fresh = Nd4j.gemm(ctx.state().w(l), ctx.state().a(l - 1), false, false);
            assertThat(ctx.wa(l).sub(fresh).amaxNumber().doubleValue()).as("cache W_%d a_%d", l, l - 1).isLessThan(1e-12);
        }
    }

    @Test
    void layerOnesGramTrialsAcceptTheSameThetaAsTheDirectProduct() {
        java.util.concurrent.atomic.AtomicInteger backtracked = new java.util.concurrent.atomic.AtomicInteger();
        qt().withExamples(6).withFixedSeed(2).forAll(integers().between(0, 1000)).checkAssert(seed -> {
            // 40 samples of 4 features: n_0 <= N / 4, so the Gram path is taken; from nu = 0.05 it backtracks.
            Problem problem = Doubles.problem(DataType.DOUBLE, 40, Doubles.SQUARE, REGS[seed % REGS.length],
                    ACTS[(seed / 3) % ACTS.length], seed, 4, 5, 3, 2);
            DlamConfig config = DlamConfig.defaults().withRhoEpsilon(0.7, 0.1)
                    .withBacktracking(0.05, 2.0, 0.05, 2.0, 60, false);
            DlamSession viaGram = Support.moved(problem, config, 2);
            DlamSession direct = Support.moved(problem, config, 2);
            BlockStep g = new WBacktrack(true).update(viaGram, 1);
            BlockStep d = new WBacktrack(false).update(direct, 1);
            assertThat(g.trials()).isEqualTo(d.trials());
            assertThat(g.modulus()).isEqualTo(d.modulus());
            assertThat(g.stepSquared()).isCloseTo(d.stepSquared(), within(1e-12 * Math.max(1, d.stepSquared())));
            assertThat(viaGram.state().w(1).sub(direct.state().w(1)).amaxNumber().doubleValue()).isLessThan(1e-12);
            assertThat(viaGram.inputGram()).isNotNull();
            assertCacheExact(viaGram);
            if (d.trials() > 1) {
                backtracked.incrementAndGet();
            }
        });
        // the comparison covered rejected trials too, where the two evaluations of the test must agree
        assertThat(backtracked.get()).isPositive();
    }

    @Test
    void wStepIsTheProxGradientPointOfTheAcceptedTheta() {
        qt().withExamples(6).withFixedSeed(1).forAll(integers().between(0, 1000)).checkAssert(seed -> {
            DlamSession ctx = randomContext(seed);
            for (int l = 1; l <= ctx.layers(); l++) {
                State s = ctx.state();
                INDArray w0 = s.w(l).dup();
                INDArray a = s.a(l - 1);
                double rho = ctx.rho();
                INDArray grad = Nd4j.gemm(w0, a, false, false).addiColumnVector(s.b(l)).subi(s.z(l));
                grad = Nd4j.gemm(grad, a, false, true).muli(rho);
                double f0 = Support.objective(ctx);
                BlockStep step = new WBacktrack().update(ctx, l);
                double theta = step.modulus();
                INDArray expected = ctx.problem().regularizer(l).prox(w0.sub(grad.div(theta)), theta);
                assertThat(s.w(l).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
                double dSq = s.w(l).sub(w0).norm2Number().doubleValue();
                assertThat(step.stepSquared()).isCloseTo(dSq * dSq, within(1e-12));
                assertThat(f0 - Support.objective(ctx)).isGreaterThanOrEqualTo(0.5 * theta * step.stepSquared() - TOL);
                if (step.trials() > 1) {
                    // Backtracking stopped at the first acceptable theta: theta / gamma failed the test.
                    double prev = theta / ctx.config().gamma();
                    INDArray d = ctx.problem().regularizer(l).prox(w0.sub(grad.div(prev)), prev).subi(w0);
                    double da = Nd4j.gemm(d, a, false, false).norm2Number().doubleValue();
                    double dn = d.norm2Number().doubleValue();
                    assertThat(rho * da * da).isGreaterThan(prev * dn * dn);
                }
                assertCacheExact(ctx);
            }
        });
    }

    @Test
    void bStepZeroesTheGradient() {
        qt().withExamples(6).withFixedSeed(2).forAll(integers().between(0, 1000)).checkAssert(seed -> {
            DlamSession ctx = randomContext(seed);
            for (int l = 1; l <= ctx.layers(); l++) {
                State s = ctx.state();
                INDArray b0 = s.b(l).dup();
                double f0 = Support.objective(ctx);
                BlockStep step = new BExact().update(ctx, l);
                INDArray r = s.z(l).sub(Nd4j.gemm(s.w(l), s.a(l - 1), false, false)).subiColumnVector(s.b(l));
                assertThat(r.sum(1).amaxNumber().doubleValue()).as("grad_b phi").isLessThan(1e-12);
                assertThat(step.stepSquared()).isCloseTo(Math.pow(s.b(l).sub(b0).norm2Number().doubleValue(), 2), within(1e-12));
                assertThat(step.modulus()).isEqualTo(ctx.rho() * ctx.samples());
                assertThat(f0 - Support.objective(ctx)).isGreaterThanOrEqualTo(0.5 * step.modulus() * step.stepSquared() - TOL);
            }
        });
    }

    @Test
    void zStepIsTheProjectionOntoThePreimage() {
        qt().withExamples(6).withFixedSeed(3).forAll(integers().between(0, 1000)).checkAssert(seed -> {
            DlamSession ctx = randomContext(seed);
            State s = ctx.state();
            for (int l = 1; l < ctx.layers(); l++) {
                INDArray u = Nd4j.gemm(s.w(l), s.a(l - 1), false, false).addiColumnVector(s.b(l));
                QuasilinearActivation h = ctx.problem().activation(l);
                double f0 = Support.objective(ctx);
                new ZClip().update(ctx, l);
                double eps = ctx.epsilon();
                for (int i = 0; i < u.rows(); i++) {
                    for (int j = 0; j < u.columns(); j++) {
                        double a = s.a(l).getDouble(i, j);
                        double lo = h.lowerBound(a, eps);
                        double hi = h.upperBound(a, eps);
                        double expected = Math.min(Math.max(lo, u.getDouble(i, j)), hi);
                        assertThat(s.z(l).getDouble(i, j)).isCloseTo(expected, within(1e-12));
                        assertThat(Math.abs(h.apply(s.z(l).getDouble(i, j)) - a)).isLessThanOrEqualTo(eps + 1e-12);
                    }
                }
                assertThat(f0 - Support.objective(ctx)).isGreaterThanOrEqualTo(-TOL);
            }
        });
    }

    @Test
    void zLStepSatisfiesTheProxOptimalityCondition() {
        qt().withExamples(6).withFixedSeed(4).forAll(integers().between(0, 1000)).checkAssert(seed -> {
            DlamSession ctx = randomContext(seed);
            int L = ctx.layers();
            State s = ctx.state();
            INDArray u = Nd4j.gemm(s.w(L), s.a(L - 1), false, false).addiColumnVector(s.b(L));
            INDArray z0 = s.z(L).dup();
            double f0 = Support.objective(ctx);
            BlockStep step = new ZLProx().update(ctx, L);
            // Square loss: grad R(z) + rho (z - u) = (z - y) + rho (z - u) = 0.
            INDArray optimality = s.z(L).sub(ctx.problem().data().y()).addi(s.z(L).sub(u).muli(ctx.rho()));
            assertThat(optimality.amaxNumber().doubleValue()).isLessThan(1e-12);
            assertThat(f0 - Support.objective(ctx)).isGreaterThanOrEqualTo(0.5 * ctx.rho() * step.stepSquared() - TOL);
            assertThat(step.stepSquared()).isCloseTo(Math.pow(s.z(L).sub(z0).norm2Number().doubleValue(), 2), within(1e-12));
        });
    }

    @Test
    void aStepIsTheProjectedGradientPointOfTheAcceptedTau() {
        qt().withExamples(6).withFixedSeed(5).forAll(integers().between(0, 1000)).checkAssert(seed -> {
            DlamSession ctx = randomContext(seed);
            State s = ctx.state();
            for (int l = 1; l < ctx.layers(); l++) {
                INDArray a0 = s.a(l).dup();
                INDArray wn = s.w(l + 1);
                INDArray r = Nd4j.gemm(wn, a0, false, false).addiColumnVector(s.b(l + 1)).subi(s.z(l + 1));
                INDArray grad = Nd4j.gemm(wn, r, true, false).muli(ctx.rho());
                double f0 = Support.objective(ctx);
                BlockStep step = new ABacktrack().update(ctx, l);
                double tau = step.modulus();
                INDArray hz = ctx.problem().activation(l).apply(s.z(l));
                INDArray v = a0.sub(grad.div(tau));
                INDArray expected = Transforms.min(Transforms.max(v, hz.sub(ctx.epsilon())), hz.add(ctx.epsilon()));
                assertThat(s.a(l).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
                assertThat(f0 - Support.objective(ctx)).isGreaterThanOrEqualTo(0.5 * tau * step.stepSquared() - TOL);
                assertCacheExact(ctx);
            }
        });
    }

    @Test
    void backtrackingCapKeepsThePreviousValueAndSaysSo() {
        DlamSession ctx = randomContext(7);
        DlamConfig capped = ctx.config().withBacktracking(1e-9, 1.5, 1e-9, 1.5, 2, false);
        DlamSession tight = Support.moved(ctx.problem(), capped, 0);
        tight.beginIteration(1);
        tight.state().assign(ctx.state());
        tight.refreshProducts();
        INDArray w0 = tight.state().w(2).dup();
        INDArray a0 = tight.state().a(1).dup();
        BlockStep w = new WBacktrack().update(tight, 2);
        BlockStep a = new ABacktrack().update(tight, 1);
        assertThat(w.fallback()).isTrue();
        assertThat(w.trials()).isEqualTo(2);
        assertThat(w.stepSquared()).isZero();
        assertThat(tight.state().w(2)).isEqualTo(w0);
        assertThat(a.fallback()).isTrue();
        assertThat(tight.state().a(1)).isEqualTo(a0);
    }
}
