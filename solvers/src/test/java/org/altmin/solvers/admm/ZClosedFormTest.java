package org.altmin.solvers.admm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.altmin.activations.HardTanh;
import org.altmin.activations.Identity;
import org.altmin.activations.LeakyRelu;
import org.altmin.activations.Relu;
import org.altmin.activations.Sign;
import org.altmin.activations.Step;
import org.altmin.activations.Tanh;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ZClosedFormTest {
    private static final ZClosedForm[] FORMS = {ZClosedForm.IDENTITY, ZClosedForm.RELU, ZClosedForm.leakyRelu(0.05),
            ZClosedForm.leakyRelu(0.7), ZClosedForm.HARD_TANH};

    @Test
    void recognizesTheShippedActivationsAndAPluginByTheirValues() {
        assertThat(ZClosedForm.of(new Relu(), 1)).isEqualTo(ZClosedForm.RELU);
        assertThat(ZClosedForm.of(new Identity(), 1)).isEqualTo(ZClosedForm.IDENTITY);
        assertThat(ZClosedForm.of(new HardTanh(), 2)).isEqualTo(ZClosedForm.HARD_TANH);
        assertThat(ZClosedForm.of(new LeakyRelu(0.25), 1)).isEqualTo(ZClosedForm.leakyRelu(0.25));
        assertThat(ZClosedForm.of(new LeakyRelu(), 1)).isEqualTo(ZClosedForm.leakyRelu(LeakyRelu.DEFAULT_ALPHA));
        QuasilinearActivation pluginRelu = new QuasilinearActivation() {
            public double apply(double z) { return z > 0 ? z : 0; }
            public double derivative(double z) { return z > 0 ? 1 : 0; }
            public double lowerBound(double a, double eps) { return Double.NEGATIVE_INFINITY; }
            public double upperBound(double a, double eps) { return a + eps; }
        };
        assertThat(ZClosedForm.of(pluginRelu, 1)).isEqualTo(ZClosedForm.RELU);
    }

    @Test
    void rejectsOtherActivationsNamingLayerAndListingTheSupportedOnes() {
        for (QuasilinearActivation h : new QuasilinearActivation[] {new Tanh(), new Sign(), new Step()}) {
            assertThatThrownBy(() -> ZClosedForm.of(h, 3))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith("admm.activations[3] must be one of relu, leaky-relu (0 < alpha < 1), "
                            + "hard-tanh, identity")
                    .hasMessageEndingWith("found " + h);
        }
        // A clipped ReLU agrees with ReLU below 1 but not above: the probes see it.
        QuasilinearActivation relu6 = new QuasilinearActivation() {
            public double apply(double z) { return Math.min(Math.max(z, 0), 6); }
            public double derivative(double z) { return z > 0 && z < 6 ? 1 : 0; }
            public double lowerBound(double a, double eps) { return Double.NEGATIVE_INFINITY; }
            public double upperBound(double a, double eps) { return Double.POSITIVE_INFINITY; }
        };
        assertThatThrownBy(() -> ZClosedForm.of(relu6, 1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(relu6.getClass().getName());
    }

    @Test
    void scalarArgminBeatsEveryPointOfAFineGrid() {
        qt().withFixedSeed(5).withExamples(300).forAll(doubles().between(-4, 4), doubles().between(-4, 4), doubles().between(0.05, 20),
                doubles().between(0.05, 20)).checkAssert((a, m, gamma, beta) -> {
                    for (ZClosedForm form : FORMS) {
                        double z = form.argmin(a, m, gamma, beta);
                        double fz = form.objective(z, a, m, gamma, beta);
                        for (int g = 0; g <= 2000; g++) {
                            double t = -8 + 16.0 * g / 2000;
                            assertThat(fz).as("%s a=%s m=%s gamma=%s beta=%s at %s", form, a, m, gamma, beta, t)
                                    .isLessThanOrEqualTo(form.objective(t, a, m, gamma, beta) + 1e-12);
                        }
                        // Local optimality too: no nearby point does better.
                        for (double d : new double[] {1e-6, -1e-6, 1e-3, -1e-3}) {
                            assertThat(fz).isLessThanOrEqualTo(form.objective(z + d, a, m, gamma, beta) + 1e-12);
                        }
                    }
                });
    }

    @Test
    void reluPicksTheBetterOfItsTwoPiecesAsThePaperDescribes() {
        // a = 1, m = -1, gamma = beta = 1: z >= 0 gives z = 0 (f = 1 + 1 = 2); z <= 0 gives z = -1 (f = 1). Negative.
        assertThat(ZClosedForm.RELU.argmin(1, -1, 1, 1)).isEqualTo(-1.0);
        // a = 2, m = -0.5, gamma = 10, beta = 1: positive piece (20 - 0.5) / 11 > 0, f = 10 (2 - z)^2 + (z + 0.5)^2.
        double z = ZClosedForm.RELU.argmin(2, -0.5, 10, 1);
        assertThat(z).isEqualTo((20 - 0.5) / 11);
        // Identity is the weighted mean.
        assertThat(ZClosedForm.IDENTITY.argmin(1, 4, 2, 1)).isEqualTo(2.0);
        // Hard tanh saturated: a = 1 and m = 5 -> z = m = 5 (h(5) = 1 = a, no cost at all).
        assertThat(ZClosedForm.HARD_TANH.argmin(1, 5, 10, 1)).isEqualTo(5.0);
    }

    @Test
    void arrayFormAgreesWithTheScalarFormAndReturnsTheSquaredStep() {
        for (DataType dtype : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Nd4j.getRandom().setSeed(11);
            INDArray a = Nd4j.randn(DataType.DOUBLE, 3, 7).castTo(dtype);
            INDArray m = Nd4j.randn(DataType.DOUBLE, 3, 7).castTo(dtype);
            INDArray z = Nd4j.randn(DataType.DOUBLE, 3, 7).castTo(dtype);
            for (ZClosedForm form : FORMS) {
                INDArray before = z.dup();
                double step = form.apply(a, m, z, 10, 1);
                double expectedStep = 0;
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 7; j++) {
                        double expected = form.argmin(a.getDouble(i, j), m.getDouble(i, j), 10, 1);
                        double tol = dtype == DataType.DOUBLE ? 0 : 1e-6 * (1 + Math.abs(expected));
                        assertThat(z.getDouble(i, j)).as("%s %s", form, dtype)
                                .isCloseTo(expected, org.assertj.core.api.Assertions.within(tol));
                        double d = z.getDouble(i, j) - before.getDouble(i, j);
                        expectedStep += d * d;
                    }
                }
                assertThat(step).isCloseTo(expectedStep, org.assertj.core.api.Assertions.within(1e-9 * (1 + expectedStep)));
            }
        }
    }

    /**
     * ReLU's and leaky ReLU's branch-free array form gives argmin's value bit for bit (rounded to the type), on
     * several chunks in parallel, with exact zeros of both signs, values that make the pieces tie or overflow, NaN
     * and infinities (those chunks take the scalar argmin).
     */
    @Test
    void piecewiseArrayFormIsTheScalarArgminBitForBit() {
        double[] special = {0.0, -0.0, 1e-320, -1e-320, 1e300, -1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1.0, -1.0, 0.5, -0.5};
        int rows = 70;
        int cols = 4096 + 13;
        for (DataType dtype : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (ZClosedForm form : new ZClosedForm[] {ZClosedForm.RELU, ZClosedForm.leakyRelu(0.1)}) {
                java.util.SplittableRandom random = new java.util.SplittableRandom(5);
                double[] av = new double[rows * cols];
                double[] mv = new double[rows * cols];
                for (int i = 0; i < av.length; i++) {
                    av[i] = random.nextDouble() < 0.1 ? special[random.nextInt(special.length)] : random.nextGaussian();
                    mv[i] = random.nextDouble() < 0.1 ? special[random.nextInt(special.length)] : random.nextGaussian();
                }
                // Keep the specials out of most chunks, so that most take the branch-free path.
                for (int i = 4096 * 3; i < av.length; i++) {
                    if (!Double.isFinite(av[i]) || Math.abs(av[i]) > 1e10) {
                        av[i] = 0.25;
                    }
                    if (!Double.isFinite(mv[i]) || Math.abs(mv[i]) > 1e10) {
                        mv[i] = -0.0;
                    }
                }
                INDArray a = Nd4j.createFromArray(av).reshape(rows, cols).castTo(dtype).dup('c');
                INDArray m = Nd4j.createFromArray(mv).reshape(rows, cols).castTo(dtype).dup('c');
                INDArray z = Nd4j.zeros(dtype, rows, cols);
                form.apply(a, m, z, 3.0, 0.7);
                double[] ar = a.dup().reshape(a.length()).toDoubleVector();
                double[] mr = m.dup().reshape(m.length()).toDoubleVector();
                double[] zr = z.dup().reshape(z.length()).toDoubleVector();
                for (int i = 0; i < zr.length; i++) {
                    double expected = form.argmin(ar[i], mr[i], 3.0, 0.7);
                    if (dtype == DataType.FLOAT) {
                        expected = (float) expected;
                    }
                    if (Double.doubleToLongBits(zr[i]) != Double.doubleToLongBits(expected)) {
                        throw new AssertionError(form + " " + dtype + " entry " + i + ": a = " + ar[i] + ", m = " + mr[i]
                                + " gives " + zr[i] + ", argmin " + expected);
                    }
                }
            }
        }
    }

    @Test
    void arrayFormRefusesViews() {
        INDArray big = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray other = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        assertThatThrownBy(() -> ZClosedForm.RELU.apply(view, other, other.dup(), 1, 1))
                .isInstanceOf(IllegalStateException.class);
    }
}
