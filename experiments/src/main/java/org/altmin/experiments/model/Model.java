package org.altmin.experiments.model;

import com.fasterxml.jackson.core.JacksonException;
import com.google.inject.Injector;
import com.google.inject.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.Evaluation;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.api.TrainingData;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;
import org.altmin.solvers.common.Evaluator;
import org.altmin.solvers.common.ForwardPass;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained network, as every run saves it in its directory: {@value #NPZ} (the W_l and b_l as NumPy arrays
 * {@code W_1.npy, b_1.npy, ...}, W_l of shape {@code n_l x n_{l-1}}, b_l of shape {@code n_l x 1}) and
 * {@value #JSON} ({@link ModelInfo}: widths, dtype, the activation's and loss's resolved specs, classes, the spec's
 * hash, the format version). The forward pass is rebuilt through the component registries, so a model trained
 * with a plug-in activation needs that plug-in on the class path (its module is recorded).
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("runs/20260101-120000-dlam-mnist"));
 * INDArray z = model.predict(x);            // x: features x N, samples as columns; z: outputs x N
 * int[] labels = model.predictClasses(x);   // the index of each column's maximum
 * Evaluation e = model.evaluate(data);      // mean loss and accuracy on train (and test)
 * }</pre>
 *
 * <p>Every method that takes data checks its shape; data of another dtype are converted to the model's. Not
 * thread-safe (the forward pass of {@link #evaluate} reuses nothing between calls, but the components may).
 */
public final class Model {
    /** The file names inside a run directory. */
    public static final String NPZ = "model.npz";
    public static final String JSON = "model.json";
    /** {@link ModelInfo#format()}. */
    public static final String FORMAT = "altmin-model";
    /** The current (and highest readable) {@link ModelInfo#formatVersion()}. */
    public static final int FORMAT_VERSION = 1;

    private static final String COMPONENT = "Model";

    private final ModelInfo info;
    private final NetworkSpec network;
    private final DataType dtype;
    private final List<INDArray> weights;
    private final List<INDArray> biases;
    private final Loss loss;
    private final Regularizer regularizer;
    private final QuasilinearActivation activation;

    private Model(ModelInfo info, NetworkSpec network, DataType dtype, List<INDArray> weights,
            List<INDArray> biases, Loss loss, Regularizer regularizer, QuasilinearActivation activation) {
        this.info = info;
        this.network = network;
        this.dtype = dtype;
        this.weights = List.copyOf(weights);
        this.biases = List.copyOf(biases);
        this.loss = loss;
        this.regularizer = regularizer;
        this.activation = activation;
    }

    /**
     * Loads the model saved in {@code runDirectory}, with the components of the modules on the class path and those
     * the model records.
     *
     * @throws InvalidParameterException naming the file for a missing, corrupt or inconsistent model
     */
    public static Model load(Path runDirectory) {
        ModelInfo info = readInfo(runDirectory);
        return load(runDirectory, info, Wiring.injector(info.modules()));
    }

    /** As {@link #load(Path)}, with the components from {@code injector}'s registries. */
    public static Model load(Path runDirectory, Injector injector) {
        return load(runDirectory, readInfo(runDirectory), injector);
    }

    private static Model load(Path runDirectory, ModelInfo info, Injector injector) {
        Path npz = runDirectory.resolve(NPZ);
        Map<String, INDArray> arrays = Npz.read(npz);
        int layers = info.widths().size() - 1;
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            weights.add(array(npz, arrays, "W_" + l));
            biases.add(array(npz, arrays, "b_" + l));
        }
        return create(info, weights, biases, injector, npz.toString());
    }

    /**
     * A model from its description and arrays (as {@link #load} builds it), checked: widths, dtype and every
     * array's shape agree, and the components resolve in {@code injector}'s registries.
     */
    public static Model of(ModelInfo info, List<INDArray> weights, List<INDArray> biases, Injector injector) {
        return create(info, weights, biases, injector, "the weights");
    }

    private static Model create(ModelInfo info, List<INDArray> weights, List<INDArray> biases, Injector injector,
            String source) {
        checkInfo(info, "the model description");
        NetworkSpec network = new NetworkSpec(info.widths());
        DataType dtype = DataType.valueOf(info.dtype());
        int layers = network.layers();
        if (weights.size() != layers || biases.size() != layers) {
            throw new InvalidParameterException(COMPONENT, "weights", source + " must hold " + layers
                    + " weight matrices and bias vectors for widths " + info.widths() + ", found " + weights.size()
                    + " and " + biases.size());
        }
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            INDArray wl = weights.get(l - 1);
            INDArray bl = biases.get(l - 1);
            long rows = network.width(l);
            long columns = network.width(l - 1);
            if (wl.rank() != 2 || wl.rows() != rows || wl.columns() != columns) {
                throw new InvalidParameterException(COMPONENT, "W_" + l, "in " + source + " must have shape ("
                        + rows + ", " + columns + ") for widths " + info.widths() + ", found " + shape(wl));
            }
            boolean column = bl.rank() == 2 && bl.rows() == rows && bl.columns() == 1;
            boolean flat = bl.rank() == 1 && bl.length() == rows;
            if (!column && !flat) {
                throw new InvalidParameterException(COMPONENT, "b_" + l, "in " + source + " must have shape ("
                        + rows + ", 1) or (" + rows + ",) for widths " + info.widths() + ", found " + shape(bl));
            }
            for (var entry : List.of(Map.entry("W_" + l, wl), Map.entry("b_" + l, bl))) {
                if (entry.getValue().dataType() != dtype) {
                    throw new InvalidParameterException(COMPONENT, entry.getKey(), "in " + source + " must be "
                            + dtype + " as the model description says, found " + entry.getValue().dataType());
                }
            }
            w.add(wl.dup('c'));
            b.add(bl.reshape('c', rows, 1).dup('c'));
        }
        Registries.Resolved<Loss> loss = Registries.resolve("loss",
                injector.getInstance(Key.get(Registries.LOSS_MAP)), info.loss());
        Registries.Resolved<Regularizer> regularizer = Registries.resolve("regularizer",
                injector.getInstance(Key.get(Registries.REGULARIZER_MAP)),
                info.regularizer() != null ? info.regularizer() : ComponentSpec.of("none"));
        Registries.Resolved<QuasilinearActivation> activation = Registries.resolve("activation",
                injector.getInstance(Key.get(Registries.ACTIVATION_MAP)), info.activation());
        if (!info.classes().isEmpty() && info.classes().size() != network.outputs()) {
            throw new InvalidParameterException(COMPONENT, "classes", "must name the " + network.outputs()
                    + " outputs, found " + info.classes().size() + " classes " + info.classes());
        }
        ModelInfo resolved = new ModelInfo(info.format(), info.formatVersion(), info.widths(), info.dtype(),
                activation.spec(), loss.spec(), regularizer.spec(), info.classes(), info.modules(), info.specSha256(),
                info.optimizer(), info.iterations(), info.status());
        return new Model(resolved, network, dtype, w, b, loss.component(), regularizer.component(),
                activation.component());
    }

    private static INDArray array(Path npz, Map<String, INDArray> arrays, String key) {
        INDArray array = arrays.get(key);
        if (array == null) {
            throw new InvalidParameterException(COMPONENT, "file", npz + " has no entry " + key + ".npy (entries: "
                    + arrays.keySet() + ")");
        }
        return array;
    }

    private static String shape(INDArray array) {
        List<Long> dims = new ArrayList<>();
        for (long d : array.shape()) {
            dims.add(d);
        }
        return Npy.shapeText(dims);
    }

    /** Reads and checks {@code model.json} of a run directory. */
    public static ModelInfo readInfo(Path runDirectory) {
        if (!Files.isDirectory(runDirectory)) {
            throw InvalidParameterException.of(COMPONENT, "directory", runDirectory,
                    "a run directory holding " + NPZ + " and " + JSON);
        }
        Path json = runDirectory.resolve(JSON);
        if (!Files.isRegularFile(json)) {
            throw new InvalidParameterException(COMPONENT, "file", json + " is missing (a model is saved as " + NPZ
                    + " and " + JSON + " in its run directory)");
        }
        ModelInfo info;
        try {
            info = RunSpecIo.json().readValue(json.toFile(), ModelInfo.class);
        } catch (JacksonException e) {
            if (e.getCause() instanceof InvalidParameterException invalid) {
                throw new InvalidParameterException(COMPONENT, "file", json + " is not a valid model description: "
                        + invalid.getMessage());
            }
            throw new InvalidParameterException(COMPONENT, "file", json + " is not a valid model description: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidParameterException(COMPONENT, "file", json + " cannot be read (" + e + ")");
        }
        checkInfo(info, json.toString());
        return info;
    }

    private static void checkInfo(ModelInfo info, String source) {
        if (info == null) {
            throw new InvalidParameterException(COMPONENT, "file", source + " is empty");
        }
        if (!FORMAT.equals(info.format())) {
            throw new InvalidParameterException(COMPONENT, "file", source + " must have format '" + FORMAT
                    + "', found " + (info.format() == null ? "none" : "'" + info.format() + "'"));
        }
        if (info.formatVersion() < 1 || info.formatVersion() > FORMAT_VERSION) {
            throw new InvalidParameterException(COMPONENT, "file", source + " has formatVersion "
                    + info.formatVersion() + "; this altmin reads versions 1 to " + FORMAT_VERSION);
        }
        if (info.widths() == null || info.widths().size() < 2) {
            throw new InvalidParameterException(COMPONENT, "file", source + " must list at least 2 widths, found "
                    + info.widths());
        }
        try {
            new NetworkSpec(info.widths());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(COMPONENT, "file", source + ": " + e.getMessage());
        }
        if (!"FLOAT".equals(info.dtype()) && !"DOUBLE".equals(info.dtype())) {
            throw new InvalidParameterException(COMPONENT, "file", source + " must have dtype FLOAT or DOUBLE, found "
                    + info.dtype());
        }
        if (info.activation() == null || info.loss() == null) {
            throw new InvalidParameterException(COMPONENT, "file", source + " must name the activation and the loss");
        }
    }

    /**
     * Saves the model into {@code directory} (which must exist): {@value #NPZ}, then {@value #JSON}, each written
     * atomically.
     */
    public void save(Path directory) throws IOException {
        save(directory, info, weights, biases);
    }

    /** Writes {@value #NPZ} and {@value #JSON} into {@code directory} atomically (what a run does at its end). */
    public static void save(Path directory, ModelInfo info, List<INDArray> weights, List<INDArray> biases)
            throws IOException {
        checkInfo(info, "the model description");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int l = 1; l <= weights.size(); l++) {
            arrays.put("W_" + l, weights.get(l - 1));
            arrays.put("b_" + l, biases.get(l - 1));
        }
        Npz.write(directory.resolve(NPZ), arrays);
        AtomicWrite.write(directory.resolve(JSON), (RunSpecIo.json().writeValueAsString(info) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** SHA-256 of a file's bytes, in lower-case hex (a run's {@code spec.yaml}: {@link ModelInfo#specSha256()}). */
    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The description, with the components' resolved specs. */
    public ModelInfo info() {
        return info;
    }

    public NetworkSpec network() {
        return network;
    }

    public DataType dtype() {
        return dtype;
    }

    /** The label of each output row ({@code classes().get(k)} for row k); empty if the model does not say. */
    public List<String> classes() {
        return info.classes();
    }

    /** Copies of W_1..W_L. */
    public List<INDArray> weights() {
        return weights.stream().map(INDArray::dup).toList();
    }

    /** Copies of b_1..b_L, each {@code n_l x 1}. */
    public List<INDArray> biases() {
        return biases.stream().map(INDArray::dup).toList();
    }

    /**
     * The network's output {@code z_L = W_L a_{L-1} + b_L} (no output nonlinearity, as in training) for the samples
     * {@code x}, {@code features x N}: a new {@code outputs x N} array in the model's dtype.
     */
    public INDArray predict(INDArray x) {
        INDArray input = input(x, "x");
        TrainingData data = new TrainingData(input, Nd4j.zeros(dtype, network.outputs(), input.columns()));
        return new ForwardPass(problem(data), data.x(), data.y()).output(weights, biases).dup();
    }

    /** The predicted class of each sample: the row of each column's maximum of {@link #predict} (the first on ties). */
    public int[] predictClasses(INDArray x) {
        return argmax(predict(x));
    }

    /** The row of each column's maximum (the first on ties); NaN entries never win. */
    public static int[] argmax(INDArray z) {
        int rows = (int) z.rows();
        int columns = (int) z.columns();
        double[] values = z.dup('c').data().asDouble();
        int[] best = new int[columns];
        for (int j = 0; j < columns; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < rows; k++) {
                double v = values[k * columns + j];
                if (v > max) {
                    max = v;
                    best[j] = k;
                }
            }
        }
        return best;
    }

    /**
     * The mean per-sample loss (the model's loss) and the accuracy on the training samples of {@code data} and, when
     * it has them, its test samples (NaN otherwise): the forward pass a run reports each iteration.
     */
    public Evaluation evaluate(TrainingData data) {
        TrainingData converted = data.dtype() == dtype ? data : new TrainingData(data.x().castTo(dtype),
                data.y().castTo(dtype), data.hasTest() ? data.xTest().castTo(dtype) : null,
                data.hasTest() ? data.yTest().castTo(dtype) : null);
        input(converted.x(), "data.x");
        if (converted.outputs() != network.outputs()) {
            throw InvalidParameterException.of(COMPONENT, "data.y.rows", converted.outputs(),
                    "the model's " + network.outputs() + " outputs (classes)");
        }
        return new Evaluator(problem(converted)).evaluate(weights, biases);
    }

    /** The mean per-sample loss and the accuracy on {@code x} ({@code features x N}) with one-hot targets {@code y}. */
    public ForwardPass.Evaluation evaluate(INDArray x, INDArray y) {
        Evaluation e = evaluate(new TrainingData(x, y));
        return new ForwardPass.Evaluation(e.trainLoss(), e.trainAccuracy());
    }

    private INDArray input(INDArray x, String name) {
        if (x == null || x.rank() != 2) {
            throw InvalidParameterException.of(COMPONENT, name, x == null ? "null" : "rank " + x.rank(),
                    "a 2-D array, features x samples");
        }
        if (x.rows() != network.inputs()) {
            throw InvalidParameterException.of(COMPONENT, name + ".rows", x.rows(),
                    "the model's " + network.inputs() + " input features (samples are columns)");
        }
        return x.dataType() == dtype ? x : x.castTo(dtype);
    }

    private Problem problem(TrainingData data) {
        return Problem.uniform(network, data, loss, regularizer, activation, 0L);
    }
}
