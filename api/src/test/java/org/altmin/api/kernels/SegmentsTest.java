package org.altmin.api.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The driver itself: which segments a pass hands out (every entry exactly once, none across a row's end, in
 * result order), at the edges (one entry, exactly one chunk, one chunk and one, many rows with a short last
 * segment); that the parallel and the serial schedule give the same bits; the layout tests on views and other
 * non-flat arrays; and the scratch arrays.
 */
class SegmentsTest {
    static final int C = Segments.CHUNK;

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1, 1", "1, 4096", "1, 4097", "3, 4097", "70, 8197", "1, 300000", "5, 7", "2, 12288", "0, 5", "4, 0"})
    void everyEntryIsInExactlyOneSegmentOfItsRow(int rows, int cols) {
        int per = Segments.perRow(cols);
        int count = Segments.count(rows, cols);
        assertThat(per).isEqualTo((cols + C - 1) / C);
        assertThat(count).isEqualTo(rows * per);
        int[] row = new int[count];
        int[] at = new int[count];
        int[] len = new int[count];
        AtomicInteger calls = new AtomicInteger();
        double[] partial = Segments.pass(rows, cols, (scratch, r, a, n) -> {
            int s = r * per + (a - r * cols) / C;   // the slot the class comment promises
            row[s] = r;
            at[s] = a;
            len[s] = n;
            calls.incrementAndGet();
            return s + 0.5;
        });
        assertThat(calls.get()).isEqualTo(count);
        assertThat(partial).hasSize(count);
        int next = 0;
        for (int s = 0; s < count; s++) {
            assertThat(partial[s]).as("segment %d's result in its own slot", s).isEqualTo(s + 0.5);
            assertThat(len[s]).isBetween(1, C);
            assertThat(at[s]).as("segment %d starts where the previous ended", s).isEqualTo(next);
            assertThat(at[s] / cols).as("segment %d's row", s).isEqualTo(row[s]);
            assertThat((at[s] + len[s] - 1) / cols).as("segment %d ends in its row", s).isEqualTo(row[s]);
            boolean lastOfRow = s % per == per - 1;
            assertThat(len[s]).isEqualTo(lastOfRow ? cols - (per - 1) * C : C);
            next = at[s] + len[s];
        }
        assertThat(next).isEqualTo(rows * cols);
    }

    @Test
    void theEdgeShapesHaveTheExpectedSegments() {
        assertThat(Segments.count(1, 1)).isEqualTo(1);
        assertThat(Segments.count(1, C)).isEqualTo(1);
        assertThat(Segments.count(1, C + 1)).isEqualTo(2);
        assertThat(Segments.count(70, 2 * C + 5)).isEqualTo(210);
        assertThat(Segments.count(0, 10)).isZero();
        assertThat(Segments.count(3, 0)).isZero();
        // The flat form is one row.
        int[] seen = new int[3];
        double[] partial = Segments.pass(2 * C + 1, (scratch, r, a, n) -> {
            assertThat(r).isZero();
            seen[a / C] = n;
            return n;
        });
        assertThat(seen).containsExactly(C, C, 1);
        assertThat(Segments.sum(partial)).isEqualTo(2 * C + 1);
    }

    @Test
    void rowSumsAddEachRowsSegmentsInOrder() {
        int rows = 4;
        int cols = 3 * C - 2;
        double[] partial = Segments.pass(rows, cols, (scratch, r, a, n) -> r * 1000 + n);
        double[] sums = new double[rows];
        Segments.rowSums(partial, rows, cols, sums);
        for (int r = 0; r < rows; r++) {
            assertThat(sums[r]).isEqualTo(3 * r * 1000 + cols);
        }
        assertThat(Segments.sum(partial)).isEqualTo(sums[0] + sums[1] + sums[2] + sums[3]);
    }

    /** {@code sum x^2} of one segment of a FLOAT buffer, in double, in the order of its entries. */
    static double segmentSumSq(FloatBuffer buffer, Segments.Scratch scratch, int at, int n) {
        float[] x = scratch.floats(0);
        buffer.get(at, x, 0, n);
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += (double) x[k] * x[k];
        }
        return s;
    }

    @Test
    void parallelAndSerialSchedulesGiveTheSameBits() {
        int rows = 70;
        int cols = 2 * C + 5;   // 573,790 entries: above PARALLEL_MIN, a short last segment per row
        assertThat(Segments.parallel((long) rows * cols)).isTrue();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5f).muli(1e3f);
        assertThat(Segments.rowMajor(x)).isTrue();
        FloatBuffer xs = x.data().asNioFloat();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        double[] parallel = Segments.pass(rows, cols, (scratch, r, a, n) -> {
            threads.add(Thread.currentThread().getName());
            return segmentSumSq(xs, scratch, a, n);
        });
        // The same segments, one after the other on this thread.
        int per = Segments.perRow(cols);
        double[] serial = new double[Segments.count(rows, cols)];
        Segments.forEach(serial.length, false, (scratch, t) -> {
            threads.add("serial:" + Thread.currentThread().getName());
            int r = t / per;
            int from = (t % per) * C;
            serial[t] = segmentSumSq(xs, scratch, r * cols + from, Math.min(C, cols - from));
        });
        assertThat(threads).contains("serial:" + Thread.currentThread().getName());
        assertThat(parallel).containsExactly(serial);
        assertThat(Double.doubleToRawLongBits(Segments.sum(parallel)))
                .isEqualTo(Double.doubleToRawLongBits(Segments.sum(serial)));
        for (int repeat = 0; repeat < 5; repeat++) {
            double again = Segments.sum(Segments.pass(rows, cols, (scratch, r, a, n) -> segmentSumSq(xs, scratch, a, n)));
            assertThat(Double.doubleToRawLongBits(again)).isEqualTo(Double.doubleToRawLongBits(Segments.sum(serial)));
        }
        // Against a plain loop over the entries, segment by segment: the same partial sums in the same order.
        float[] all = x.data().asFloat();
        double reference = 0;
        for (int t = 0; t < serial.length; t++) {
            int r = t / per;
            int from = (t % per) * C;
            double s = 0;
            for (int k = r * cols + from; k < r * cols + Math.min(cols, from + C); k++) {
                s += (double) all[k] * all[k];
            }
            reference += s;
        }
        assertThat(Segments.sum(serial)).isEqualTo(reference);
    }

    @Test
    void theParallelismDecidesTheThreadsOfAPassButNotItsBits() {
        int rows = 64;
        int cols = C;   // 262,144 entries: exactly PARALLEL_MIN, 64 segments
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5f);
        FloatBuffer xs = x.data().asNioFloat();
        int before = Segments.parallelism();
        Thread caller = Thread.currentThread();
        try {
            double[][] results = new double[3][];
            int[] settings = {1, 3, before};
            for (int i = 0; i < settings.length; i++) {
                Segments.setParallelism(settings[i]);
                assertThat(Segments.parallelism()).isEqualTo(settings[i]);
                Set<Thread> threads = ConcurrentHashMap.newKeySet();
                results[i] = Segments.pass(rows, cols, (scratch, r, a, n) -> {
                    threads.add(Thread.currentThread());
                    // Long enough per segment that a pool of several threads really shares the work.
                    return segmentSumSq(xs, scratch, a, n);
                });
                if (settings[i] == 1) {
                    assertThat(threads).containsExactly(caller);
                } else {
                    assertThat(threads).hasSizeLessThanOrEqualTo(settings[i]);
                }
                if (settings[i] == 3) {
                    assertThat(threads).as("a pool of its own, not the caller").doesNotContain(caller);
                }
            }
            assertThat(results[1]).containsExactly(results[0]);
            assertThat(results[2]).containsExactly(results[0]);
        } finally {
            Segments.setParallelism(before);
        }
        assertThatThrownBy(() -> Segments.setParallelism(0)).hasMessageContaining("Segments.parallelism must be >= 1, found 0");
        assertThat(Segments.parallelism()).isEqualTo(before);
    }

    @Test
    void smallPassesAndSingleTasksRunOnTheCallingThread() {
        assertThat(Segments.parallel(Segments.PARALLEL_MIN - 1)).isFalse();
        assertThat(Segments.parallel(Segments.PARALLEL_MIN)).isTrue();
        Thread caller = Thread.currentThread();
        Segments.pass(60, C, (scratch, r, a, n) -> {   // 245,760 entries, 60 segments: below the threshold
            assertThat(Thread.currentThread()).isSameAs(caller);
            return 0;
        });
        Segments.forEach(1, true, (scratch, t) -> assertThat(Thread.currentThread()).isSameAs(caller));
        AtomicInteger none = new AtomicInteger();
        Segments.forEach(0, true, (scratch, t) -> none.incrementAndGet());
        assertThat(none.get()).isZero();
    }

    @Test
    void scratchArraysAreChunkSizedPerSlotAndKept() {
        float[][] first = new float[2][];
        double[][] firstD = new double[2][];
        Segments.forEach(1, false, (scratch, t) -> {
            first[0] = scratch.floats(0);
            first[1] = scratch.floats(Segments.SLOTS - 1);
            firstD[0] = scratch.doubles(0);
            firstD[1] = scratch.doubles(1);
        });
        assertThat(first[0]).hasSize(C);
        assertThat(firstD[0]).hasSize(C);
        assertThat(first[0]).isNotSameAs(first[1]);
        assertThat(firstD[0]).isNotSameAs(firstD[1]);
        Segments.forEach(1, false, (scratch, t) -> {
            assertThat(scratch.floats(0)).isSameAs(first[0]);
            assertThat(scratch.doubles(1)).isSameAs(firstD[1]);
        });
    }

    @Test
    void viewsAndOtherNonFlatArraysAreNotFlat() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 5);
        assertThat(Segments.flat(a)).isTrue();
        assertThat(Segments.rowMajor(a)).isTrue();
        assertThat(Segments.flat(a, a.ulike(), Nd4j.create(DataType.FLOAT, 4, 5))).isTrue();
        assertThat(Segments.flat(Nd4j.rand(DataType.DOUBLE, 3, 2, 2))).isTrue();

        INDArray wide = Nd4j.create(DataType.FLOAT, 4, 8);
        INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7));
        INDArray tall = Nd4j.create(DataType.FLOAT, 6, 5);
        INDArray shifted = tall.get(NDArrayIndex.interval(1, 5), NDArrayIndex.all());
        INDArray[] notFlat = {strided, shifted, a.getRow(1), a.reshape(20),
            Nd4j.create(DataType.INT, 4, 5), Nd4j.create(DataType.HALF, 4, 5)};
        for (INDArray x : notFlat) {
            assertThat(Segments.flat(x)).as(x.shapeInfoToString()).isFalse();
            assertThat(Segments.flat(a, x)).as(x.shapeInfoToString()).isFalse();
            assertThat(Segments.rowMajor(x)).as(x.shapeInfoToString()).isFalse();
        }
        // Mixed types, shapes, orderings.
        assertThat(Segments.flat(a, Nd4j.create(DataType.DOUBLE, 4, 5))).isFalse();
        assertThat(Segments.flat(a, Nd4j.create(DataType.FLOAT, 5, 4))).isFalse();
        assertThat(Segments.flat(a, Nd4j.create(DataType.FLOAT, 20))).isFalse();
        INDArray f = Nd4j.create(DataType.FLOAT, new long[] {4, 5}, 'f');
        assertThat(Segments.flat(a, f)).isFalse();
        // An f-order pair is flat (index k is the same entry in both) but not row-major; neither is rank 3.
        assertThat(Segments.flat(f, Nd4j.create(DataType.FLOAT, new long[] {4, 5}, 'f'))).isTrue();
        assertThat(Segments.rowMajor(f)).isFalse();
        assertThat(Segments.rowMajor(a.transpose())).isFalse();
        assertThat(Segments.rowMajor(Nd4j.create(DataType.FLOAT, 2, 3, 4))).isFalse();
    }
}
