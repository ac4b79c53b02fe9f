package org.altmin.verification.contracts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.altmin.api.Loss;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.verification.Doubles;
import org.altmin.verification.EdgeDoubles;
import org.junit.jupiter.api.Test;

/**
 * The contracts' default tests fail, with the check's counterexample in the message, for components that violate
 * the paper's assumptions: a contract that passes everything would be worthless.
 */
class ContractNegativeControlsTest {
    private static LossContract loss(Loss l) {
        return () -> l;
    }

    private static RegularizerContract regularizer(Regularizer r) {
        return () -> r;
    }

    private static QuasilinearActivationContract activation(QuasilinearActivation h) {
        return () -> h;
    }

    @Test
    void geluFailsBothQuasilinearityProperties() {
        assertThatThrownBy(activation(new Doubles.Gelu())::isQuasilinear)
                .isInstanceOf(AssertionError.class).hasMessageContaining("activation.quasilinearity FAILED")
                .hasMessageContaining("QuickTheories seed " + ContractSupport.DEFAULT_SEED);
        assertThatThrownBy(activation(new Doubles.Sine())::isQuasilinearOnShrinkableTriples)
                .isInstanceOf(AssertionError.class).hasMessageContaining("not quasilinear");
    }

    @Test
    void badBoundsFailSoundnessAndTightness() {
        assertThatThrownBy(activation(new Doubles.TooWideRelu())::preimageBoundsAreSound)
                .isInstanceOf(AssertionError.class).hasMessageContaining("too wide");
        assertThatThrownBy(activation(new Doubles.TooNarrowTanh())::preimageBoundsAreTight)
                .isInstanceOf(AssertionError.class).hasMessageContaining("too narrow");
        assertThatThrownBy(activation(new Doubles.SilentEmptyTanh())::emptyPreimageThrows)
                .isInstanceOf(AssertionError.class).hasMessageContaining("must throw InvalidParameterException");
    }

    @Test
    void nonConvexRegularizerFailsConvexity() {
        assertThatThrownBy(regularizer(new Doubles.NegativeFrobenius())::isConvex)
                .isInstanceOf(AssertionError.class).hasMessageContaining("regularizer.convexity FAILED")
                .hasMessageContaining("counterexample");
        assertThatThrownBy(regularizer(new Doubles.SqrtAbs())::isConvex).isInstanceOf(AssertionError.class);
        assertThatThrownBy(regularizer(new Doubles.L1WrongThreshold(0.3))::proxIsOptimal)
                .isInstanceOf(AssertionError.class).hasMessageContaining("regularizer.proxOptimality FAILED");
    }

    @Test
    void brokenLossesFailTheirProperties() {
        assertThatThrownBy(loss(new Doubles.ConcaveLoss())::isConvexInZ)
                .isInstanceOf(AssertionError.class).hasMessageContaining("loss.convexity FAILED");
        assertThatThrownBy(loss(new Doubles.WrongGradient())::gradientMatchesCentralDifferences)
                .isInstanceOf(AssertionError.class).hasMessageContaining("loss.gradient FAILED");
        assertThatThrownBy(loss(new Doubles.ProxOffByFactor())::proxIsOptimal)
                .isInstanceOf(AssertionError.class).hasMessageContaining("loss.proxOptimality FAILED");
        assertThatThrownBy(loss(new Doubles.ProxOffByFactor())::proxIsNonexpansive)
                .isInstanceOf(AssertionError.class).hasMessageContaining("loss.proxNonexpansive FAILED");
    }

    @Test
    void plantedEdgeViolationsFailTheirContracts() {
        assertThatThrownBy(loss(new EdgeDoubles.HuberWrongSlope(1.0))::gradientMatchesCentralDifferences)
                .isInstanceOf(AssertionError.class).hasMessageContaining("loss.gradient FAILED");
        assertThatThrownBy(loss(new EdgeDoubles.LinearLoss())::isBoundedBelow)
                .isInstanceOf(AssertionError.class).hasMessageContaining("loss.boundedBelow FAILED");
        assertThatThrownBy(regularizer(new EdgeDoubles.L1TwiceAtZero(0.3))::subgradientAtKinksIsInTheSubdifferential)
                .isInstanceOf(AssertionError.class).hasMessageContaining("regularizer.subgradientAtKinks FAILED");
        assertThatThrownBy(activation(new EdgeDoubles.SoftsignNaNOnEmpty())::emptyPreimageThrows)
                .isInstanceOf(AssertionError.class).hasMessageContaining("activation.emptyPreimage FAILED");
        assertThatThrownBy(activation(new EdgeDoubles.NarrowDip())::isQuasilinear)
                .isInstanceOf(AssertionError.class).hasMessageContaining("activation.quasilinearity FAILED");
    }

    @Test
    void lossAveragingInsteadOfSummingFailsTheConvention() {
        Loss mean = new Doubles.SquareLoss() {
            @Override
            public double value(org.nd4j.linalg.api.ndarray.INDArray z, org.nd4j.linalg.api.ndarray.INDArray y) {
                return super.value(z, y) / z.columns();
            }
        };
        assertThatThrownBy(loss(mean)::sumsOverSamples).isInstanceOf(AssertionError.class)
                .hasMessageContaining("sum over samples");
    }

    @Test
    void missingValidationFailsTheBadInputTests() {
        Loss unchecked = new Doubles.SquareLoss() {
            @Override
            public org.altmin.api.ProxReport prox(org.nd4j.linalg.api.ndarray.INDArray v,
                    org.nd4j.linalg.api.ndarray.INDArray y, double rho, org.nd4j.linalg.api.ndarray.INDArray out) {
                out.assign(v.mul(rho).addi(y).divi(1 + rho)); // no rho check
                return org.altmin.api.ProxReport.EXACT;
            }
        };
        assertThatThrownBy(loss(unchecked)::proxRejectsNonPositiveRho).isInstanceOf(AssertionError.class);
        assertThatThrownBy(activation(new Doubles.Relu() {
            @Override
            protected void check(double a, double epsilon) {}
        })::rejectsNegativeEpsilon).isInstanceOf(AssertionError.class);
    }
}
