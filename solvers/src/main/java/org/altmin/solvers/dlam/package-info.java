/**
 * DLAM, deep learning alternating minimization (J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187, section 3):
 * {@link org.altmin.solvers.dlam.DlamOptimizer} ("dlam") runs Algorithm 1 as a loop over five swappable block
 * updates ({@link org.altmin.solvers.dlam.DlamBlocks}: W by Algorithm 2, b by equations 2-3, z by equation 4, z_L
 * by equation 5, a by Algorithm 3), registered by name in a Guice registry by
 * {@link org.altmin.solvers.dlam.DlamModule}; {@link org.altmin.solvers.dlam.DlamConfig} holds the
 * hyperparameters.
 *
 * <p>Choices where the paper leaves room, each also documented at its block:
 * <ul>
 *   <li>b (equations 2-3): the exact minimizer, the sample mean of {@code z - W a}; the paper's step 1/rho
 *       ignores that b is broadcast over N columns (Lipschitz constant rho N).</li>
 *   <li>Backtracking (Algorithms 2-3): the test {@code phi(zeta) <= P(zeta; theta)} is evaluated in its exact
 *       quadratic form {@code rho ||D a||^2 <= theta ||D||^2}; a bounded number of trials, after which the block
 *       keeps its value and says {@code fallback=true}; optional warm start of theta and t.</li>
 *   <li>eps is fixed by default (Theorem 1's setting); the authors' halving schedule is an option.</li>
 * </ul>
 *
 * <p><b>A property of Algorithm 1 worth knowing.</b> From the feasible forward-pass start with a fixed eps, the
 * first layer never moves: {@code z_1 = W_1 x + b_1} lies in the preimage of the band of {@code a_1^k} (because
 * a_1 was projected onto the band around {@code h(z_1)}), so equation 4 leaves z_1 unchanged, the residual
 * {@code z_1 - W_1 x - b_1} stays 0, and so do the gradients of W_1 and b_1 (up to rounding). This holds under
 * the eps schedule too, as implemented (equation 4 with eps_{k-1}, see {@code DlamContext.epsilonOfA}). The
 * first layer is thus a fixed random feature map; the deeper layers learn through the a updates, which move
 * each a_l at most eps away from {@code h(z_l)}. (The test {@code firstLayerStaysAtItsStart} pins this down.)
 */
package org.altmin.solvers.dlam;
