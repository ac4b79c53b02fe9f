/**
 * The core every optimizer of the alternating-minimization family is written on.
 *
 * <ul>
 *   <li>{@link org.altmin.solvers.core.IterativeOptimizer}: the run lifecycle (prepare, start report, iterate,
 *       measure, guards, evaluation, reports, stopping by budget, {@link org.altmin.api.ConvergenceChecker} or a
 *       listener's {@link org.altmin.api.RunContext#requestStop}, and the result). A method implements
 *       {@code open(Problem)} returning its {@link org.altmin.solvers.core.Session}.</li>
 *   <li>{@link org.altmin.solvers.core.BlockSweep}: one iteration of a block-coordinate method as an ordered list of
 *       {@link org.altmin.api.BlockUpdate} strategies, timed and guarded.</li>
 *   <li>The small interfaces blocks depend on instead of a method's context:
 *       {@link org.altmin.solvers.core.CouplingCache} (the products {@code W_l a_{l-1}}),
 *       {@link org.altmin.solvers.core.Workspace} (named reusable buffers),
 *       {@link org.altmin.solvers.core.StepMemory} (accepted step parameters for warm starts) and
 *       {@link org.altmin.solvers.core.Gemm} (counted products).</li>
 * </ul>
 * The README's section "Writing an optimizer or a block" walks through an example using only public API.
 */
package org.altmin.solvers.core;
