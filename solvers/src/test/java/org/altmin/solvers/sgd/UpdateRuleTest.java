package org.altmin.solvers.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each rule against a plain-Java transcription of its formula, on three steps with varying gradients. */
class UpdateRuleTest {
    private static final double[] START = {0.5, -1.0, 2.0, 0.0, -0.25, 1.5};
    private static final double[][] GRADIENTS = {
        {0.1, -0.2, 0.3, 0.0, 1.0, -2.0},
        {-0.4, 0.5, 0.1, 0.2, -1.0, 0.5},
        {0.3, 0.3, -0.6, -0.1, 0.2, 4.0},
    };
    private static final double[] RATES = {0.1, 0.05, 0.02};

    /** Runs the rule on a 2 x 3 parameter, fresh gradient buffer each step (the stepper may overwrite it). */
    private static double[] run(UpdateRule rule, DataType dtype) {
        INDArray p = Nd4j.createFromArray(START).reshape(2, 3).castTo(dtype);
        UpdateRule.Stepper stepper = rule.stepper(p);
        for (int t = 0; t < GRADIENTS.length; t++) {
            stepper.step(p, Nd4j.createFromArray(GRADIENTS[t]).reshape(2, 3).castTo(dtype), RATES[t]);
        }
        return p.reshape(6).toDoubleVector();
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(tolerance));
        }
        // The rule must actually move the parameter.
        assertThat(expected).isNotEqualTo(START);
    }

    @Test
    void plainSgd() {
        double[] p = START.clone();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 6; i++) {
                p[i] -= RATES[t] * GRADIENTS[t][i];
            }
        }
        assertClose(run(new PlainSgd(), DataType.DOUBLE), p, 1e-14);
    }

    @Test
    void heavyBallAndNesterovMomentum() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double mu = 0.8;
            double[] p = START.clone();
            double[] v = new double[6];
            for (int t = 0; t < 3; t++) {
                for (int i = 0; i < 6; i++) {
                    double g = GRADIENTS[t][i];
                    v[i] = mu * v[i] + g;
                    p[i] -= RATES[t] * (nesterov ? g + mu * v[i] : v[i]);
                }
            }
            assertClose(run(new Momentum(mu, nesterov), DataType.DOUBLE), p, 1e-14);
        }
    }

    /**
     * The fused pass gives the op-by-op steps' bits, in FLOAT and DOUBLE, heavy ball and Nesterov, on a W-sized
     * array (one thread) and on one above Segments.PARALLEL_MIN (parallel segments), over several steps with
     * varying rates; and the stepper (which takes the fused path on these flat arrays) agrees with both.
     */
    @Test
    void theFusedMomentumStepIsTheOpByOpStepBitForBit() {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean nesterov : new boolean[] {false, true}) {
                for (long[] shape : new long[][] {{100, 784}, {300, 1000}}) {
                    Nd4j.getRandom().setSeed(17);
                    INDArray p0 = Nd4j.rand(dtype, shape).subi(0.5);
                    INDArray pFused = p0.dup();
                    INDArray pOps = p0.dup();
                    INDArray pStepper = p0.dup();
                    INDArray vFused = p0.ulike().assign(0);
                    INDArray vOps = p0.ulike().assign(0);
                    INDArray scratch = p0.ulike();
                    UpdateRule.Stepper stepper = new Momentum(0.9, nesterov).stepper(pStepper);
                    for (int t = 0; t < 4; t++) {
                        INDArray g = Nd4j.rand(dtype, shape).subi(0.5).muli(3);
                        double lr = 0.05 / (1 + t);
                        Momentum.fused(pFused, g.dup(), vFused, 0.9, nesterov, lr);
                        Momentum.opByOp(pOps, g.dup(), vOps, scratch, 0.9, nesterov, lr);
                        stepper.step(pStepper, g.dup(), lr);
                    }
                    String what = dtype + (nesterov ? " nesterov " : " heavy ball ") + java.util.Arrays.toString(shape);
                    assertThat(pFused.equals(p0)).as(what + " moved").isFalse();
                    assertThat(pFused.data().asDouble()).as(what).isEqualTo(pOps.data().asDouble());
                    assertThat(vFused.data().asDouble()).as(what + " velocity").isEqualTo(vOps.data().asDouble());
                    assertThat(pStepper.data().asDouble()).as(what + " stepper").isEqualTo(pOps.data().asDouble());
                }
            }
        }
    }

    @Test
    void nesterovDiffersFromHeavyBall() {
        assertThat(run(new Momentum(0.9, true), DataType.DOUBLE)).isNotEqualTo(run(new Momentum(0.9, false), DataType.DOUBLE));
    }

    @Test
    void adamWithBiasCorrection() {
        double b1 = 0.7;
        double b2 = 0.9;
        double eps = 1e-3;
        double[] p = START.clone();
        double[] m = new double[6];
        double[] v = new double[6];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 6; i++) {
                double g = GRADIENTS[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= RATES[t - 1] * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        assertClose(run(new Adam(b1, b2, eps), DataType.DOUBLE), p, 1e-14);
        // FLOAT runs the same formula to single precision.
        assertClose(run(new Adam(b1, b2, eps), DataType.FLOAT), p, 1e-5);
    }

    @Test
    void adamsFirstStepHasMagnitudeLearningRate() {
        // Bias correction makes step 1 equal lr * g / (|g| + eps): a check independent of the reference above.
        INDArray p = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        new Adam(0.9, 0.999, 1e-12).stepper(p).step(p, Nd4j.createFromArray(new double[][] {{3.0, -0.01}}), 0.1);
        assertThat(p.getDouble(0, 0)).isCloseTo(-0.1, within(1e-9));
        assertThat(p.getDouble(0, 1)).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void rmsProp() {
        double rho = 0.6;
        double eps = 1e-4;
        double[] p = START.clone();
        double[] s = new double[6];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 6; i++) {
                double g = GRADIENTS[t][i];
                s[i] = rho * s[i] + (1 - rho) * g * g;
                p[i] -= RATES[t] * g / (Math.sqrt(s[i]) + eps);
            }
        }
        assertClose(run(new RmsProp(rho, eps), DataType.DOUBLE), p, 1e-14);
    }

    @Test
    void adaGrad() {
        double eps = 1e-4;
        double[] p = START.clone();
        double[] sum = new double[6];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 6; i++) {
                double g = GRADIENTS[t][i];
                sum[i] += g * g;
                p[i] -= RATES[t] * g / (Math.sqrt(sum[i]) + eps);
            }
        }
        assertClose(run(new AdaGrad(eps), DataType.DOUBLE), p, 1e-14);
    }

    @Test
    void steppersOfTwoParametersKeepSeparateState() {
        UpdateRule rule = new Adam(0.9, 0.999, 1e-8);
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 1, 1);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 1, 1);
        UpdateRule.Stepper sa = rule.stepper(a);
        UpdateRule.Stepper sb = rule.stepper(b);
        sa.step(a, Nd4j.ones(DataType.DOUBLE, 1, 1), 0.1);
        sa.step(a, Nd4j.ones(DataType.DOUBLE, 1, 1), 0.1);
        sb.step(b, Nd4j.ones(DataType.DOUBLE, 1, 1), 0.1);
        // b's first step is bias-corrected at t = 1 regardless of a's two steps.
        assertThat(b.getDouble(0, 0)).isCloseTo(-0.1, within(1e-6));
        assertThat(a.getDouble(0, 0)).isCloseTo(-0.2, within(1e-6));
    }
}
