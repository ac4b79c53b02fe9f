/**
 * Fused elementwise kernels for block updates: {@link org.altmin.solvers.kernels.Fused} computes, each in one
 * parallel pass over the ND4J buffers, what a block would otherwise write as several ND4J ops on its
 * {@code n_l x N} arrays (the coupling residual and its norm, the band projection and the z clip of DLAM, a scaled
 * add, a difference with its norm, dot products, row sums, squared norms and max norms). Each kernel gives the same
 * elementwise bits as those ND4J ops (its sums differ by rounding only: they accumulate in double) and falls back to
 * them for arrays that are not one flat c-order buffer. DLAM's blocks ({@code org.altmin.solvers.dlam}) use them;
 * a researcher's own {@code BlockUpdate} may too. The chunk driver underneath, for writing a kernel of one's own, is
 * {@link org.altmin.api.kernels.Segments}.
 */
package org.altmin.solvers.kernels;
