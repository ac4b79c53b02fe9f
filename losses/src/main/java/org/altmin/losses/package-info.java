/**
 * Risks {@code R(z_L; y)} ({@link org.altmin.api.Loss}) and regularizers {@code Omega_l(W_l)}
 * ({@link org.altmin.api.Regularizer}) of DLAM's Problem 2 (J. Wang, F. Yu, X. Chen and L. Zhao, deep learning
 * alternating minimization, arXiv:1811.04187), each with its exact proximal map, registered by name in
 * {@link org.altmin.losses.LossesModule}.
 *
 * <h2>Sum convention</h2>
 * Samples are the columns of {@code z} and {@code y} ({@code classes x N}). Every loss here <em>sums</em> over
 * samples (and, for the hinge, over classes), never averages: the objective
 * {@code F = R(z_L; y) + sum_l Omega_l(W_l) + sum_l (rho/2)||z_l - W_l a_{l-1} - b_l||^2} uses sums everywhere,
 * so each sample weighs the same in the risk as in the coupling terms, and the prox of DLAM's equation 5,
 * {@code argmin_u R(u; y) + (rho/2)||u - v||^2}, is separable over samples. The user-facing mean loss is
 * {@code value / N}, and is labelled as a mean where reported. The regularizers are not scaled by N either:
 * with sums, a regularization weight {@code lambda} corresponds to {@code lambda / N} in a mean-loss formulation.
 *
 * <h2>Arrays and aliasing</h2>
 * Arrays may be FLOAT or DOUBLE; all arguments of one call must share shape and data type (checked, with an
 * {@link org.altmin.api.InvalidParameterException} naming the argument). Outputs are written in place; each class
 * documents which inputs {@code out} may be. Components that keep scratch arrays (to allocate nothing in DLAM's
 * loop) say so and are not thread-safe; the rest are immutable records.
 */
package org.altmin.losses;
