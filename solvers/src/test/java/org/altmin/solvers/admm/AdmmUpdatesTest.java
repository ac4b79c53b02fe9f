package org.altmin.solvers.admm;

import static org.altmin.solvers.admm.Fixtures.apply;
import static org.altmin.solvers.admm.Fixtures.distanceSq;
import static org.altmin.solvers.admm.Fixtures.gaussian;
import static org.altmin.solvers.admm.Fixtures.get;
import static org.altmin.solvers.admm.Fixtures.maxAbs;
import static org.altmin.solvers.admm.Fixtures.normSq;
import static org.altmin.solvers.admm.Fixtures.plus;
import static org.altmin.solvers.admm.Fixtures.times;
import static org.altmin.solvers.admm.Fixtures.transpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.altmin.activations.HardTanh;
import org.altmin.activations.LeakyRelu;
import org.altmin.activations.Relu;
import org.altmin.api.BlockStep;
import org.altmin.api.Loss;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.State;
import org.altmin.losses.L2Regularizer;
import org.altmin.losses.MulticlassHingeLoss;
import org.altmin.losses.NoRegularizer;
import org.altmin.losses.SoftmaxCrossEntropyLoss;
import org.altmin.losses.SquareLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each ADMM update is the exact minimizer of its subproblem, checked against plain-Java computations on tiny
 * DOUBLE problems moved a few iterations from their start (so that every term is nonzero): the optimality
 * conditions (normal equations, the a system, the prox's stationarity) and perturbations in random directions,
 * none of which may lower the subproblem's objective.
 */
class AdmmUpdatesTest {
    private static final AdmmConfig CONFIG = AdmmConfig.defaults().withPenalties(0.7, 3.0).withWarmStart(0);

    private static AdmmContext moved(Loss loss, Regularizer reg, QuasilinearActivation h, double ridge, long seed) {
        // N = 25 > every width, so a a^T is invertible and a^+ is unique.
        Problem problem = Fixtures.random(DataType.DOUBLE, 25, loss, reg, h, seed, 4, 6, 5, 3);
        return Fixtures.moved(problem, CONFIG.withRidge(ridge), 3);
    }

    /** beta ||z - W a||^2 + (lambda/2)||W||^2. */
    private static double wObjective(double[][] w, double[][] z, double[][] a, double beta, double lambda) {
        return beta * distanceSq(z, times(w, a)) + 0.5 * lambda * normSq(w);
    }

    @Test
    void leastSquaresWSatisfiesTheNormalEquationsAndNoPerturbationLowersItsObjective() {
        Random r = new Random(1);
        for (Regularizer reg : List.<Regularizer>of(new NoRegularizer(), new L2Regularizer(0.4))) {
            AdmmContext ctx = moved(new SquareLoss(), reg, new Relu(), 0.0, 3);
            double lambda = reg instanceof L2Regularizer l2 ? l2.lambda() : 0.0;
            for (int l = 1; l <= ctx.layers(); l++) {
                State s = ctx.state();
                double[][] z = get(s.z(l));
                double[][] a = get(s.a(l - 1));
                BlockStep step = AdmmUpdates.w(ctx, l);
                double[][] w = get(s.w(l));
                // 2 beta (W a - z) a^T + lambda W = 0, i.e. W (a a^T + lambda/(2 beta) I) = z a^T.
                double[][] lhs = plus(times(times(w, a), transpose(a)), w, lambda / (2 * CONFIG.beta()));
                double[][] rhs = times(z, transpose(a));
                assertThat(Math.sqrt(distanceSq(lhs, rhs))).as("%s layer %d", reg, l)
                        .isLessThan(1e-9 * (1 + Math.sqrt(normSq(rhs))));
                double f = wObjective(w, z, a, CONFIG.beta(), lambda);
                for (double t : Fixtures.perturbationScales()) {
                    for (int trial = 0; trial < 5; trial++) {
                        double[][] e = gaussian(r, w.length, w[0].length, t);
                        assertThat(wObjective(plus(w, e, 1.0), z, a, CONFIG.beta(), lambda)).isGreaterThanOrEqualTo(f);
                    }
                }
                // The cache holds the new product, and the step is what moved.
                assertThat(maxAbs(plus(get(ctx.wa(l)), times(w, a), -1.0))).isLessThan(1e-10);
                assertThat(step.stepSquared()).isGreaterThanOrEqualTo(0.0);
                assertThat(step.modulus()).as("ADMM states no descent modulus").isNaN();
            }
        }
    }

    @Test
    void ridgeShiftsTheNormalEquationsByItsRelativeAmount() {
        double ridge = 1e-2;
        AdmmContext ctx = moved(new SquareLoss(), new NoRegularizer(), new Relu(), ridge, 4);
        for (int l = 2; l <= ctx.layers(); l++) {
            double[][] z = get(ctx.state().z(l));
            double[][] a = get(ctx.state().a(l - 1));
            AdmmUpdates.w(ctx, l);
            double[][] w = get(ctx.state().w(l));
            double[][] gram = times(a, transpose(a));
            double trace = 0;
            for (int i = 0; i < gram.length; i++) {
                trace += gram[i][i];
            }
            double delta = ridge * trace / gram.length;
            double[][] lhs = plus(times(w, gram), w, delta);
            double[][] rhs = times(z, transpose(a));
            assertThat(Math.sqrt(distanceSq(lhs, rhs))).isLessThan(1e-9 * (1 + Math.sqrt(normSq(rhs))));
        }
    }

    @Test
    void withoutRidgeASingularGramGivesThePseudoInverseSolution() {
        // A dead input feature (all zero) makes a_0 a_0^T singular: W = z a^+ is the minimum-norm solution, with a
        // zero column for the dead feature.
        Problem base = Fixtures.random(DataType.DOUBLE, 25, new SquareLoss(), new NoRegularizer(), new Relu(), 5, 4,
                6, 3);
        base.data().x().getRow(2).assign(0);
        AdmmContext ctx = Fixtures.moved(base, CONFIG.withRidge(0.0), 2);
        double[][] z = get(ctx.state().z(1));
        double[][] a = get(ctx.state().a(0));
        AdmmUpdates.w(ctx, 1);
        double[][] w = get(ctx.state().w(1));
        for (double[] row : w) {
            assertThat(row[2]).isEqualTo(0.0, within(1e-12));
        }
        double[][] lhs = times(times(w, a), transpose(a));
        double[][] rhs = times(z, transpose(a));
        assertThat(Math.sqrt(distanceSq(lhs, rhs))).isLessThan(1e-9 * (1 + Math.sqrt(normSq(rhs))));
    }

    /** gamma ||a - h(z_l)||^2 + beta ||z_{l+1} - W_{l+1} a||^2. */
    private static double aObjective(double[][] a, double[][] hz, double[][] zNext, double[][] wNext, double beta,
            double gamma) {
        return gamma * distanceSq(a, hz) + beta * distanceSq(zNext, times(wNext, a));
    }

    @Test
    void aUpdateSolvesItsLinearSystemAndNoPerturbationLowersItsObjective() {
        Random r = new Random(2);
        for (QuasilinearActivation h : List.<QuasilinearActivation>of(new Relu(), new HardTanh())) {
            AdmmContext ctx = moved(new SquareLoss(), new NoRegularizer(), h, 0.0, 5);
            for (int l = 1; l < ctx.layers(); l++) {
                State s = ctx.state();
                double[][] hz = apply(h, get(s.z(l)));
                double[][] zNext = get(s.z(l + 1));
                double[][] wNext = get(s.w(l + 1));
                BlockStep step = AdmmUpdates.a(ctx, l);
                double[][] a = get(s.a(l));
                double beta = CONFIG.beta();
                double gamma = CONFIG.gamma();
                // (beta W^T W + gamma I) a = beta W^T z + gamma h(z)
                double[][] lhs = plus(times(times(transpose(wNext), wNext), a), a, gamma / beta);
                double[][] rhs = plus(times(transpose(wNext), zNext), hz, gamma / beta);
                assertThat(Math.sqrt(distanceSq(lhs, rhs))).as("%s layer %d", h, l)
                        .isLessThan(1e-9 * (1 + Math.sqrt(normSq(rhs))));
                double f = aObjective(a, hz, zNext, wNext, beta, gamma);
                for (double t : Fixtures.perturbationScales()) {
                    for (int trial = 0; trial < 5; trial++) {
                        double[][] e = gaussian(r, a.length, a[0].length, t);
                        assertThat(aObjective(plus(a, e, 1.0), hz, zNext, wNext, beta, gamma)).isGreaterThanOrEqualTo(f);
                    }
                }
                assertThat(step.modulus()).as("ADMM states no descent modulus").isNaN();
            }
        }
    }

    @Test
    void hiddenZUpdateBeatsAFineGridPerEntryForEverySupportedActivation() {
        for (QuasilinearActivation h : List.<QuasilinearActivation>of(new Relu(), new LeakyRelu(0.1), new HardTanh(),
                new org.altmin.activations.Identity())) {
            AdmmContext ctx = moved(new SquareLoss(), new NoRegularizer(), h, 0.0, 6);
            for (int l = 1; l < ctx.layers(); l++) {
                double[][] a = get(ctx.state().a(l));
                double[][] m = get(ctx.wa(l));
                AdmmUpdates.z(ctx, l);
                double[][] z = get(ctx.state().z(l));
                double gamma = CONFIG.gamma();
                double beta = CONFIG.beta();
                for (int i = 0; i < z.length; i++) {
                    for (int j = 0; j < z[0].length; j++) {
                        double fz = f(h, z[i][j], a[i][j], m[i][j], gamma, beta);
                        double lo = Math.min(-3, Math.min(a[i][j], m[i][j]) - 1);
                        double hi = Math.max(3, Math.max(a[i][j], m[i][j]) + 1);
                        int points = 4000;
                        for (int g = 0; g <= points; g++) {
                            double t = lo + (hi - lo) * g / points;
                            assertThat(fz).as("%s entry (%d, %d) against z = %s", h, i, j, t)
                                    .isLessThanOrEqualTo(f(h, t, a[i][j], m[i][j], gamma, beta) + 1e-12);
                        }
                    }
                }
            }
        }
    }

    private static double f(QuasilinearActivation h, double z, double a, double m, double gamma, double beta) {
        double r = a - h.apply(z);
        return gamma * r * r + beta * (z - m) * (z - m);
    }

    /** R(z) + <z, lambda> + beta ||z - m||^2. */
    private static double zLObjective(Loss loss, INDArray y, double[][] z, double[][] lambda, double[][] m,
            double beta) {
        double inner = 0;
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[0].length; j++) {
                inner += z[i][j] * lambda[i][j];
            }
        }
        return loss.value(Fixtures.matrix(z, DataType.DOUBLE), y) + inner + beta * distanceSq(z, m);
    }

    @Test
    void outputZUpdateIsTheProxOfTheLagrangianAndNoPerturbationLowersIt() {
        Random r = new Random(3);
        for (Loss loss : List.<Loss>of(new SquareLoss(), new SoftmaxCrossEntropyLoss(), new MulticlassHingeLoss())) {
            AdmmContext ctx = moved(loss, new NoRegularizer(), new Relu(), 0.0, 7);
            int layers = ctx.layers();
            assertThat(ctx.lambda().norm2Number().doubleValue()).isPositive();
            double[][] lambda = get(ctx.lambda());
            double[][] m = get(ctx.wa(layers));
            INDArray y = ctx.problem().data().y();
            BlockStep step = AdmmUpdates.zL(ctx);
            double[][] z = get(ctx.state().z(layers));
            double f = zLObjective(loss, y, z, lambda, m, CONFIG.beta());
            double slack = loss instanceof SoftmaxCrossEntropyLoss ? 1e-9 * (1 + Math.abs(f)) : 1e-12 * (1 + Math.abs(f));
            for (double t : Fixtures.perturbationScales()) {
                for (int trial = 0; trial < 5; trial++) {
                    double[][] e = gaussian(r, z.length, z[0].length, t);
                    assertThat(zLObjective(loss, y, plus(z, e, 1.0), lambda, m, CONFIG.beta()))
                            .as("%s, scale %s", loss, t).isGreaterThanOrEqualTo(f - slack);
                }
            }
            if (loss.isSmooth()) {
                // Stationarity: grad R(z) + lambda + 2 beta (z - m) = 0.
                double[][] grad = get(loss.gradient(ctx.state().z(layers), y));
                double[][] residual = plus(plus(grad, lambda, 1.0), plus(z, m, -1.0), 2 * CONFIG.beta());
                assertThat(maxAbs(residual)).as("%s", loss).isLessThan(1e-6);
            }
            assertThat(step.modulus()).as("ADMM states no descent modulus").isNaN();
        }
    }

    @Test
    void multiplierStepIsLambdaPlusBetaTimesThePrimalResidual() {
        AdmmContext ctx = moved(new SquareLoss(), new NoRegularizer(), new Relu(), 0.0, 8);
        int layers = ctx.layers();
        double[][] before = get(ctx.lambda());
        double[][] z = get(ctx.state().z(layers));
        double[][] wa = times(get(ctx.state().w(layers)), get(ctx.state().a(layers - 1)));
        double step = AdmmUpdates.multiplier(ctx);
        double[][] expected = plus(before, plus(z, wa, -1.0), CONFIG.beta());
        assertThat(maxAbs(plus(get(ctx.lambda()), expected, -1.0))).isLessThan(1e-12);
        double residualSq = distanceSq(z, wa);
        assertThat(ctx.primalResidual()).isCloseTo(Math.sqrt(residualSq), within(1e-12));
        assertThat(step).isCloseTo(CONFIG.beta() * CONFIG.beta() * residualSq, within(1e-12));
        assertThat(residualSq).isPositive();
    }

    @Test
    void primalUpdatesNeverRaiseTheAugmentedLagrangianAndTheMultiplierChangesItByItsLinearTerm() {
        for (QuasilinearActivation h : List.<QuasilinearActivation>of(new Relu(), new LeakyRelu(0.3), new HardTanh())) {
            AdmmContext ctx = moved(new SoftmaxCrossEntropyLoss(), new NoRegularizer(), h, 0.0, 9);
            double before = lagrangian(ctx);
            assertThat(AdmmObjective.of(ctx).value()).isCloseTo(before, within(1e-9 * (1 + Math.abs(before))));
            for (int l = 1; l <= ctx.layers(); l++) {
                final int layer = l;
                List<Runnable> blocks = l < ctx.layers()
                        ? List.of(() -> AdmmUpdates.w(ctx, layer), () -> AdmmUpdates.a(ctx, layer), () -> AdmmUpdates.z(ctx, layer))
                        : List.of(() -> AdmmUpdates.w(ctx, layer), () -> AdmmUpdates.zL(ctx));
                for (Runnable block : blocks) {
                    block.run();
                    double after = lagrangian(ctx);
                    assertThat(after).as("%s layer %d", h, l).isLessThanOrEqualTo(before + 1e-8 * (1 + Math.abs(before)));
                    before = after;
                }
            }
            // At the end of the primal sweep the cached products are current: the report agrees with the scratch value.
            assertThat(AdmmObjective.of(ctx).value()).isCloseTo(before, within(1e-9 * (1 + Math.abs(before))));
            // The multiplier enters only through <z_L, lambda>: the step changes L by beta <z_L, z_L - W_L a_{L-1}>.
            int layers = ctx.layers();
            double[][] zL = get(ctx.state().z(layers));
            double[][] r = plus(zL, times(get(ctx.state().w(layers)), get(ctx.state().a(layers - 1))), -1.0);
            double inner = 0;
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r[0].length; j++) {
                    inner += zL[i][j] * r[i][j];
                }
            }
            AdmmUpdates.multiplier(ctx);
            assertThat(lagrangian(ctx) - before).isCloseTo(CONFIG.beta() * inner, within(1e-8 * (1 + Math.abs(before))));
        }
    }

    /** The augmented Lagrangian from scratch (fresh products, no cache). */
    private static double lagrangian(AdmmContext ctx) {
        Problem p = ctx.problem();
        State s = ctx.state();
        int layers = ctx.layers();
        double f = p.loss().value(s.z(layers), p.data().y());
        double[][] lambda = get(ctx.lambda());
        double[][] zL = get(s.z(layers));
        for (int i = 0; i < zL.length; i++) {
            for (int j = 0; j < zL[0].length; j++) {
                f += zL[i][j] * lambda[i][j];
            }
        }
        for (int l = 1; l <= layers; l++) {
            f += CONFIG.beta() * distanceSq(get(s.z(l)), times(get(s.w(l)), get(s.a(l - 1))));
            if (l < layers) {
                f += CONFIG.gamma() * distanceSq(get(s.a(l)), apply(p.activation(l), get(s.z(l))));
            }
        }
        return f;
    }
}
