package org.altmin.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.kernels.BoundsKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation's {@link BoundsKernel} (where it offers one: ReLU) gives, bit for bit, the array form's bounds on
 * every chunk it accepts, without changing a; accepts every chunk of feasible centres (band edges on h's kinks
 * included); rejects a chunk holding an empty band, a NaN or an infinity; and rejects the epsilons the array form
 * rejects.
 */
class BoundsKernelTest {
    private static final int N = 3000;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.altmin.activations.Fixtures#activationsAndTypes")
    void kernelBoundsAreTheArrayFormsOnAcceptedChunks(QuasilinearActivation h, DataType type) {
        Optional<BoundsKernel> probe = h.boundsKernel(0.1);
        if (h instanceof Relu) {
            assertThat(probe).isPresent();
        }
        if (probe.isEmpty()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(17);
        for (double epsilon : new double[] {0.0, 0x1p-30, 0.1, 0.5, 3.0}) {
            BoundsKernel kernel = h.boundsKernel(epsilon).orElseThrow();
            double[] a = Fixtures.centres(h, epsilon, random, N, type);
            INDArray lower = Fixtures.array(a, 1, type).dup('c').ulike();
            INDArray upper = lower.ulike();
            h.preimageBounds(Fixtures.array(a, 1, type).dup('c'), epsilon, lower, upper);
            double[] l = new double[N];
            double[] u = new double[N];
            assertThat(run(kernel, type, a, l, u)).as("%s %s eps %s accepts feasible centres", h, type, epsilon)
                    .isTrue();
            double[] el = Fixtures.flat(lower);
            double[] eu = Fixtures.flat(upper);
            for (int i = 0; i < N; i++) {
                assertThat(Double.doubleToLongBits(l[i])).as("%s %s eps %s lower[%d] = %s vs %s", h, type, epsilon, i,
                        l[i], el[i]).isEqualTo(Double.doubleToLongBits(el[i]));
                assertThat(Double.doubleToLongBits(u[i])).as("upper[%d]", i).isEqualTo(Double.doubleToLongBits(eu[i]));
            }
            // One bad entry makes the chunk rejected: an empty band (where h has one), NaN, infinities.
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                -(epsilon + 1.0)}) {
                double[] b = a.clone();
                b[N / 2] = bad;
                boolean empty = Double.isFinite(bad) && !Fixtures.nonempty(h, bad, epsilon);
                if (Double.isFinite(bad) && !empty) {
                    continue;
                }
                assertThat(run(kernel, type, b, l, u)).as("%s %s eps %s with a = %s", h, type, epsilon, bad).isFalse();
            }
        }
        assertThatThrownBy(() -> h.boundsKernel(-1.0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> h.boundsKernel(Double.NaN)).isInstanceOf(InvalidParameterException.class);
    }

    /** The kernel on the values as one chunk of the type; the bounds back as doubles (exact for FLOAT). */
    private static boolean run(BoundsKernel kernel, DataType type, double[] a, double[] l, double[] u) {
        if (type == DataType.DOUBLE) {
            double[] x = a.clone();
            boolean ok = kernel.accepts(x, x.length);
            kernel.bounds(x, l, u, x.length);
            assertThat(x).isEqualTo(a);
            return ok;
        }
        float[] x = new float[a.length];
        float[] fl = new float[a.length];
        float[] fu = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = (float) a[i];
        }
        float[] before = x.clone();
        boolean ok = kernel.accepts(x, x.length);
        kernel.bounds(x, fl, fu, x.length);
        assertThat(x).isEqualTo(before);
        for (int i = 0; i < a.length; i++) {
            l[i] = fl[i];
            u[i] = fu[i];
        }
        return ok;
    }
}
