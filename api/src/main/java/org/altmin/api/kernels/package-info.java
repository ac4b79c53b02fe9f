/**
 * The chunk driver of the fused elementwise kernels ({@link org.altmin.api.kernels.Segments}): the flat-layout
 * test, the segment loop over an ND4J buffer with per-thread scratch arrays, the serial-below-threshold schedule
 * and the fixed-order combination of partial sums. It lives in api, the module every other depends on, so that
 * the DLAM kernels ({@code org.altmin.solvers.kernels.Fused}), the activations' single-pass bounds and the
 * cross-entropy prox share one copy, and a researcher's own kernel can use it too.
 */
package org.altmin.api.kernels;
