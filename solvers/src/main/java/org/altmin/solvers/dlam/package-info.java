/**
 * DLAM, deep learning alternating minimization (J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187, section 3), and
 * mDLAM, its Nesterov-accelerated variant (J. Wang, H. Li, L. Zhao, Neurocomputing 2022), on the core skeleton of
 * {@code org.altmin.solvers.core}:
 * <ul>
 *   <li>{@link org.altmin.solvers.dlam.DlamOptimizer} ("dlam") runs Algorithm 1 as a sweep over five swappable block
 *       updates ({@link org.altmin.solvers.dlam.DlamBlocks}: W by Algorithm 2, b by equations 2-3, z by equation 4,
 *       z_L by equation 5, a by Algorithm 3), each role with its own Guice registry
 *       ({@link org.altmin.solvers.dlam.DlamModule});</li>
 *   <li>{@link org.altmin.solvers.dlam.MdlamOptimizer} ("mdlam") runs the same blocks, the W and a updates from an
 *       extrapolated point with a monotone safeguard;</li>
 *   <li>blocks see the {@link org.altmin.solvers.dlam.DlamContext} interface (problem, variables, coupling cache,
 *       named buffers, step memory), implemented by {@link org.altmin.solvers.dlam.DlamSession}, so a researcher's
 *       block in any package serves both methods; {@link org.altmin.solvers.dlam.DlamConfig} holds the
 *       hyperparameters.</li>
 * </ul>
 *
 * <p>Choices where the paper leaves room, each also documented at its block:
 * <ul>
 *   <li>b (equations 2-3): the exact minimizer, the sample mean of {@code z - W a}; the paper's step 1/rho
 *       ignores that b is broadcast over N columns (Lipschitz constant rho N).</li>
 *   <li>Backtracking (Algorithms 2-3): the test {@code phi(zeta) <= P(zeta; theta)} is evaluated in its exact
 *       quadratic form {@code rho ||D a||^2 <= theta ||D||^2}; a bounded number of trials, after which the block
 *       keeps its value and says {@code fallback=true}; optional warm start of theta and t.</li>
 *   <li>eps follows a geometric schedule to a floor by default, since a fixed eps trains only the output layer (below);
 *       {@code epsilonDecay = 1} fixes it, Theorem 1's setting.</li>
 * </ul>
 *
 * <p><b>A property of Algorithm 1 worth knowing.</b> From the feasible forward-pass start with a fixed eps, only
 * the output layer learns: W_l and b_l for l &lt; L never move. By induction from the top: for a hidden layer l
 * with residual {@code z_l - W_l a_{l-1} - b_l = 0} (true at the start), {@code z_l = W_l a_{l-1} + b_l} lies in
 * the preimage of the band of {@code a_l^k}, because the a update projected a_l onto the band around
 * {@code h(z_l)}; so equation 4 leaves z_l unchanged, the residual stays 0, the gradients of W_l and b_l are 0,
 * and so is the gradient of the a_{l-1} update (it is {@code -rho W_l^T} times that residual), so a_{l-1} stays
 * too and the argument repeats one layer down. Only z_L (equation 5), W_L, b_L and a_{L-1} (within eps of
 * {@code h(z_{L-1})}) move: the hidden layers are a fixed random feature map (the test
 * {@code DlamOptimizerTest.onlyTheOutputLayerMovesFromTheFeasibleStart} pins this down, and MNIST runs show it).
 * The eps schedule (the authors' code, and DLAM's default here) breaks this: equation 4 with the new, smaller eps
 * moves z_l toward a_l, and the residuals, hence the hidden layers, start to move (see {@code ZClip}). The default
 * schedule (rho 0.3, eps 1, decay 0.9, floor 0.001) and the 784-10-10-10 preset
 * {@code experiments/examples/dlam-mnist-10.yaml} (eps 3, decay 0.95) come from the committed search
 * {@code experiments/studies/tune-dlam.yaml}, selected on a held-out validation split (see {@link DlamConfig}).
 */
package org.altmin.solvers.dlam;
