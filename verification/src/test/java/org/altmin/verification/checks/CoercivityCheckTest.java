package org.altmin.verification.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.altmin.api.InvalidParameterException;
import org.altmin.verification.Doubles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CoercivityCheckTest {
    private static final long SEED = 3L;
    private final SplittableRandom rng = new SplittableRandom(SEED);
    private final INDArray y = TestPoints.oneHot(rng, 4, 5);
    private final INDArray z0 = TestPoints.matrixAtScale(rng, 4, 5, 1.0);
    private final INDArray ones = Nd4j.ones(DataType.DOUBLE, 4, 5);

    @Test
    void softmaxCrossEntropyAloneIsNotCoerciveAlongOnes() {
        var ce = new Doubles.SoftmaxCrossEntropy();
        Verdict v = CoercivityCheck.alongRays("softmax CE", z -> ce.value(z, y), z0, List.of(ones), SEED, 0);
        assertThat(v.failed()).as(v.describe()).isTrue();
        assertThat(v.counterexample().get()).contains("f(x0 + 4194304.0 d)");
    }

    @Test
    void couplingTermMakesTheRiskCoercive() {
        // DLAM's F in z_L: R(z_L; y) + (rho/2)||z_L - W_L a_{L-1} - b_L||^2, with the affine part fixed.
        var ce = new Doubles.SoftmaxCrossEntropy();
        INDArray affine = TestPoints.matrixAtScale(rng, 4, 5, 1.0);
        double rho = 0.1;
        ToDoubleFunction<INDArray> f = z -> ce.value(z, y) + rho / 2 * Math.pow(z.distance2(affine), 2);
        Verdict v = CoercivityCheck.alongRays("CE + coupling", f, z0, List.of(ones), SEED, CoercivityCheck.RAYS);
        assertThat(v.passed()).as(v.describe()).isTrue();
        assertThat(v.tries()).isEqualTo(CoercivityCheck.RAYS + 1);
    }

    @Test
    void regularizerIsCoerciveButALinearFunctionIsNot() {
        var l1 = new Doubles.L1(0.01);
        assertThat(CoercivityCheck.alongRays("L1", l1::value, z0, SEED).passed()).isTrue();
        INDArray c = TestPoints.direction(rng, 4, 5);
        Verdict linear = CoercivityCheck.alongRays("linear", z -> z.mul(c).sumNumber().doubleValue(), z0, SEED);
        assertThat(linear.failed()).as(linear.describe()).isTrue();
    }

    @Test
    void rejectsBadDirections() {
        assertThatThrownBy(() -> CoercivityCheck.alongRays("f", z -> 0, z0, List.of(Nd4j.zeros(DataType.DOUBLE, 4, 5)),
                SEED, 1)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("||direction||");
        assertThatThrownBy(() -> CoercivityCheck.alongRays("f", z -> 0, z0, List.of(Nd4j.ones(DataType.DOUBLE, 2, 2)),
                SEED, 1)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("direction");
    }
}
