package org.altmin.solvers.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.TrainingData;
import org.altmin.solvers.common.ForwardPass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BackpropTest {
    private static final double H = 1e-6;

    private static INDArray random(SplittableRandom r, int rows, int cols) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v);
    }

    /** Checks every entry of the backprop gradient against central differences of the mean loss. */
    private static void checkAgainstFiniteDifferences(NetworkSpec network, int capacity, int samples) {
        var r = new SplittableRandom(5);
        int layers = network.layers();
        INDArray x = random(r, network.inputs(), samples);
        INDArray y = random(r, network.outputs(), samples);
        var problem = Problem.uniform(network, new TrainingData(x, y), Doubles.HALF_SQUARE, Doubles.NONE,
                Doubles.TANH, 1);
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            w.add(random(r, network.width(l), network.width(l - 1)).muli(0.7));
            b.add(random(r, network.width(l), 1).muli(0.3));
        }
        var backprop = new Backprop(problem, capacity);
        backprop.compute(w, b, x, y);
        var pass = new ForwardPass(problem, x, y);
        int checked = 0;
        int expected = 0;
        for (int l = 1; l <= layers; l++) {
            expected += (network.width(l - 1) + 1) * network.width(l);
            for (INDArray[] pair : List.of(new INDArray[] {w.get(l - 1), backprop.gradW(l)},
                    new INDArray[] {b.get(l - 1), backprop.gradB(l)})) {
                INDArray param = pair[0];
                INDArray grad = pair[1];
                for (int i = 0; i < param.rows(); i++) {
                    for (int j = 0; j < param.columns(); j++) {
                        double v = param.getDouble(i, j);
                        param.putScalar(i, j, v + H);
                        double plus = pass.evaluate(w, b).meanLoss();
                        param.putScalar(i, j, v - H);
                        double minus = pass.evaluate(w, b).meanLoss();
                        param.putScalar(i, j, v);
                        double numeric = (plus - minus) / (2 * H);
                        assertThat(grad.getDouble(i, j)).as("layer %d entry (%d, %d)", l, i, j)
                                .isCloseTo(numeric, within(1e-7 * Math.max(1, Math.abs(numeric))));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(expected);
    }

    @Test
    void gradientMatchesCentralDifferencesOfTheMeanLoss() {
        checkAgainstFiniteDifferences(NetworkSpec.of(3, 4, 3, 2), 7, 7);
    }

    @Test
    void gradientOfASingleLayerNetworkMatches() {
        checkAgainstFiniteDifferences(NetworkSpec.of(3, 2), 4, 4);
    }

    @Test
    void gradientOfAPartialBatchUsesViewsAndStillMatches() {
        checkAgainstFiniteDifferences(NetworkSpec.of(3, 4, 3, 2), 9, 5);
    }

    @Test
    void meanLossGradientDoesNotDependOnDuplicatingTheBatch() {
        // The mean over a batch and over the same batch twice are equal: the gradient must be too.
        var r = new SplittableRandom(2);
        var network = NetworkSpec.of(2, 3, 2);
        INDArray x = random(r, 2, 4);
        INDArray y = random(r, 2, 4);
        INDArray x2 = Nd4j.hstack(x, x);
        INDArray y2 = Nd4j.hstack(y, y);
        var problem = Problem.uniform(network, new TrainingData(x2, y2), Doubles.HALF_SQUARE, Doubles.NONE,
                Doubles.TANH, 1);
        List<INDArray> w = List.of(random(r, 3, 2), random(r, 2, 3));
        List<INDArray> b = List.of(random(r, 3, 1), random(r, 2, 1));
        var backprop = new Backprop(problem, 8);
        backprop.compute(w, b, x, y);
        INDArray single = backprop.gradW(1).dup();
        backprop.compute(w, b, x2, y2);
        assertThat(backprop.gradW(1).equalsWithEps(single, 1e-12)).isTrue();
        assertThat(single.norm2Number().doubleValue()).isGreaterThan(0);
    }

    /** The bias kernel gives addiColumnVector's bits, on its fast path (column-major) and its fallbacks. */
    @Test
    void addBiasMatchesAddColumnVectorBitForBit() {
        var r = new SplittableRandom(11);
        for (var type : List.of(org.nd4j.linalg.api.buffer.DataType.FLOAT, org.nd4j.linalg.api.buffer.DataType.DOUBLE)) {
            for (char order : new char[] {'f', 'c'}) {
                INDArray z = random(r, 37, 300).castTo(type).dup(order);
                INDArray b = random(r, 37, 1).castTo(type);
                INDArray expected = z.dup(order).addiColumnVector(b);
                Backprop.addBias(z, b);
                assertThat(z.equalsWithEps(expected, 0.0)).as(type + " " + order).isTrue();
                // a view (the first columns of a batch buffer): the fallback
                INDArray full = random(r, 37, 300).castTo(type).dup(order);
                INDArray view = full.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100));
                INDArray viewExpected = view.dup(order).addiColumnVector(b);
                Backprop.addBias(view, b);
                assertThat(view.equalsWithEps(viewExpected, 0.0)).as(type + " " + order + " view").isTrue();
            }
        }
    }

    /** The bias gradient's row sums equal ND4J's sum over the columns, on a batch buffer and on its first columns. */
    @Test
    void rowSumsAreTheSumsOverTheBatch() {
        SplittableRandom rng = new SplittableRandom(4);
        for (org.nd4j.linalg.api.buffer.DataType type : new org.nd4j.linalg.api.buffer.DataType[] {
            org.nd4j.linalg.api.buffer.DataType.FLOAT, org.nd4j.linalg.api.buffer.DataType.DOUBLE}) {
            INDArray delta = Nd4j.create(type, new long[] {7, 13}, 'f');
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 13; j++) {
                    delta.putScalar(i, j, rng.nextGaussian());
                }
            }
            for (int m : new int[] {13, 5}) {
                INDArray view = delta.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m));
                INDArray out = Nd4j.create(type, 7, 1).assign(Double.NaN);
                Backprop.rowSums(view, Nd4j.ones(type, m, 1), out);
                INDArray expected = view.sum(1).reshape(7, 1);
                for (int i = 0; i < 7; i++) {
                    assertThat(out.getDouble(i, 0)).as("%s m=%d row %d", type, m, i)
                            .isCloseTo(expected.getDouble(i, 0), within(1e-5));
                }
            }
            // A c-order delta takes the GEMM.
            INDArray rows = delta.dup('c');
            INDArray out = Nd4j.create(type, 7, 1);
            Backprop.rowSums(rows, Nd4j.ones(type, 13, 1), out);
            assertThat(out.sub(delta.sum(1).reshape(7, 1)).amaxNumber().doubleValue()).isLessThan(1e-5);
        }
    }
}
