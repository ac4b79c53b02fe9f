package org.altmin.solvers.core;

import org.altmin.api.State;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cached products {@code W_l a_{l-1}} ({@code n_l x N}) of a layered alternating-minimization method: the one
 * invariant its blocks keep, so that most blocks need no GEMM of their own (a block that changes W_l or a_{l-1}
 * updates {@code product(l)}, incrementally where it can, e.g. {@code W^{k+1} a = W^k a + D a}). Not thread-safe.
 */
public final class CouplingCache implements Resumable {
    private final State state;
    private final Gemm gemm;
    private final INDArray[] products;

    /** Allocates one product per layer for {@code state}; call {@link #refresh()} to fill them. */
    public CouplingCache(State state, Gemm gemm) {
        this.state = state;
        this.gemm = gemm;
        products = new INDArray[state.layers() + 1];
        for (int l = 1; l <= state.layers(); l++) {
            products[l] = org.nd4j.linalg.factory.Nd4j.create(state.w(l).dataType(), state.w(l).rows(), state.samples());
        }
    }

    /** {@code W_l a_{l-1}}, kept equal to the current values by every block. */
    public INDArray product(int l) {
        return products[l];
    }

    /** Recomputes {@code W_l a_{l-1}} from the state. */
    public void refresh(int l) {
        gemm.gemm(state.w(l), state.a(l - 1), products[l], false, false, 1.0, 0.0);
    }

    /**
     * Saves every product as {@code wa_l}: they are kept incrementally, so recomputing them on resume would round
     * differently from the run that saved them.
     */
    @Override
    public void save(Snapshot out) {
        for (int l = 1; l < products.length; l++) {
            out.put("wa_" + l, products[l]);
        }
    }

    @Override
    public void restore(Snapshot in) {
        for (int l = 1; l < products.length; l++) {
            in.restore("wa_" + l, products[l]);
        }
    }

    /** Recomputes every product (after an external change of W or a). */
    public void refresh() {
        for (int l = 1; l < products.length; l++) {
            refresh(l);
        }
    }
}
