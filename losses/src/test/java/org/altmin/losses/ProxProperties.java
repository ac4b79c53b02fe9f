package org.altmin.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.altmin.api.Loss;
import org.altmin.api.Regularizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Properties every proximal map of a proper closed convex function has, whatever its formula: it is firmly
 * nonexpansive, {@code ||P a - P b||^2 <= <P a - P b, a - b>} (H. Bauschke and P. Combettes, Convex Analysis and
 * Monotone Operator Theory in Hilbert Spaces, 2011, proposition 12.28), and its value never exceeds that of
 * the prox objective at the input itself. Checked on random small problems for every shipped component.
 */
class ProxProperties {
    private static final int EXAMPLES = 40;

    /** A prox with its scale parameter (rho or t) and the data it needs, as a function of (v, scale). */
    private record Prox(String name, BiFunction<INDArray, Double, INDArray> map, double slack) {}

    private static List<Prox> proxes(SplittableRandom random) {
        INDArray oneHot = Fixtures.oneHot(random, 4, 5);
        INDArray soft = Fixtures.softLabels(random, 4, 5);
        INDArray target = Fixtures.uniform(random, 4, 5, 2);
        // the Newton prox is exact to its tolerance / rho per column; slack covers that
        SoftmaxCrossEntropyLoss crossEntropy = new SoftmaxCrossEntropyLoss(1e-11, 100_000);
        return List.of(
                lossProx("square", new SquareLoss(), target, 1e-12),
                lossProx("cross-entropy", crossEntropy, soft, 1e-8),
                lossProx("hinge", new MulticlassHingeLoss(0.7), oneHot, 1e-12),
                lossProx("crammer-singer", new CrammerSingerHingeLoss(0.7), oneHot, 1e-12),
                regularizerProx("none", new NoRegularizer()),
                regularizerProx("l2", new L2Regularizer(0.3)),
                regularizerProx("l1", new L1Regularizer(0.3)),
                regularizerProx("elastic-net", new ElasticNetRegularizer(0.3, 0.2)));
    }

    private static Prox lossProx(String name, Loss loss, INDArray y, double slack) {
        return new Prox(name, (v, rho) -> loss.prox(v, y, rho), slack);
    }

    private static Prox regularizerProx(String name, Regularizer regularizer) {
        return new Prox(name, (v, t) -> regularizer.prox(v, t), 1e-12);
    }

    @Test
    void everyProxIsFirmlyNonexpansive() {
        qt().withFixedSeed(101).withExamples(EXAMPLES)
                .forAll(longs().all(), doubles().between(-1.5, 2), integers().between(0, 7))
                .checkAssert((seed, logScale, which) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    Prox prox = proxes(random).get(which);
                    double scale = Math.pow(10, logScale);
                    INDArray a = Fixtures.uniform(random, 4, 5, 3);
                    INDArray b = Fixtures.uniform(random, 4, 5, 3);
                    INDArray pa = prox.map().apply(a, scale);
                    INDArray pb = prox.map().apply(b, scale);
                    INDArray diff = pa.sub(pb);
                    double lhs = diff.squaredDistance(diff.mul(0));
                    double rhs = diff.mul(a.sub(b)).sumNumber().doubleValue();
                    assertThat(lhs).as(prox.name() + " at scale " + scale)
                            .isLessThanOrEqualTo(rhs + prox.slack() * (1 + Math.abs(rhs)) / Math.min(1, scale));
                });
    }

    @Test
    void theRegularizerProxBalancesValueAndDistance() {
        qt().withFixedSeed(202).withExamples(EXAMPLES)
                .forAll(longs().all(), doubles().between(-2, 2), integers().between(0, 3))
                .checkAssert((seed, logT, which) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    Regularizer regularizer = List.<Regularizer>of(new NoRegularizer(), new L2Regularizer(0.5),
                            new L1Regularizer(0.5), new ElasticNetRegularizer(0.5, 0.5)).get(which);
                    double t = Math.pow(10, logT);
                    INDArray v = Fixtures.uniform(random, 3, 4, 2);
                    INDArray u = regularizer.prox(v, t);
                    // the prox objective at u is at most its value at v (where the distance term is 0)...
                    assertThat(regularizer.value(u) + t / 2 * u.squaredDistance(v))
                            .isLessThanOrEqualTo(regularizer.value(v) + 1e-12);
                    // ...and at most its value at any convex combination of u and v
                    INDArray mid = u.add(v).muli(0.5);
                    assertThat(regularizer.value(u) + t / 2 * u.squaredDistance(v))
                            .isLessThanOrEqualTo(regularizer.value(mid) + t / 2 * mid.squaredDistance(v) + 1e-12);
                });
    }
}
