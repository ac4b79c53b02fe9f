package org.altmin.solvers.dlam;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Small numeric helpers shared by the blocks. */
final class Ops {
    private Ops() {}

    /** {@code ||x||_F^2}. */
    static double sq(INDArray x) {
        double n = x.norm2Number().doubleValue();
        return n * n;
    }
}
