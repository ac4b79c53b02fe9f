/**
 * Run-time monitors of the convergence properties an alternating-minimization method can prove (DLAM's
 * Properties 1-3: J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187, section 4.1) as
 * {@link org.altmin.api.IterationListener}s on the {@link org.altmin.api.IterationReport}: boundedness of the
 * iterates ({@link org.altmin.verification.monitors.BoundednessMonitor}), sufficient descent with each block's
 * reported modulus ({@link org.altmin.verification.monitors.SufficientDescentMonitor}), and the subgradient bound
 * ({@link org.altmin.verification.monitors.SubgradientBoundMonitor}, from the optimizer's
 * {@link org.altmin.api.ObjectiveModel} when it offers one).
 *
 * <p>Monitors attach by declared property: in {@code onStart} each reads the optimizer's
 * {@link org.altmin.api.Theory#claim claim} for its {@link org.altmin.api.Property}. A property the theory does not
 * prove is SKIPPED with the claim's condition as the reason, never FAILED; a claim that applies from iteration K
 * leaves iterations before K unchecked, and the report's {@link org.altmin.verification.monitors.Coverage} says how
 * many and why. Used without {@code onStart} (plain Java), the boundedness and descent monitors check every
 * iteration; {@link org.altmin.verification.monitors.StandaloneRun} is a run context for using them, and the
 * subgradient monitor, outside an optimizer.
 *
 * <p>Each monitor exposes a typed report record and a {@link org.altmin.verification.checks.Verdict}. Monitors are
 * not thread-safe; one instance observes one run.
 */
package org.altmin.verification.monitors;
