package org.altmin.solvers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ForwardPassTest {
    /** Test doubles: the shipped components live in other modules. */
    static final QuasilinearActivation RELU = new QuasilinearActivation() {
        public double apply(double z) { return Math.max(0, z); }
        public double derivative(double z) { return z > 0 ? 1 : 0; }
        public double lowerBound(double a, double eps) { return a - eps <= 0 ? Double.NEGATIVE_INFINITY : a - eps; }
        public double upperBound(double a, double eps) { return a + eps; }
    };
    static final Loss HALF_SQUARE = new Loss() {
        public double value(INDArray z, INDArray y) { return 0.5 * z.sub(y).norm2Number().doubleValue() * z.sub(y).norm2Number().doubleValue(); }
        public void gradient(INDArray z, INDArray y, INDArray out) { out.assign(z.sub(y)); }
        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            out.assign(v.mul(rho).add(y).div(1 + rho));
            return ProxReport.EXACT;
        }
    };
    static final Regularizer NONE = new Regularizer() {
        public double value(INDArray w) { return 0; }
        public void prox(INDArray v, double t, INDArray out) { out.assign(v); }
        public void subgradient(INDArray w, INDArray out) { out.assign(0); }
    };

    @Test
    void matchesPlainJavaComputation() {
        var network = NetworkSpec.of(3, 4, 2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 5);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i % 2, i, 1);
        }
        var problem = Problem.uniform(network, new TrainingData(x, y), HALF_SQUARE, NONE, RELU, 1);
        INDArray w1 = Nd4j.rand(DataType.DOUBLE, 4, 3).subi(0.5);
        INDArray b1 = Nd4j.rand(DataType.DOUBLE, 4, 1);
        INDArray w2 = Nd4j.rand(DataType.DOUBLE, 2, 4).subi(0.5);
        INDArray b2 = Nd4j.rand(DataType.DOUBLE, 2, 1);
        var pass = new ForwardPass(problem, x, y);
        INDArray zL = pass.output(List.of(w1, w2), List.of(b1, b2));
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < 5; i++) {
            double[] hidden = new double[4];
            for (int r = 0; r < 4; r++) {
                double s = b1.getDouble(r, 0);
                for (int c = 0; c < 3; c++) {
                    s += w1.getDouble(r, c) * x.getDouble(c, i);
                }
                hidden[r] = Math.max(0, s);
            }
            double[] o = new double[2];
            for (int r = 0; r < 2; r++) {
                o[r] = b2.getDouble(r, 0);
                for (int c = 0; c < 4; c++) {
                    o[r] += w2.getDouble(r, c) * hidden[c];
                }
                assertThat(zL.getDouble(r, i)).isCloseTo(o[r], within(1e-12));
                loss += 0.5 * (o[r] - y.getDouble(r, i)) * (o[r] - y.getDouble(r, i));
            }
            int predicted = o[0] >= o[1] ? 0 : 1;
            correct += y.getDouble(predicted, i) == 1 ? 1 : 0;
        }
        var evaluation = pass.evaluate(List.of(w1, w2), List.of(b1, b2));
        assertThat(evaluation.accuracy()).isEqualTo(correct / 5.0);
        assertThat(evaluation.meanLoss()).isCloseTo(loss / 5, within(1e-12));
    }

    @Test
    void accuracyCountsArgmaxHits() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 0, 3}, {2, 5, 1}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 1, 1}, {1, 0, 0}});
        double accuracy = ForwardPass.accuracy(z, ForwardPass.labels(y), Nd4j.create(DataType.LONG, 3));
        assertThat(accuracy).isEqualTo(2.0 / 3.0);
    }

    @Test
    void aTieGoesToTheLowerIndexNotToTheLabel() {
        // Every output equal (as at W = 0): only the columns labelled 0 are correct, not all of them.
        INDArray z = Nd4j.zeros(DataType.FLOAT, 3, 4);
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 0, 0, 1}, {0, 1, 0, 0}, {0, 0, 1, 0}});
        assertThat(ForwardPass.accuracy(z, ForwardPass.labels(y), Nd4j.create(DataType.LONG, 4))).isEqualTo(0.5);
        // A tie between the labelled entry and a later one counts; with an earlier one it does not.
        INDArray tied = Nd4j.createFromArray(new float[][] {{2, 2, 0, 0}, {2, 2, 1, 1}, {0, 0, 1, 1}});
        assertThat(ForwardPass.accuracy(tied, ForwardPass.labels(y), Nd4j.create(DataType.LONG, 4))).isEqualTo(0.25);
    }

    @Test
    void initializationIsSeededAndScaled() {
        var network = NetworkSpec.of(400, 300, 2);
        var init = new Initialization(Initialization.Scheme.HE, 1.0);
        INDArray a = init.weights(network, 1, DataType.FLOAT, new java.util.SplittableRandom(7));
        INDArray b = init.weights(network, 1, DataType.FLOAT, new java.util.SplittableRandom(7));
        assertThat(a).isEqualTo(b);
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
        double sd = a.stdNumber().doubleValue();
        assertThat(sd).isCloseTo(Math.sqrt(2.0 / 400), within(0.05 * Math.sqrt(2.0 / 400)));
    }
}
