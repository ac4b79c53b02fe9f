package org.altmin.verification.contracts;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Regularizer;
import org.altmin.verification.checks.FunctionChecks;
import org.altmin.verification.checks.RegularizerChecks;
import org.altmin.verification.checks.TestPoints;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Contract tests for a {@link Regularizer} Omega(W): Assumption 2 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao,
 * arXiv:1811.04187, section 4.1; proper, closed, convex), its subgradient (used for Property 3) and the prox of the
 * W update (Algorithm 2). Implement {@link #subject()} in a test class:
 *
 * <pre>{@code
 * class L1RegularizerTest implements RegularizerContract {
 *     public Regularizer subject() { return new L1Regularizer(1e-3); }
 * }
 * }</pre>
 *
 * <p>Properties run {@link #EXAMPLES} QuickTheories examples (seed {@link ContractSupport#seed()}), each running
 * the check in {@link RegularizerChecks} with the stated tries on W of random shapes; tolerances are in
 * {@link FunctionChecks}.
 */
public interface RegularizerContract {
    /** QuickTheories examples per property. */
    int EXAMPLES = 20;
    /** Tries of the underlying check per example, per property. */
    int CONVEXITY_TRIES = 10;
    int SUBGRADIENT_TRIES = 10;
    int KINK_TRIES = 3;
    int PROX_TRIES = 2;
    int NONEXPANSIVE_TRIES = 3;
    /** FLOAT results must match DOUBLE ones to this relative accuracy (plus the same absolute floor). */
    double FLOAT_TOLERANCE = 1e-4;

    /** The regularizer under test; called once per test. */
    Regularizer subject();

    @Test
    default void isConvex() {
        Regularizer omega = subject();
        ContractSupport.property(EXAMPLES, s -> RegularizerChecks.convexity(omega, s, CONVEXITY_TRIES));
    }

    @Test
    default void subgradientSatisfiesTheSubgradientInequality() {
        Regularizer omega = subject();
        ContractSupport.property(EXAMPLES, s -> RegularizerChecks.subgradientInequality(omega, s, SUBGRADIENT_TRIES));
    }

    /** At kinks (zeros, prox outputs) the subgradient is in the subdifferential: W = prox(W + s/t, t). */
    @Test
    default void subgradientAtKinksIsInTheSubdifferential() {
        Regularizer omega = subject();
        ContractSupport.property(EXAMPLES, s -> RegularizerChecks.subgradientAtKinks(omega, s, KINK_TRIES));
    }

    @Test
    default void proxIsOptimal() {
        Regularizer omega = subject();
        ContractSupport.property(EXAMPLES, s -> RegularizerChecks.proxOptimality(omega, s, PROX_TRIES));
    }

    @Test
    default void proxIsNonexpansive() {
        Regularizer omega = subject();
        ContractSupport.property(EXAMPLES, s -> RegularizerChecks.proxNonexpansive(omega, s, NONEXPANSIVE_TRIES));
    }

    /** Constant matrices of every edge value: value, subgradient and prox stay finite. */
    @Test
    default void finiteAtEdgeValues() {
        Regularizer omega = subject();
        for (double e : TestPoints.EDGE_VALUES) {
            INDArray w = Nd4j.valueArrayOf(new long[] {3, 4}, e, DataType.DOUBLE);
            double value = omega.value(w);
            assertTrue(Double.isFinite(value), () -> "Omega(W) = " + value + " at W = " + e + " everywhere");
            assertFinite(omega.subgradient(w), "subgradient at W = " + e);
            for (double t : FunctionChecks.STEPS) {
                assertFinite(omega.prox(w, t), "prox at V = " + e + ", t = " + t);
            }
        }
    }

    /** The api allows {@code out == v}: the in-place prox equals the allocating one. */
    @Test
    default void proxInPlaceEqualsAllocating() {
        Regularizer omega = subject();
        SplittableRandom rng = new SplittableRandom(ContractSupport.seed());
        for (int i = 0; i < 5; i++) {
            INDArray v = TestPoints.matrix(rng, 3, 5);
            double t = FunctionChecks.STEPS[i % FunctionChecks.STEPS.length];
            INDArray expected = omega.prox(v, t);
            INDArray inPlace = v.dup();
            omega.prox(inPlace, t, inPlace);
            double gap = expected.distance2(inPlace);
            assertTrue(gap <= 1e-12 * (1 + expected.norm2Number().doubleValue()),
                    () -> "prox(v, t, v) differs from prox(v, t) by " + gap);
        }
    }

    /** FLOAT inputs give the DOUBLE results to {@link #FLOAT_TOLERANCE} (value, subgradient, prox). */
    @Test
    default void floatAgreesWithDouble() {
        Regularizer omega = subject();
        SplittableRandom rng = new SplittableRandom(ContractSupport.seed());
        for (int i = 0; i < 5; i++) {
            INDArray w = TestPoints.matrixAtScale(rng, 3, 4, 3.0);
            INDArray wf = w.castTo(DataType.FLOAT);
            double value = omega.value(w);
            double valueF = omega.value(wf);
            assertTrue(Math.abs(value - valueF) <= FLOAT_TOLERANCE * (1 + Math.abs(value)),
                    () -> "value in FLOAT " + valueF + " vs DOUBLE " + value);
            assertClose(omega.subgradient(w), omega.subgradient(wf), "subgradient in FLOAT vs DOUBLE");
            assertClose(omega.prox(w, 1.0), omega.prox(wf, 1.0), "prox in FLOAT vs DOUBLE");
        }
    }

    @Test
    default void proxRejectsNonPositiveT() {
        Regularizer omega = subject();
        INDArray v = Nd4j.ones(DataType.DOUBLE, 2, 3);
        for (double t : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(InvalidParameterException.class, () -> omega.prox(v, t, v.ulike()), "prox with t = " + t);
        }
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
