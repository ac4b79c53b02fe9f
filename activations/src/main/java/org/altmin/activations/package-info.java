/**
 * Quasilinear activations with exact preimage bounds, for DLAM (J. Wang, F. Yu, X. Chen, L. Zhao, deep learning
 * alternating minimization, arXiv:1811.04187): Assumption 3 asks each activation h to be quasilinear, and the z
 * update (equation 4) clips {@code z_l} to the preimage {@code [B1, B2]} of the band
 * {@code [a_l - eps, a_l + eps]}.
 *
 * <p>Shipped, by registered name ({@link org.altmin.activations.ActivationsModule}): {@code relu},
 * {@code leaky-relu} (alpha), {@code tanh}, {@code sigmoid}, {@code hard-tanh}, {@code identity}, and the
 * binarizing {@code step} and {@code sign} (ste).
 *
 * <p>Conventions common to all:
 * <ul>
 * <li><b>Bounds are exact</b>, in the extended reals: {@code -inf}/{@code +inf} where the preimage is unbounded
 * (a band reaching past a saturating end), and {@link org.altmin.api.InvalidParameterException} naming a and
 * the valid range where it is empty. {@code eps >= 0} (finite) and finite {@code a} are required; eps = 0 is
 * allowed wherever the preimage is nonempty.
 * <li><b>Derivatives</b> (used by the SGD baselines only; DLAM never differentiates h) take at a kink the
 * smaller one-sided derivative: ReLU'(0) = 0, leaky ReLU'(0) = alpha, hard tanh'(±1) = 0. The steps' derivative
 * is 0 everywhere unless their straight-through flag is set.
 * <li><b>Array forms</b> write into the given output (which may be the input for apply and derivative; for the
 * bounds, {@code lower} and {@code upper} must be distinct from a and from each other). On plain arrays (FLOAT or
 * DOUBLE, one shape and ordering, not views, each owning its whole buffer) the bounds of every activation, and
 * leaky ReLU's apply, take one chunked, parallel pass in Java ({@code Elementwise}) that computes, bit for bit,
 * what their ND4J form computes, and gathers the extremes of a on the way; tanh and sigmoid keep ND4J's own
 * Log1p/Log pass per bound. The other apply and derivative forms are one to three ND4J passes, which a Java pass
 * does not beat (measured). Otherwise, and whenever
 * a is not finite or its band is empty somewhere, the ND4J form runs (vectorized ND4J passes, emptiness checked
 * with reductions of a: min, max, and a NaN-propagating sum), which throws the exception. The ND4J forms of
 * tanh, sigmoid, leaky ReLU and hard tanh use one per-thread scratch buffer per shape ({@code Scratch}),
 * allocated on the first call, so repeated calls allocate nothing of the arrays' size. On an exception the
 * contents of the outputs are unspecified.
 * <li><b>FLOAT and DOUBLE</b>: see {@link org.altmin.activations.FloatingPoint} for the rounding contract (bounds
 * sound up to {@code FloatingPoint.bandTolerance} when h is evaluated in the array's type; exact for the steps).
 * </ul>
 */
package org.altmin.activations;
