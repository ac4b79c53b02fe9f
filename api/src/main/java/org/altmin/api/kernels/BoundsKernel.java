package org.altmin.api.kernels;

/**
 * An activation's preimage bounds (DLAM's equation 4, {@code QuasilinearActivation#preimageBounds}) for one eps, on
 * one chunk of a fused pass ({@link Segments}): a block that needs the bounds only to use them at once (DLAM's z
 * clip) computes them in the chunk's scratch arrays instead of writing two arrays of the data's size and reading
 * them back.
 *
 * <p>{@link #accepts} says whether the array form would bound every entry of a chunk without throwing (each entry
 * finite, its preimage non-empty); {@link #bounds} then writes {@code lower[0, n)} and {@code upper[0, n)} from
 * {@code a[0, n)}, the same bits as the array form. On a chunk it does not accept, the bounds are unspecified and the
 * caller must use the array form (which throws the activation's own exception, or lets the caller fall back as it
 * does for that exception). Neither method changes {@code a}.
 */
public interface BoundsKernel {
    /** Whether the array form bounds every entry of this FLOAT chunk (see the class comment). */
    boolean accepts(float[] a, int n);

    /** Whether the array form bounds every entry of this DOUBLE chunk (see the class comment). */
    boolean accepts(double[] a, int n);

    /** The bounds of an accepted FLOAT chunk. */
    void bounds(float[] a, float[] lower, float[] upper, int n);

    /** The bounds of an accepted DOUBLE chunk. */
    void bounds(double[] a, double[] lower, double[] upper, int n);
}
