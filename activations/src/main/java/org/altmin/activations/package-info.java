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
 * <li><b>Array forms</b> are vectorized ND4J passes writing into the given output (which may be the input for
 * apply and derivative; for the bounds, {@code lower} and {@code upper} must be distinct from a and from each
 * other). They check emptiness with reductions of a (min, max, and a NaN-propagating sum), never per element in
 * Java. Tanh, sigmoid and leaky ReLU use one per-thread scratch buffer per shape ({@code Scratch}), allocated
 * on the first call, so repeated calls allocate nothing of the arrays' size. On an exception the contents of the outputs are unspecified.
 * <li><b>FLOAT and DOUBLE</b>: see {@link org.altmin.activations.FloatingPoint} for the rounding contract (bounds
 * sound up to {@code FloatingPoint.bandTolerance} when h is evaluated in the array's type; exact for the steps).
 * </ul>
 */
package org.altmin.activations;
