package org.altmin.api;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The variables of DLAM's Problem 2, 1-based as in the paper: {@code W_l} ({@code n_l x n_{l-1}}), {@code b_l}
 * ({@code n_l x 1}), {@code z_l} ({@code n_l x N}) for {@code l = 1..L}, and {@code a_l} ({@code n_l x N}) for
 * {@code l = 0..L-1} with {@code a_0 = x}. Block updates modify the arrays in place, so the references stay
 * valid for the whole run; {@link #copy()} takes a snapshot.
 */
public final class State {
    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] z;
    private final INDArray[] a;

    private State(INDArray[] w, INDArray[] b, INDArray[] z, INDArray[] a) {
        this.w = w;
        this.b = b;
        this.z = z;
        this.a = a;
    }

    /** A state of zeros for the network and {@code x} (which becomes {@code a_0}, not copied). */
    public static State zeros(NetworkSpec network, INDArray x) {
        int layers = network.layers();
        long n = x.columns();
        DataType dtype = x.dataType();
        Validate.shape("State", "x", x, network.inputs(), n);
        INDArray[] w = new INDArray[layers + 1];
        INDArray[] b = new INDArray[layers + 1];
        INDArray[] z = new INDArray[layers + 1];
        INDArray[] a = new INDArray[layers];
        a[0] = x;
        for (int l = 1; l <= layers; l++) {
            w[l] = Nd4j.zeros(dtype, network.width(l), network.width(l - 1));
            b[l] = Nd4j.zeros(dtype, network.width(l), 1);
            z[l] = Nd4j.zeros(dtype, network.width(l), n);
            if (l < layers) {
                a[l] = Nd4j.zeros(dtype, network.width(l), n);
            }
        }
        return new State(w, b, z, a);
    }

    /** L. */
    public int layers() {
        return w.length - 1;
    }

    /** N, the number of samples (columns). */
    public long samples() {
        return a[0].columns();
    }

    public INDArray w(int l) {
        return w[checkLayer(l)];
    }

    public INDArray b(int l) {
        return b[checkLayer(l)];
    }

    public INDArray z(int l) {
        return z[checkLayer(l)];
    }

    /** {@code a_l} for {@code 0 <= l < L}; {@code a_0 = x}. */
    public INDArray a(int l) {
        if (l < 0 || l >= a.length) {
            throw InvalidParameterException.of("State", "l", l, "in [0, " + (a.length - 1) + "] for a_l");
        }
        return a[l];
    }

    /** W_1..W_L as a list (views of the live arrays). */
    public List<INDArray> weights() {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(w).subList(1, w.length));
    }

    /** b_1..b_L as a list (views of the live arrays). */
    public List<INDArray> biases() {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(b).subList(1, b.length));
    }

    /** A deep copy (a_0 = x is shared, since no block writes it). */
    public State copy() {
        return new State(dupAll(w), dupAll(b), dupAll(z), dupAllButFirst(a));
    }

    /** Copies every variable of {@code other} into this state's arrays, in place. */
    public void assign(State other) {
        for (int l = 1; l <= layers(); l++) {
            w[l].assign(other.w[l]);
            b[l].assign(other.b[l]);
            z[l].assign(other.z[l]);
            if (l < layers()) {
                a[l].assign(other.a[l]);
            }
        }
    }

    private int checkLayer(int l) {
        if (l < 1 || l >= w.length) {
            throw InvalidParameterException.of("State", "l", l, "in [1, " + (w.length - 1) + "]");
        }
        return l;
    }

    private static INDArray[] dupAll(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i] == null ? null : arrays[i].dup();
        }
        return out;
    }

    private static INDArray[] dupAllButFirst(INDArray[] arrays) {
        INDArray[] out = dupAll(arrays);
        out[0] = arrays[0];
        return out;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int l = 1; l <= layers(); l++) {
            parts.add("W" + l + java.util.Arrays.toString(w[l].shape()));
        }
        return "State" + parts + " N=" + samples();
    }
}
