package org.altmin.api.kernels;

/**
 * An activation's preimage bounds (DLAM's equation 4, {@code QuasilinearActivation#preimageBounds}) for one eps, on
 * one chunk of a fused pass ({@link Segments}): a block that needs the bounds only to use them at once (DLAM's z
 * clip) computes them in the chunk's scratch arrays instead of writing two arrays of the data's size and reading
 * them back.
 *
 * <p>A kernel writes {@code lower[0, n)} and {@code upper[0, n)} from {@code a[0, n)}, which it leaves unchanged, and
 * returns whether it <em>accepts</em> the chunk: every entry finite with a non-empty preimage, i.e. entries on which
 * the array form would not throw. On a chunk it accepts, its bounds are the array form's, the same bits; on one it
 * rejects, they are unspecified and the caller must use the array form (which throws the activation's own
 * exception, or lets the caller fall back as it does for that exception).
 */
public interface BoundsKernel {
    /** The bounds of a FLOAT chunk; whether the chunk is accepted (see the class comment). */
    boolean floats(float[] a, float[] lower, float[] upper, int n);

    /** The bounds of a DOUBLE chunk; whether the chunk is accepted (see the class comment). */
    boolean doubles(double[] a, double[] lower, double[] upper, int n);
}
