package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;

import org.altmin.api.ObjectiveModel;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The z and a parts of DLAM's objective model (Property 3): zero right after the exact z and z_L blocks (their
 * optimality conditions), equal to the smooth part where no constraint binds, and the normal cone taken entrywise.
 */
class DlamModelSubgradientTest {
    static DlamSession moved(int seed) {
        Problem problem = Doubles.problem(DataType.DOUBLE, 9, Doubles.SQUARE, Doubles.NONE, Doubles.TANH, seed, 4, 5, 3, 2);
        DlamConfig config = DlamConfig.defaults().withRhoEpsilon(0.7, 0.05);
        DlamSession s = Support.moved(problem, config, 2);
        // move z off the forward pass so the residuals and the band constraints matter
        s.state().z(1).addi(Nd4j.rand(DataType.DOUBLE, 5, 9).subi(0.5));
        s.state().z(2).addi(Nd4j.rand(DataType.DOUBLE, 3, 9).subi(0.5));
        return s;
    }

    @Test
    void zPartVanishesAfterTheExactZBlockAndIsTheResidualInside() {
        for (int seed = 1; seed <= 4; seed++) {
            DlamSession ctx = moved(seed);
            ObjectiveModel model = ctx.model().orElseThrow();
            assertThat(model.differentiable()).containsExactly("W", "b", "z", "a");
            for (int l = 1; l <= 2; l++) {
                new ZClip().update(ctx, l);
                INDArray g = Nd4j.create(DataType.DOUBLE, ctx.state().z(l).shape());
                model.subgradient(State.Z, l, g);
                // z = clip(W a + b, B1, B2): rho (z - u) lies in minus the normal cone, entry by entry
                assertThat(g.amaxNumber().doubleValue()).as("layer %d, seed %d", l, seed).isLessThan(1e-12);
            }
            new ZLProx().update(ctx, 3);
            INDArray gL = Nd4j.create(DataType.DOUBLE, ctx.state().z(3).shape());
            model.subgradient(State.Z, 3, gL);
            assertThat(gL.amaxNumber().doubleValue()).as("z_L, seed %d", seed).isLessThan(1e-10);
        }
    }

    @Test
    void aPartIsTheSmoothGradientInsideTheBandAndCancelledAtItsEdges() {
        DlamSession ctx = moved(7);
        ObjectiveModel model = ctx.model().orElseThrow();
        int l = 1;
        State s = ctx.state();
        INDArray r = s.z(2).sub(s.w(2).mmul(s.a(1))).subiColumnVector(s.b(2));
        INDArray smooth = s.w(2).transpose().mmul(r).muli(-ctx.rho());
        INDArray hz = ctx.problem().activation(l).apply(s.z(l));
        // put the first column at the band's lower edge and the second at its upper edge
        for (int i = 0; i < s.a(l).rows(); i++) {
            s.a(l).putScalar(i, 0, hz.getDouble(i, 0) - ctx.epsilon());
            s.a(l).putScalar(i, 1, hz.getDouble(i, 1) + ctx.epsilon());
        }
        ctx.refreshProducts();
        r = s.z(2).sub(s.w(2).mmul(s.a(1))).subiColumnVector(s.b(2));
        smooth = s.w(2).transpose().mmul(r).muli(-ctx.rho());
        INDArray g = Nd4j.create(DataType.DOUBLE, s.a(l).shape());
        model.subgradient(State.A, l, g);
        int cancelled = 0;
        for (int i = 0; i < g.rows(); i++) {
            for (int j = 0; j < g.columns(); j++) {
                double expected = smooth.getDouble(i, j);
                boolean atLower = j == 0;
                boolean atUpper = j == 1;
                if ((atLower && expected > 0) || (atUpper && expected < 0)) {
                    expected = 0;
                    cancelled++;
                } else if (j <= 1) {
                    // the other sign at an edge is kept
                }
                assertThat(g.getDouble(i, j)).as("(%d, %d)", i, j).isCloseTo(expected,
                        org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        assertThat(cancelled).isPositive();
    }
}
