/**
 * Run-time monitors of Properties 1-3 of DLAM (J. Wang, F. Yu, X. Chen, L. Zhao, arXiv:1811.04187, section 4.1) as
 * {@link org.altmin.api.IterationListener}s: boundedness of the iterates, sufficient descent (inequality 7), and the
 * subgradient bound. Each exposes a typed report record and a {@link org.altmin.verification.checks.Verdict}.
 * Monitors are not thread-safe; one instance observes one run.
 */
package org.altmin.verification.monitors;
