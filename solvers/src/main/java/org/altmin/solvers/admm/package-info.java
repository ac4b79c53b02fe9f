/**
 * The ADMM baseline of G. Taylor, R. Burmeister, Z. Xu, B. Singh, A. Patel and T. Goldstein, "Training Neural
 * Networks Without Gradients: A Scalable ADMM Approach" (ICML 2016): {@link org.altmin.solvers.admm.AdmmOptimizer}
 * ("admm") runs their Algorithm 1 on the core skeleton ({@link org.altmin.solvers.core.IterativeOptimizer}) with the
 * same {@link org.altmin.api.Problem}, listeners and reports as DLAM, so the two compare on one footing.
 * {@link org.altmin.solvers.admm.AdmmUpdates} holds the five closed-form updates and
 * {@link org.altmin.solvers.admm.AdmmBlocks} wraps them as block strategies in the paper's order;
 * {@link org.altmin.solvers.admm.AdmmSession} is one run (its {@link org.altmin.solvers.admm.AdmmContext}: variables,
 * multiplier, buffers), {@link org.altmin.solvers.admm.AdmmObjective} the augmented Lagrangian with its terms and
 * diagnostics by name, {@link org.altmin.solvers.admm.AdmmConfig} the parameters,
 * {@link org.altmin.solvers.admm.AdmmModule} the registration.
 *
 * <p>Choices where the paper leaves room, each also documented at its class:
 * <ul>
 *   <li>Biases: none, as in the paper; the State's b_l stay 0.</li>
 *   <li>{@code a^+}: the normal equations with a tiny relative ridge (default 1e-6 of the mean diagonal of
 *       {@code a a^T}), accumulated and solved in double precision; {@code ridge = 0} gives the exact
 *       pseudo-inverse (SVD when {@code a a^T} is singular).</li>
 *   <li>Activations: the closed-form z update exists for relu, leaky-relu, hard-tanh and identity, recognized by
 *       their values; others are rejected.</li>
 *   <li>Regularizers: none (the paper) or l2, for which the W update stays exact; others are rejected.</li>
 *   <li>No descent modulus: ADMM states no descent inequality, so every block reports {@code modulus} NaN (the
 *       penalty weights beta, gamma are the config's) and its theory claims none of DLAM's Properties 1-3.</li>
 *   <li>Multiplier step {@code lambda += beta (z_L - W_L a_{L-1})} exactly as printed in the paper, although the
 *       penalty is {@code beta ||.||^2} rather than {@code (beta/2) ||.||^2} (textbook ADMM would step by 2 beta).</li>
 * </ul>
 */
package org.altmin.solvers.admm;
