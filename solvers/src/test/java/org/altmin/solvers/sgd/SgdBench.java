package org.altmin.solvers.sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.altmin.api.BlockReport;
import org.altmin.api.IterationReport;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A manual benchmark (not a unit test): minibatch gather strategies and epoch time on MNIST-sized random data.
 * Run from solvers/ (after test-compile, with the test classpath in /tmp/sgd-cp.txt from dependency:build-classpath):
 * {@code OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat /tmp/sgd-cp.txt) org.altmin.solvers.sgd.SgdBench [N] [epochs] [f]}
 * or {@code ... SgdBench rules} for the per-step cost of each update rule.
 */
public final class SgdBench {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rules")) {
            rules();
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int features = 784;
        int batch = 128;
        INDArray x = Nd4j.rand(DataType.FLOAT, features, n);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 10, n);
        for (int i = 0; i < n; i++) {
            y.putScalar(i % 10, i, 1);
        }
        var data = new TrainingData(x, y);
        gather(data, batch);
        gather(data, batch);
        if (args.length > 2) {
            var fData = new TrainingData(x.dup('f'), y.dup('f'));
            System.out.println("source in column-major ('f') order:");
            gather(fData, batch);
            gather(fData, batch);
            return;
        }
        Problem problem = Problem.uniform(NetworkSpec.of(features, 256, 10), data, Doubles.HALF_SQUARE, Doubles.NONE,
                Doubles.RELU, 1);
        for (String rule : List.of("sgd", "adam")) {
            UpdateRule r = rule.equals("sgd") ? new PlainSgd() : new Adam(0.9, 0.999, 1e-8);
            var optimizer = new SgdOptimizer(SgdSettings.defaults(rule, 0.001).with(0.001, batch), r);
            List<IterationReport> records = new ArrayList<>();
            long t0 = System.nanoTime();
            optimizer.fit(problem, epochs, (record, state) -> records.add(record));
            long total = System.nanoTime() - t0;
            StringBuilder sb = new StringBuilder();
            for (IterationReport rec : records.subList(1, records.size())) {
                long update = rec.blocks().stream().mapToLong(BlockReport::nanos).sum();
                sb.append(String.format(" [epoch %d: %.0f ms, of which updates %.0f ms]", rec.iteration(),
                        rec.nanos() / 1e6, update / 1e6));
            }
            System.out.printf("%s N=%d 784-256-10 FLOAT batch %d: total %.0f ms for %d epochs incl. evaluation;%s%n",
                    rule, n, batch, total / 1e6, epochs, sb);
        }
    }

    /** Time per step of each rule on a 784 x 256 FLOAT parameter, and of Adam as ~16 separate ND4J ops. */
    private static void rules() {
        INDArray p = Nd4j.rand(DataType.FLOAT, 256, 784);
        INDArray g0 = Nd4j.rand(DataType.FLOAT, 256, 784).subi(0.5);
        INDArray g = g0.dup();
        List<UpdateRule> rules = List.of(new PlainSgd(), new Momentum(0.9, false), new Momentum(0.9, true),
                new Adam(0.9, 0.999, 1e-8), new RmsProp(0.9, 1e-8), new AdaGrad(1e-10));
        INDArray m = p.ulike().assign(0);
        INDArray v = p.ulike().assign(0);
        INDArray d = p.ulike();
        for (int round = 0; round < 3; round++) {
            StringBuilder sb = new StringBuilder();
            for (UpdateRule rule : rules) {
                UpdateRule.Stepper stepper = rule.stepper(p);
                long t0 = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    g.assign(g0);
                    stepper.step(p, g, 1e-6);
                }
                sb.append(String.format(" %s%s %.0f us;", rule.name(), rule instanceof Momentum mo && mo.nesterov() ? "-nesterov" : "",
                        (System.nanoTime() - t0) / 200e3));
            }
            long t0 = System.nanoTime();
            for (int t = 1; t <= 200; t++) {
                g.assign(g0);
                v.muli(0.999).addi(d.assign(g).muli(g).muli(1 - 0.999));
                m.muli(0.9).addi(g.muli(1 - 0.9));
                d.assign(v).muli(1 / (1 - Math.pow(0.999, t)));
                org.nd4j.linalg.ops.transforms.Transforms.sqrt(d, false).addi(1e-8);
                p.subi(g.assign(m).muli(1e-6 / (1 - Math.pow(0.9, t))).divi(d));
            }
            sb.append(String.format(" adam-as-separate-ops %.0f us;", (System.nanoTime() - t0) / 200e3));
            t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                g.assign(g0);
            }
            sb.append(String.format(" (gradient copy alone %.0f us)", (System.nanoTime() - t0) / 200e3));
            System.out.println("per step on 256 x 784 FLOAT:" + sb);
        }
    }

    private static void gather(TrainingData data, int batch) {
        int n = data.samples();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int s = order[i];
            order[i] = order[j];
            order[j] = s;
        }
        int reps = 5;
        // A: one gather per epoch into a shuffled f-order copy of the data set.
        INDArray shuffledX = Nd4j.create(DataType.FLOAT, new long[] {data.features(), n}, 'f');
        INDArray shuffledY = Nd4j.create(DataType.FLOAT, new long[] {data.outputs(), n}, 'f');
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            Nd4j.pullRows(data.x(), shuffledX, 0, order);
            Nd4j.pullRows(data.y(), shuffledY, 0, order);
        }
        long a = (System.nanoTime() - t0) / reps;
        // B: one gather per batch into a preallocated batch buffer, index arrays prepared once (what Minibatches does).
        int count = (n + batch - 1) / batch;
        int[][] idx = new int[count][];
        for (int b = 0; b < count; b++) {
            idx[b] = java.util.Arrays.copyOfRange(order, b * batch, Math.min(n, (b + 1) * batch));
        }
        INDArray bufX = Nd4j.create(DataType.FLOAT, new long[] {data.features(), batch}, 'f');
        INDArray bufY = Nd4j.create(DataType.FLOAT, new long[] {data.outputs(), batch}, 'f');
        INDArray lastX = bufX.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, idx[count - 1].length));
        INDArray lastY = bufY.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, idx[count - 1].length));
        t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            for (int b = 0; b < count; b++) {
                boolean last = idx[b].length < batch;
                Nd4j.pullRows(data.x(), last ? lastX : bufX, 0, idx[b]);
                Nd4j.pullRows(data.y(), last ? lastY : bufY, 0, idx[b]);
            }
        }
        long bb = (System.nanoTime() - t0) / reps;
        // C: INDArray.getColumns per batch (allocates a batch copy each time), for reference.
        t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            for (int b = 0; b < count; b++) {
                data.x().getColumns(idx[b]);
                data.y().getColumns(idx[b]);
            }
        }
        long c = (System.nanoTime() - t0) / reps;
        System.out.printf("gather of one epoch, N=%d x 784 FLOAT, batch %d: per-epoch pullRows %.1f ms, per-batch "
                + "pullRows %.1f ms, per-batch getColumns %.1f ms%n", n, batch, a / 1e6, bb / 1e6, c / 1e6);
    }
}
