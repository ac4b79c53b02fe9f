package org.altmin.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The variables of a run, 1-based as in the papers: always {@code W_l} ({@code n_l x n_{l-1}}) and {@code b_l}
 * ({@code n_l x 1}) for {@code l = 1..L} and {@code a_0 = x}; for the alternating-minimization methods also
 * {@code z_l} ({@code n_l x N}) for {@code l = 1..L} and {@code a_l} ({@code n_l x N}) for {@code l = 1..L-1}
 * ({@link #zeros}); a gradient method keeps only the weights ({@link #weightsOnly}), so no N-sized array is
 * allocated for it. A method adds its own variables by name ({@link #add}: ADMM's multiplier {@code lambda}, mDLAM's
 * previous iterate), so that generic listeners (e.g. the boundedness monitor) see them too.
 *
 * <p>Block updates modify the arrays in place, so the references stay valid for the whole run; {@link #copy()}
 * takes a snapshot.
 */
public final class State {
    /** The names of the four variables of DLAM's Problem 2. */
    public static final String W = "W";
    public static final String B = "b";
    public static final String Z = "z";
    public static final String A = "a";

    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] z;
    private final INDArray[] a;
    private final Map<String, INDArray[]> extra;

    private State(INDArray[] w, INDArray[] b, INDArray[] z, INDArray[] a, Map<String, INDArray[]> extra) {
        this.w = w;
        this.b = b;
        this.z = z;
        this.a = a;
        this.extra = extra;
    }

    /** A state of zeros with W, b, z, a for the network and {@code x} (which becomes {@code a_0}, not copied). */
    public static State zeros(NetworkSpec network, INDArray x) {
        return allocate(network, x, true);
    }

    /** A state of zeros with only W and b (and {@code a_0 = x}): what a gradient method needs. */
    public static State weightsOnly(NetworkSpec network, INDArray x) {
        return allocate(network, x, false);
    }

    private static State allocate(NetworkSpec network, INDArray x, boolean layerVariables) {
        int layers = network.layers();
        long n = x.columns();
        DataType dtype = x.dataType();
        Validate.shape("State", "x", x, network.inputs(), n);
        INDArray[] w = new INDArray[layers + 1];
        INDArray[] b = new INDArray[layers + 1];
        INDArray[] z = layerVariables ? new INDArray[layers + 1] : null;
        INDArray[] a = new INDArray[layerVariables ? layers : 1];
        a[0] = x;
        for (int l = 1; l <= layers; l++) {
            w[l] = Nd4j.zeros(dtype, network.width(l), network.width(l - 1));
            b[l] = Nd4j.zeros(dtype, network.width(l), 1);
            if (layerVariables) {
                z[l] = Nd4j.zeros(dtype, network.width(l), n);
                if (l < layers) {
                    a[l] = Nd4j.zeros(dtype, network.width(l), n);
                }
            }
        }
        return new State(w, b, z, a, new LinkedHashMap<>());
    }

    /** L. */
    public int layers() {
        return w.length - 1;
    }

    /** N, the number of samples (columns). */
    public long samples() {
        return a[0].columns();
    }

    /** Whether the state holds z and a (the alternating-minimization methods) or only the weights. */
    public boolean hasLayerVariables() {
        return z != null;
    }

    public INDArray w(int l) {
        return w[checkLayer(l)];
    }

    public INDArray b(int l) {
        return b[checkLayer(l)];
    }

    public INDArray z(int l) {
        if (z == null) {
            throw new InvalidParameterException("State", "z", "is not held by this state: the optimizer keeps only W and b");
        }
        return z[checkLayer(l)];
    }

    /** {@code a_l} for {@code 0 <= l < L}; {@code a_0 = x}. */
    public INDArray a(int l) {
        if (l != 0 && z == null) {
            throw new InvalidParameterException("State", "a", "is not held by this state: the optimizer keeps only W and b");
        }
        if (l < 0 || l >= a.length) {
            throw InvalidParameterException.of("State", "l", l, "in [0, " + (a.length - 1) + "] for a_l");
        }
        return a[l];
    }

    /**
     * Adds a method's own variable {@code name} with one array per layer ({@code arrays[l]} for layer l; index 0 and
     * layers without one are null). The arrays are the live ones, not copied.
     */
    public State add(String name, INDArray[] arrays) {
        if (name == null || name.isBlank() || List.of(W, B, Z, A).contains(name) || extra.containsKey(name)) {
            throw InvalidParameterException.of("State", "name", name, "a new variable name (not W, b, z, a, " + extra.keySet() + ")");
        }
        if (arrays == null || arrays.length != layers() + 1) {
            throw InvalidParameterException.of("State", name + ".length", arrays == null ? "null" : arrays.length,
                    "L + 1 = " + (layers() + 1) + " (index l for layer l)");
        }
        extra.put(name, arrays);
        return this;
    }

    /** Every variable's name: W, b, then z and a when held, then the method's own. */
    public List<String> variables() {
        List<String> names = new ArrayList<>(List.of(W, B));
        if (z != null) {
            names.add(Z);
            names.add(A);
        }
        names.addAll(extra.keySet());
        return Collections.unmodifiableList(names);
    }

    /**
     * The array of {@code variable} for layer {@code l}, or null where that layer has none (a_L, or a method's
     * variable held for some layers only).
     */
    public INDArray variable(String variable, int l) {
        INDArray[] arrays = switch (variable) {
            case W -> w;
            case B -> b;
            case Z -> z;
            case A -> z == null ? null : a;
            default -> extra.get(variable);
        };
        if (arrays == null) {
            throw InvalidParameterException.of("State", "variable", "'" + variable + "'", "one of " + variables());
        }
        checkLayer(l);
        return l < arrays.length ? arrays[l] : null;
    }

    /** W_1..W_L as a list (the live arrays). */
    public List<INDArray> weights() {
        return Collections.unmodifiableList(Arrays.asList(w).subList(1, w.length));
    }

    /** b_1..b_L as a list (the live arrays). */
    public List<INDArray> biases() {
        return Collections.unmodifiableList(Arrays.asList(b).subList(1, b.length));
    }

    /** A deep copy (a_0 = x is shared, since no block writes it). */
    public State copy() {
        Map<String, INDArray[]> extras = new LinkedHashMap<>();
        extra.forEach((k, v) -> extras.put(k, dupAll(v)));
        return new State(dupAll(w), dupAll(b), z == null ? null : dupAll(z), dupAllButFirst(a), extras);
    }

    /** Copies every variable of {@code other} (a state of the same shape) into this state's arrays, in place. */
    public void assign(State other) {
        if (other.layers() != layers() || other.hasLayerVariables() != hasLayerVariables()
                || !other.extra.keySet().equals(extra.keySet())) {
            throw InvalidParameterException.of("State", "other", other, "a state with the same variables " + variables());
        }
        for (int l = 1; l <= layers(); l++) {
            w[l].assign(other.w[l]);
            b[l].assign(other.b[l]);
            if (z != null) {
                z[l].assign(other.z[l]);
                if (l < layers()) {
                    a[l].assign(other.a[l]);
                }
            }
        }
        extra.forEach((name, arrays) -> {
            INDArray[] from = other.extra.get(name);
            for (int l = 0; l < arrays.length; l++) {
                if (arrays[l] != null) {
                    arrays[l].assign(from[l]);
                }
            }
        });
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
            parts.add("W" + l + Arrays.toString(w[l].shape()));
        }
        return "State" + parts + " N=" + samples() + " variables " + variables();
    }
}
