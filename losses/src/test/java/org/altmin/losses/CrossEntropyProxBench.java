package org.altmin.losses;

import org.altmin.api.ProxReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A manual timing of the losses at DLAM's MNIST size (10 x 60000 FLOAT), chiefly the cross-entropy's Newton prox
 * (cold from v, then warm after v moved a little, as in DLAM's loop); not part of the suite
 * (the name matches neither *Test nor *Properties). Run it with
 * {@code ./mvnw -o -B -q -pl losses -am verify -Dtest=CrossEntropyProxBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CrossEntropyProxBench {
    @Test
    void timeProx() {
        int classes = 10;
        int n = 60000;
        Nd4j.getRandom().setSeed(7);
        INDArray v = Nd4j.randn(DataType.FLOAT, classes, n).muli(3);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        float[][] oneHot = new float[classes][n];
        for (int i = 0; i < n; i++) {
            oneHot[random.nextInt(classes)][i] = 1;
        }
        INDArray y = Nd4j.createFromArray(oneHot);
        for (org.altmin.api.Loss closedForm : new org.altmin.api.Loss[] {new SquareLoss(), new MulticlassHingeLoss(),
                new CrammerSingerHingeLoss()}) {
            INDArray out = v.dup();
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                closedForm.prox(v, y, 0.1, out);
                long t1 = System.nanoTime();
                closedForm.value(v, y);
                long t2 = System.nanoTime();
                System.out.printf("%s: prox %.1f ms, value %.1f ms%n", closedForm, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
        SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss();
        INDArray grad = v.ulike();
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            loss.value(v, y);
            long t1 = System.nanoTime();
            loss.gradient(v, y, grad);
            long t2 = System.nanoTime();
            System.out.printf("cross-entropy: value %.1f ms, gradient %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        for (double rho : new double[] {1e-2, 1e-1, 1}) {
            INDArray out = v.dup();
            for (int rep = 0; rep < 3; rep++) {
                out.assign(v);
                long t0 = System.nanoTime();
                ProxReport cold = loss.prox(v, y, rho, out);
                long t1 = System.nanoTime();
                // a warm start as in DLAM: v moved a little since the last solve
                INDArray moved = v.add(Nd4j.randn(DataType.FLOAT, classes, n).muli(0.01));
                long t2 = System.nanoTime();
                ProxReport warm = loss.prox(moved, y, rho, out);
                long t3 = System.nanoTime();
                System.out.printf("rho=%g cold: %d it, %.1f ms (%.2f ms/it), residual %.2e, conv %b | "
                                + "warm: %d it, %.1f ms, residual %.2e%n", rho, cold.iterations(), (t1 - t0) / 1e6,
                        (t1 - t0) / 1e6 / cold.iterations(), cold.residual(), cold.converged(), warm.iterations(),
                        (t3 - t2) / 1e6, warm.residual());
            }
        }
    }
}
