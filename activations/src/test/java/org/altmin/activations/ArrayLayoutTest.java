package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.altmin.api.QuasilinearActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Views, column-major arrays and repeated calls (scratch reuse) give the same results as plain arrays. */
class ArrayLayoutTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void viewsAndFortranOrderGiveTheSameBounds(QuasilinearActivation h, DataType type) {
        double epsilon = 0.125;
        double[] a = Fixtures.centres(h, epsilon, new SplittableRandom(17), 60, type);
        INDArray plain = Fixtures.array(a, 6, type);
        INDArray lower = plain.ulike();
        INDArray upper = plain.ulike();
        h.preimageBounds(plain, epsilon, lower, upper);
        // The same values as a column-major array, and as a strided view (columns 1, 3, ... of a wider array).
        INDArray fortran = plain.dup('f');
        INDArray fLower = Nd4j.createUninitialized(type, plain.shape(), 'f');
        INDArray fUpper = Nd4j.createUninitialized(type, plain.shape(), 'f');
        h.preimageBounds(fortran, epsilon, fLower, fUpper);
        assertThat(Fixtures.flat(fLower)).containsExactly(Fixtures.flat(lower));
        assertThat(Fixtures.flat(fUpper)).containsExactly(Fixtures.flat(upper));
        INDArray wide = Nd4j.zeros(type, plain.rows(), 2 * plain.columns());
        INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 2 * plain.columns()));
        view.assign(plain);
        INDArray wideOut = Nd4j.zeros(type, plain.rows(), 2 * plain.columns());
        INDArray viewOut = wideOut.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2, 2 * plain.columns()));
        INDArray vUpper = plain.ulike();
        h.preimageBounds(view, epsilon, viewOut, vUpper);
        assertThat(Fixtures.flat(viewOut)).containsExactly(Fixtures.flat(lower));
        assertThat(Fixtures.flat(vUpper)).containsExactly(Fixtures.flat(upper));
        // The untouched interleaved columns stay 0.
        assertThat(wideOut.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 2 * plain.columns())).amaxNumber().doubleValue())
                .isEqualTo(0.0);
        // A second call (scratch buffers reused) gives the same result.
        INDArray again = plain.ulike();
        INDArray againUpper = plain.ulike();
        h.preimageBounds(plain, epsilon, again, againUpper);
        assertThat(Fixtures.flat(again)).containsExactly(Fixtures.flat(lower));
        assertThat(Fixtures.flat(againUpper)).containsExactly(Fixtures.flat(upper));
    }

    @Test
    void scratchIsAllocatedOncePerShapeAndThread() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 3, 4);
        INDArray first = Scratch.like(a);
        assertThat(Scratch.like(Nd4j.ones(DataType.FLOAT, 3, 4))).isSameAs(first);
        assertThat(Scratch.like(Nd4j.zeros(DataType.DOUBLE, 3, 4))).isNotSameAs(first);
        assertThat(Scratch.like(Nd4j.zeros(DataType.FLOAT, 4, 3))).isNotSameAs(first);
    }

    /** Scratch buffers are per thread: concurrent calls on one shape give the sequential results. */
    @Test
    void concurrentCallsOnOneShapeAgreeWithSequentialOnes() throws Exception {
        QuasilinearActivation[] hs = {new Sigmoid(), new Tanh(), new LeakyRelu(), new HardTanh()};
        INDArray z = Nd4j.linspace(-6, 6, 400, DataType.DOUBLE).reshape(20, 20);
        java.util.List<java.util.concurrent.Callable<double[]>> tasks = new java.util.ArrayList<>();
        java.util.List<double[]> expected = new java.util.ArrayList<>();
        for (int repeat = 0; repeat < 4; repeat++) {
            for (QuasilinearActivation h : hs) {
                INDArray a = h.apply(z);
                INDArray lower = a.ulike();
                INDArray upper = a.ulike();
                h.preimageBounds(a, 0.01, lower, upper);
                expected.add(Fixtures.flat(lower));
                tasks.add(() -> {
                    INDArray l = a.ulike();
                    INDArray u = a.ulike();
                    for (int k = 0; k < 20; k++) {
                        h.preimageBounds(a, 0.01, l, u);
                    }
                    return Fixtures.flat(l);
                });
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = pool.invokeAll(tasks);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).containsExactly(expected.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }
}
