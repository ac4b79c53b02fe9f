package org.altmin.api;

import java.util.Optional;
import org.altmin.api.kernels.BoundsKernel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An elementwise activation {@code h} that is quasilinear (Assumption 3 of DLAM, arXiv:1811.04187): both
 * quasiconvex and quasiconcave, i.e. for {@code x < y < w}, {@code min(h(x), h(w)) <= h(y) <= max(h(x), h(w))}.
 *
 * <p>DLAM's z update (equation 4) clips {@code z_l} to the set {@code {z : h(z) - eps <= a <= h(z) + eps}}, which
 * for a quasilinear h is the interval {@code [B1, B2]} = preimage of {@code [a - eps, a + eps]}. Implementations
 * give its <em>exact</em> bounds ({@code -inf}/{@code +inf} where unbounded) and throw
 * {@link InvalidParameterException} where it is empty.
 *
 * <p>A researcher implements the four scalar methods; the array forms default to loops over them (correct but
 * slow) and the shipped activations override them with vectorized ND4J ops. The contract tests check that both
 * forms agree.
 */
public interface QuasilinearActivation {
    /** h(z). */
    double apply(double z);

    /** h'(z), for SGD; each implementation documents its convention at kinks. */
    double derivative(double z);

    /** B1: the infimum of {z : a - eps &lt;= h(z) &lt;= a + eps}; {@code -inf} where unbounded below. */
    double lowerBound(double a, double epsilon);

    /** B2: the supremum of {z : a - eps &lt;= h(z) &lt;= a + eps}; {@code +inf} where unbounded above. */
    double upperBound(double a, double epsilon);

    /**
     * {@link #preimageBounds} for this {@code epsilon} as a chunk kernel for fused passes, or empty (the default),
     * in which case callers use the array form. See {@link BoundsKernel}: a kernel gives the array form's bits on
     * every chunk it accepts.
     *
     * @throws InvalidParameterException for an epsilon the array form rejects (negative or NaN)
     */
    default Optional<BoundsKernel> boundsKernel(double epsilon) {
        return Optional.empty();
    }

    /** out &lt;- h(z), elementwise; {@code out} may be {@code z}. */
    default void apply(INDArray z, INDArray out) {
        mapScalar(z, out, this::apply);
    }

    /** out &lt;- h'(z), elementwise; {@code out} may be {@code z}. */
    default void derivative(INDArray z, INDArray out) {
        mapScalar(z, out, this::derivative);
    }

    /**
     * {@code delta <- delta .* h'(z)}, elementwise: backpropagation through h (SGD's {@code delta_{l-1}}).
     * {@code z} is scratch: its contents are unspecified afterwards. The default is {@code derivative(z, z)} then
     * {@code delta.muli(z)}; an implementation may do it in one pass, with the same values.
     */
    default void backpropagate(INDArray z, INDArray delta) {
        derivative(z, z);
        delta.muli(z);
    }

    /** lower &lt;- B1(a, eps), upper &lt;- B2(a, eps), elementwise (DLAM equation 4). */
    default void preimageBounds(INDArray a, double epsilon, INDArray lower, INDArray upper) {
        INDArray flatA = a.reshape(a.length());
        INDArray flatLower = lower.reshape(lower.length());
        INDArray flatUpper = upper.reshape(upper.length());
        for (long i = 0; i < flatA.length(); i++) {
            double value = flatA.getDouble(i);
            flatLower.putScalar(i, lowerBound(value, epsilon));
            flatUpper.putScalar(i, upperBound(value, epsilon));
        }
        if (flatLower != lower) {
            lower.assign(flatLower.reshape(lower.shape()));
        }
        if (flatUpper != upper) {
            upper.assign(flatUpper.reshape(upper.shape()));
        }
    }

    /** Allocating convenience form of {@link #apply(INDArray, INDArray)}. */
    default INDArray apply(INDArray z) {
        INDArray out = z.ulike();
        apply(z, out);
        return out;
    }

    private static void mapScalar(INDArray in, INDArray out, java.util.function.DoubleUnaryOperator f) {
        INDArray flatIn = in.reshape(in.length());
        INDArray flatOut = out.reshape(out.length());
        for (long i = 0; i < flatIn.length(); i++) {
            flatOut.putScalar(i, f.applyAsDouble(flatIn.getDouble(i)));
        }
        if (flatOut != out) {
            out.assign(flatOut.reshape(out.shape()));
        }
    }
}
