package org.altmin.verification.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.verification.checks.FunctionChecks;
import org.altmin.verification.checks.LossChecks;
import org.altmin.verification.checks.TestPoints;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Contract tests for a {@link Loss} R(z; y): Assumption 2 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao,
 * arXiv:1811.04187, section 4.1; R proper, closed, convex in z), its gradient, and the prox of equation 5.
 * Implement {@link #subject()} in a test class and every default test runs against it:
 *
 * <pre>{@code
 * class SquareLossTest implements LossContract {
 *     public Loss subject() { return new SquareLoss(); }
 * }
 * }</pre>
 *
 * <p>y is one-hot, {@link #classes()} x {@link #SAMPLES}. Properties run {@link #EXAMPLES} QuickTheories examples
 * (seed {@link ContractSupport#seed()}), each running the check in {@link LossChecks} with the stated tries;
 * tolerances are in {@link FunctionChecks}.
 */
public interface LossContract {
    /** N, the number of columns of the test points. */
    int SAMPLES = 5;
    /** QuickTheories examples per property. */
    int EXAMPLES = 20;
    /** Tries of the underlying check per example, per property. */
    int CONVEXITY_TRIES = 10;
    int GRADIENT_TRIES = 3;
    int SUBGRADIENT_TRIES = 10;
    int PROX_TRIES = 2;
    int NONEXPANSIVE_TRIES = 3;
    int BOUNDED_BELOW_TRIES = 2;
    /** FLOAT results must match DOUBLE ones to this relative accuracy (plus the same absolute floor). */
    double FLOAT_TOLERANCE = 1e-4;

    /** The loss under test; called once per test. */
    Loss subject();

    /** Rows of z and y (classes of the one-hot y). */
    default int classes() {
        return 4;
    }

    /** The one-hot target for a check seed. */
    private INDArray target(long seed) {
        return TestPoints.oneHot(new SplittableRandom(~seed), classes(), SAMPLES);
    }

    @Test
    default void isConvexInZ() {
        Loss loss = subject();
        ContractSupport.property(EXAMPLES, s -> LossChecks.convexity(loss, target(s), s, CONVEXITY_TRIES));
    }

    @Test
    default void gradientMatchesCentralDifferences() {
        Loss loss = subject();
        ContractSupport.property(EXAMPLES, s -> LossChecks.gradient(loss, target(s), s, GRADIENT_TRIES));
    }

    @Test
    default void gradientIsASubgradient() {
        Loss loss = subject();
        ContractSupport.property(EXAMPLES, s -> LossChecks.subgradientInequality(loss, target(s), s,
                SUBGRADIENT_TRIES));
    }

    @Test
    default void proxIsOptimal() {
        Loss loss = subject();
        ContractSupport.property(EXAMPLES, s -> LossChecks.proxOptimality(loss, target(s), s, PROX_TRIES));
    }

    @Test
    default void proxIsNonexpansive() {
        Loss loss = subject();
        ContractSupport.property(EXAMPLES, s -> LossChecks.proxNonexpansive(loss, target(s), s, NONEXPANSIVE_TRIES));
    }

    /** R does not keep falling at a linear rate along rays out to 1e12 ({@link LossChecks#boundedBelow}). */
    @Test
    default void isBoundedBelow() {
        Loss loss = subject();
        ContractSupport.property(EXAMPLES, s -> LossChecks.boundedBelow(loss, target(s), s, BOUNDED_BELOW_TRIES));
    }

    /** Constant matrices of every edge value: value, gradient and prox stay finite. */
    @Test
    default void finiteAtEdgeValues() {
        Loss loss = subject();
        INDArray y = target(ContractSupport.seed());
        for (double e : TestPoints.EDGE_VALUES) {
            INDArray z = Nd4j.valueArrayOf(y.shape(), e, DataType.DOUBLE);
            double value = loss.value(z, y);
            assertTrue(Double.isFinite(value), () -> "R(z) = " + value + " at z = " + e + " everywhere");
            assertFinite(loss.gradient(z, y), "gradient at z = " + e);
            for (double rho : FunctionChecks.STEPS) {
                assertFinite(loss.prox(z, y, rho), "prox at v = " + e + ", rho = " + rho);
            }
        }
    }

    /** Every loss sums over samples (the api's convention): R of all columns = R of a split, summed. */
    @Test
    default void sumsOverSamples() {
        Loss loss = subject();
        SplittableRandom rng = new SplittableRandom(ContractSupport.seed());
        for (int i = 0; i < 5; i++) {
            INDArray y = target(rng.nextLong());
            INDArray z = TestPoints.matrixAtScale(rng, y.rows(), y.columns(), 3.0);
            int k = 2;
            double whole = loss.value(z, y);
            double parts = loss.value(cols(z, 0, k), cols(y, 0, k)) + loss.value(cols(z, k, SAMPLES), cols(y, k, SAMPLES));
            assertEquals(whole, parts, 1e-9 * (Math.abs(whole) + 1),
                    "R(z) must sum over samples: R of all columns != sum of R over a split");
        }
    }

    /** The prox result does not depend on the warm start passed in {@code out}. */
    @Test
    default void proxIgnoresWarmStart() {
        Loss loss = subject();
        SplittableRandom rng = new SplittableRandom(ContractSupport.seed());
        for (int i = 0; i < 5; i++) {
            INDArray y = target(rng.nextLong());
            INDArray v = TestPoints.matrixAtScale(rng, y.rows(), y.columns(), 3.0);
            double rho = FunctionChecks.STEPS[i % FunctionChecks.STEPS.length];
            INDArray fromV = v.dup();
            org.altmin.api.ProxReport r1 = loss.prox(v, y, rho, fromV);
            INDArray far = TestPoints.matrixAtScale(rng, y.rows(), y.columns(), 10.0);
            org.altmin.api.ProxReport r2 = loss.prox(v, y, rho, far);
            double gap = fromV.distance2(far);
            // Each point is within residual / rho of the exact prox (the prox objective is rho-strongly convex).
            double allowed = 1e-6 * (1 + fromV.norm2Number().doubleValue()) + (r1.residual() + r2.residual()) / rho;
            assertTrue(gap <= allowed,
                    () -> "prox depends on the warm start: ||difference|| = " + gap + " at rho = " + rho);
        }
    }

    /** FLOAT inputs give the DOUBLE results to {@link #FLOAT_TOLERANCE} (value, gradient, prox). */
    @Test
    default void floatAgreesWithDouble() {
        Loss loss = subject();
        SplittableRandom rng = new SplittableRandom(ContractSupport.seed());
        for (int i = 0; i < 5; i++) {
            INDArray y = target(rng.nextLong());
            INDArray z = TestPoints.matrixAtScale(rng, y.rows(), y.columns(), 3.0);
            INDArray zf = z.castTo(DataType.FLOAT);
            INDArray yf = y.castTo(DataType.FLOAT);
            double value = loss.value(z, y);
            double valueF = loss.value(zf, yf);
            assertEquals(value, valueF, FLOAT_TOLERANCE * (1 + Math.abs(value)), "value in FLOAT vs DOUBLE");
            assertClose(loss.gradient(z, y), loss.gradient(zf, yf), "gradient in FLOAT vs DOUBLE");
            assertClose(loss.prox(z, y, 1.0), loss.prox(zf, yf, 1.0), "prox in FLOAT vs DOUBLE");
        }
    }

    @Test
    default void proxRejectsNonPositiveRho() {
        Loss loss = subject();
        INDArray y = target(1);
        INDArray v = Nd4j.zeros(DataType.DOUBLE, y.rows(), y.columns());
        for (double rho : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(InvalidParameterException.class, () -> loss.prox(v, y, rho, v.dup()), "prox with rho = " + rho);
        }
    }

    @Test
    default void rejectsMismatchedShapes() {
        Loss loss = subject();
        INDArray y = target(2);
        INDArray wrongRows = Nd4j.zeros(DataType.DOUBLE, y.rows() + 1, y.columns());
        INDArray wrongCols = Nd4j.zeros(DataType.DOUBLE, y.rows(), y.columns() + 1);
        for (INDArray z : new INDArray[] {wrongRows, wrongCols}) {
            assertThrows(InvalidParameterException.class, () -> loss.value(z, y), "value with z of shape " + java.util.Arrays.toString(z.shape()));
            assertThrows(InvalidParameterException.class, () -> loss.gradient(z, y, z.ulike()), "gradient with bad z");
            assertThrows(InvalidParameterException.class, () -> loss.prox(z, y, 1.0, z.dup()), "prox with bad v");
        }
    }

    private static INDArray cols(INDArray m, int from, int to) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
    }

    private static void assertFinite(INDArray a, String what) {
        double[] v = a.castTo(DataType.DOUBLE).dup().data().asDouble();
        for (double d : v) {
            assertTrue(Double.isFinite(d), () -> what + " has a non-finite entry: " + a);
        }
    }

    private static void assertClose(INDArray expected, INDArray actualFloat, String what) {
        INDArray actual = actualFloat.castTo(DataType.DOUBLE);
        double gap = expected.distance2(actual);
        double bound = FLOAT_TOLERANCE * (1 + expected.norm2Number().doubleValue());
        assertTrue(gap <= bound, () -> what + ": ||difference|| = " + gap + " > " + bound);
    }
}
