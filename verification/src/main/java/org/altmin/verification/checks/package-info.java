/**
 * Plain-Java property checks of the assumptions behind DLAM's convergence (J. Wang, F. Yu, X. Chen, L. Zhao, deep
 * learning alternating minimization, arXiv:1811.04187, section 4.1): convexity, subgradients, gradients and
 * proximal maps of losses and regularizers (Assumption 2), quasilinearity and exact preimage bounds of activations
 * (Assumption 3), and coercivity along rays (Assumption 1). Each check draws its inputs from a seeded
 * {@link java.util.SplittableRandom}, works in DOUBLE, states its tolerance and try count as named constants, and
 * returns a {@link org.altmin.verification.checks.Verdict} with a printable counterexample. No JUnit needed: the
 * checks run from tests (see {@code org.altmin.verification.contracts}) and at run time alike.
 */
package org.altmin.verification.checks;
