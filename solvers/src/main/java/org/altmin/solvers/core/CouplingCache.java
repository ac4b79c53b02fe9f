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
    /** W_1 as of the last {@link #refresh(int) refresh(1)}, to tell whether product(1) is still that GEMM's result. */
    private final INDArray refreshedW1;
    private boolean refreshed;

    /** Allocates one product per layer for {@code state}; call {@link #refresh()} to fill them. */
    public CouplingCache(State state, Gemm gemm) {
        this.state = state;
        this.gemm = gemm;
        products = new INDArray[state.layers() + 1];
        for (int l = 1; l <= state.layers(); l++) {
            products[l] = org.nd4j.linalg.factory.Nd4j.create(state.w(l).dataType(), state.w(l).rows(), state.samples());
        }
        refreshedW1 = state.layers() >= 1 ? state.w(1).dup() : null;
    }

    /** {@code W_l a_{l-1}}, kept equal to the current values by every block. */
    public INDArray product(int l) {
        return products[l];
    }

    /** Recomputes {@code W_l a_{l-1}} from the state. */
    public void refresh(int l) {
        gemm.gemm(state.w(l), state.a(l - 1), products[l], false, false, 1.0, 0.0);
        if (l == 1) {
            refreshedW1.assign(state.w(1));
            refreshed = true;
        }
    }

    /**
     * {@code product(1)} when it is bit for bit the GEMM {@code W_1 x} of the current W_1: W_1 is, bit for bit, the
     * W_1 of the last {@link #refresh(int) refresh(1)} (a block that moves W_1 updates the product incrementally,
     * {@code W^k x + D x}, which differs from {@code W^{k+1} x} by rounding; one that leaves W_1 unchanged leaves
     * the product as refreshed, or adds an exactly zero step). {@code a_0 = x} never changes. Costs one pass over
     * the {@code n_1 x n_0} W_1. The training-set evaluation reuses it ({@code Session#inputProduct}).
     */
    public java.util.Optional<INDArray> inputProduct() {
        if (!refreshed || !sameBits(state.w(1), refreshedW1)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(products[1]);
    }

    private static boolean sameBits(INDArray a, INDArray b) {
        if (a.dataType() != b.dataType() || !java.util.Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        if (a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            float[] x = a.data().asFloat();
            float[] y = b.data().asFloat();
            for (int i = 0; i < x.length; i++) {
                if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                    return false;
                }
            }
            return true;
        }
        double[] x = a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double[] y = b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                return false;
            }
        }
        return true;
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
