package org.altmin.solvers.dlam;

import static org.altmin.solvers.kernels.FusedTest.assertSameEntries;
import static org.altmin.solvers.kernels.FusedTest.sumSq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.altmin.api.BlockStep;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.altmin.solvers.common.Initialization;
import org.altmin.solvers.kernels.Fused;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DLAM's use of the fused kernels ({@link Fused}, tested in {@code org.altmin.solvers.kernels.FusedTest}): every
 * buffer of the context takes the fast path, and the zero-residual shortcuts of the W and a blocks.
 */
class FusedPathTest {
    @Test
    void everyContextBufferTakesTheFastPath() {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Problem p = Doubles.problem(dtype, 9, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 3, 4, 5, 3, 2);
            DlamSession ctx = new DlamSession(p, DlamConfig.defaults());
            ctx.start();
            for (int l = 1; l <= ctx.layers(); l++) {
                State s = ctx.state();
                List<INDArray> arrays = new ArrayList<>(List.of(s.z(l), ctx.wa(l), ctx.buffer("residual", l),
                        ctx.buffer("step-product", l), ctx.buffer("lower", l), ctx.buffer("upper", l)));
                if (l < ctx.layers()) {
                    arrays.add(s.a(l));
                }
                assertThat(Fused.flat(arrays.toArray(new INDArray[0]))).as("layer %d, %s", l, dtype).isTrue();
            }
        }
    }

    /** A started DOUBLE context: b = 0, so every residual {@code z - W a - b = W a - W a - 0} is exactly 0. */
    static DlamSession atStart(org.altmin.api.Regularizer reg, DlamConfig config) {
        Problem p = Doubles.problem(DataType.DOUBLE, 11, Doubles.SQUARE, reg, Doubles.RELU, 5, 4, 6, 5, 2);
        DlamSession ctx = new DlamSession(p, config);
        ctx.start();
        ctx.beginIteration(1);
        for (int l = 1; l <= ctx.layers(); l++) {
            assertThat(ctx.residualSquared(l, ctx.buffer("residual", l))).isZero();
        }
        return ctx;
    }

    @Test
    void zeroResidualSkipsOnlyTheGradientOfW() {
        // Omega = 0: zeta = W, the zero step.
        DlamSession plain = atStart(Doubles.NONE, DlamConfig.defaults());
        INDArray w0 = plain.state().w(1).dup();
        BlockStep none = new WBacktrack().update(plain, 1);
        assertThat(none.stepSquared()).isZero();
        assertThat(none.trials()).isEqualTo(1);
        assertSameEntries(plain.state().w(1), w0);
        // Omega = (lambda/2)||W||^2: the prox still shrinks W with a zero gradient.
        double lambda = 0.1;
        DlamSession ctx = atStart(Doubles.l2(lambda), DlamConfig.defaults());
        w0 = ctx.state().w(1).dup();
        BlockStep step = new WBacktrack().update(ctx, 1);
        double theta = step.modulus();
        INDArray expected = w0.mul(theta / (theta + lambda));
        assertThat(ctx.state().w(1).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-15);
        assertThat(step.stepSquared()).isPositive().isCloseTo(sumSq(expected.sub(w0)), within(1e-15));
        DlamBlocksTest.assertCacheExact(ctx);
    }

    @Test
    void zeroResidualStillProjectsAOntoTheNewBand() {
        double eps = 0.1;
        DlamConfig schedule = new DlamConfig(0.5, eps, 1.0, 2.0, 1.0, 2.0, 60, false, 0.5, 1e-6,
                Initialization.Scheme.XAVIER, 1.0, false, 0.0);
        DlamSession ctx = atStart(Doubles.NONE, schedule);
        State s = ctx.state();
        // a_1 = h(z_1) + 0.9 eps: feasible for eps, outside the band of eps / 2; then restore a zero residual of
        // layer 2 by z_2 = W_2 a_1 (b_2 = 0).
        UnaryOperator<INDArray> h = z -> Doubles.RELU.apply(z);
        INDArray hz = h.apply(s.z(1));
        s.a(1).assign(hz.add(0.9 * eps));
        ctx.refreshProducts();
        s.z(2).assign(ctx.wa(2));
        assertThat(ctx.residualSquared(2, ctx.buffer("residual", 2))).isZero();
        ctx.beginIteration(2);
        assertThat(ctx.epsilon()).isEqualTo(eps / 2);
        INDArray a0 = s.a(1).dup();
        BlockStep step = new ABacktrack().update(ctx, 1);
        assertThat(step.stepSquared()).isPositive();
        // Every entry lands on the upper edge of the new band (narrowed by a few units of roundoff).
        assertThat(s.a(1).sub(hz).subi(eps / 2).amaxNumber().doubleValue()).isLessThan(1e-13);
        assertThat(step.stepSquared()).isCloseTo(sumSq(s.a(1).sub(a0)), within(1e-15));
        DlamBlocksTest.assertCacheExact(ctx);
    }
}
