package org.altmin.api;

/**
 * Per-layer data of one iteration.
 *
 * @param layer        1-based layer index l
 * @param bandResidual {@code ||a_l - h_l(z_l)||_F} (0 for the output layer, which has no a_L)
 * @param w            the W_l step (Algorithm 2)
 * @param b            the b_l step (equations 2-3)
 * @param z            the z_l step (equation 4, or 5 for l = L)
 * @param a            the a_l step (Algorithm 3); {@link BlockStep#NONE} for l = L
 */
public record LayerStats(int layer, double bandResidual, BlockStep w, BlockStep b, BlockStep z, BlockStep a) {}
