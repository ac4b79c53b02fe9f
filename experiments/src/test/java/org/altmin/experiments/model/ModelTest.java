package org.altmin.experiments.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.Evaluation;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationReport;
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingData;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.RunOutcome;
import org.altmin.experiments.run.Runner;
import org.altmin.experiments.wiring.RunSpecIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model every run saves ({@code model.npz}, {@code model.json}) and {@link Model}: a small DLAM run on the
 * synthetic data set (no download) with a parameterised activation.
 */
class ModelTest {
    /** The .npy header NumPy's format 1.0 prescribes for a C-order little-endian float array of rank 2. */
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '(<f[48])', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), \\} *\n");

    @TempDir
    Path temp;

    private static RunSpec spec(String dtype) {
        return new RunSpec(ComponentSpec.of("dlam"), ComponentSpec.of("cross-entropy"), ComponentSpec.of("none"),
                ComponentSpec.of("leaky-relu"), List.of(6),
                new DataSpec("synthetic", 60, 20, null, Map.of("features", "4")), 4, 11L, dtype, List.of());
    }

    private RunOptions options(RunSpec spec, String name) {
        return RunOptions.builder(spec).output(temp.resolve("runs")).name(name).dataDirectory(temp.resolve("data"))
                .fetch(false).build();
    }

    private RunOutcome train(String dtype) {
        return Runner.run(options(spec(dtype), dtype.toLowerCase()));
    }

    private TrainingData data(String dtype) {
        return new Runner(options(spec(dtype), "unused")).prepare().problem().data();
    }

    @Test
    void aRunSavesItsModelAndLoadingItReproducesTheFinalEvaluationExactly() throws Exception {
        RunOutcome outcome = train("FLOAT");
        Path dir = outcome.directory();
        assertThat(dir.resolve(RunDirectory.MODEL_NPZ)).isRegularFile();
        assertThat(dir.resolve(RunDirectory.MODEL_JSON)).isRegularFile();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        JsonNode json = RunSpecIo.json().readTree(dir.resolve(Model.JSON).toFile());
        assertThat(json.get("format").asText()).isEqualTo(Model.FORMAT);
        assertThat(json.get("formatVersion").asInt()).isEqualTo(Model.FORMAT_VERSION);
        assertThat(json.get("widths").toString()).isEqualTo("[4,6,3]");
        assertThat(json.get("dtype").asText()).isEqualTo("FLOAT");
        assertThat(json.get("classes").toString()).isEqualTo("[\"0\",\"1\",\"2\"]");
        assertThat(json.get("specSha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(RunDirectory.SPEC)))));
        assertThat(json.get("iterations").asInt()).isEqualTo(4);
        assertThat(json.get("status").asText()).isEqualTo("MAX_ITERATIONS");

        Model model = Model.load(dir);
        // The activation and the loss are recorded resolved (every parameter, typed), as in spec.yaml.
        assertThat(model.info().activation()).isEqualTo(outcome.spec().activation());
        assertThat(model.info().activation().params()).isNotEmpty();
        assertThat(model.info().loss()).isEqualTo(outcome.spec().loss());
        assertThat(model.network().widths()).containsExactly(4, 6, 3);
        assertThat(model.dtype()).isEqualTo(DataType.FLOAT);
        for (int l = 0; l < 2; l++) {
            assertThat(model.weights().get(l).data().asFloat())
                    .containsExactly(outcome.result().weights().get(l).dup('c').data().asFloat());
            assertThat(model.biases().get(l).data().asFloat())
                    .containsExactly(outcome.result().biases().get(l).dup('c').data().asFloat());
        }

        IterationReport last = outcome.result().last().orElseThrow();
        Evaluation e = model.evaluate(data("FLOAT"));
        assertThat(e.trainAccuracy()).isEqualTo(last.trainAccuracy()).isEqualTo(outcome.summary().trainAccuracy());
        assertThat(e.trainLoss()).isEqualTo(last.trainLoss());
        assertThat(e.testAccuracy()).isEqualTo(last.testAccuracy());
        assertThat(e.testLoss()).isEqualTo(last.testLoss());

        TrainingData data = data("FLOAT");
        INDArray z = model.predict(data.x());
        assertThat(z.shape()).containsExactly(3, 60);
        int[] classes = model.predictClasses(data.x());
        int[] labels = Model.argmax(data.y());
        long correct = 0;
        for (int j = 0; j < classes.length; j++) {
            correct += classes[j] == labels[j] ? 1 : 0;
        }
        assertThat((double) correct / classes.length).isEqualTo(last.trainAccuracy());
        // Data of another dtype are converted.
        assertThat(model.predict(data.x().castTo(DataType.DOUBLE)).data().asFloat()).containsExactly(z.data().asFloat());
    }

    @Test
    void theNpzHoldsValidNpyFilesInNumpysFormat() throws IOException {
        for (String dtype : List.of("FLOAT", "DOUBLE")) {
            RunOutcome outcome = train(dtype);
            Path npz = outcome.directory().resolve(Model.NPZ);
            List<String> names = new ArrayList<>();
            try (ZipFile zip = new ZipFile(npz.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    names.add(entry.getName());
                    byte[] bytes = zip.getInputStream(entry).readAllBytes();
                    String key = entry.getName().replace(".npy", "");
                    int layer = Integer.parseInt(key.substring(2));
                    INDArray expected = (key.startsWith("W") ? outcome.result().weights()
                            : outcome.result().biases()).get(layer - 1);
                    checkNpy(bytes, expected, dtype.equals("FLOAT") ? "<f4" : "<f8", entry.getName());
                }
            }
            assertThat(names).containsExactly("W_1.npy", "b_1.npy", "W_2.npy", "b_2.npy");
            assertThat(Model.load(outcome.directory()).dtype()).isEqualTo(DataType.valueOf(dtype));
        }
    }

    /** Parses a .npy file by the NumPy format specification and checks it holds {@code expected} in C order. */
    private static void checkNpy(byte[] bytes, INDArray expected, String descr, String name) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        in.get(magic);
        assertThat(magic).as(name).containsExactly(Npy.MAGIC);
        assertThat(in.get()).as(name + " major version").isEqualTo((byte) 1);
        assertThat(in.get()).as(name + " minor version").isEqualTo((byte) 0);
        int headerLength = in.getShort() & 0xffff;
        assertThat((10 + headerLength) % 64).as(name + " data alignment").isZero();
        byte[] header = new byte[headerLength];
        in.get(header);
        String text = new String(header, StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(text);
        assertThat(m.matches()).as(name + " header " + text).isTrue();
        assertThat(m.group(1)).isEqualTo(descr);
        long rows = Long.parseLong(m.group(2));
        long columns = Long.parseLong(m.group(3));
        assertThat(new long[] {rows, columns}).as(name + " shape").containsExactly(expected.shape());
        int item = descr.equals("<f4") ? 4 : 8;
        assertThat(in.remaining()).as(name + " data bytes").isEqualTo((int) (rows * columns * item));
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < columns; j++) {
                double value = item == 4 ? in.getFloat() : in.getDouble();
                assertThat(value).as(name + "[" + i + ", " + j + "]").isEqualTo(expected.getDouble(i, j));
            }
        }
    }

    @Test
    void npyRoundTripsAndReadsWhatNumpyWrites() {
        INDArray f = Nd4j.create(new float[] {1.5f, -2f, 3.25f, 4f, 5f, 6e-8f}, new long[] {2, 3}, 'c');
        INDArray d = Nd4j.create(new double[] {Math.PI, -Math.E, 1e-300}, new long[] {3, 1}, 'c');
        INDArray fortran = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        for (INDArray a : List.of(f, d, fortran, f.transpose())) {
            byte[] bytes = Npy.write(a);
            INDArray back = Npy.read(bytes, "test");
            assertThat(back.dataType()).isEqualTo(a.dataType());
            assertThat(back.shape()).containsExactly(a.shape());
            assertThat(back.dup('c').data().asDouble()).containsExactly(a.dup('c').data().asDouble());
        }
        // What NumPy writes for a 1-D array, and Fortran order, also read.
        INDArray vector = Npy.read(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                new double[] {1, 2}), "vector");
        assertThat(vector.shape()).containsExactly(2);
        INDArray f2 = Npy.read(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }",
                new double[] {1, 2, 3, 4}), "fortran");
        assertThat(f2.getDouble(0, 1)).isEqualTo(3.0);
    }

    private static byte[] npy(String dict, double[] values) {
        String header = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
    }

    @Test
    void brokenModelsFailWithTheFileNamed() throws IOException {
        RunOutcome outcome = train("FLOAT");
        Path dir = outcome.directory();
        Path npz = dir.resolve(Model.NPZ);
        Path json = dir.resolve(Model.JSON);
        byte[] good = Files.readAllBytes(npz);
        String goodJson = Files.readString(json);

        Files.write(npz, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(npz.toString()).hasMessageContaining("truncated or corrupt");
        Files.write(npz, "not a zip".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(npz.toString());

        // A valid zip whose W_2.npy is cut short.
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Path goodCopy = temp.resolve("good.npz");
        Files.write(goodCopy, good);
        try (ZipFile zip = new ZipFile(goodCopy.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                entries.put(entry.getName(), entry.getName().equals("W_2.npy")
                        ? java.util.Arrays.copyOf(bytes, bytes.length - 4) : bytes);
            }
        }
        writeZip(npz, entries);
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(npz + " entry W_2.npy is truncated");
        entries.remove("W_2.npy");
        writeZip(npz, entries);
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(npz + " has no entry W_2.npy");
        Files.write(npz, good);

        // Widths that do not match the arrays.
        ObjectNode edited = (ObjectNode) RunSpecIo.json().readTree(goodJson);
        edited.putArray("widths").add(4).add(5).add(3);
        Files.writeString(json, edited.toString());
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("W_1").hasMessageContaining("(5, 4)").hasMessageContaining("(6, 4)");
        edited = (ObjectNode) RunSpecIo.json().readTree(goodJson);
        edited.put("formatVersion", 99);
        Files.writeString(json, edited.toString());
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(json.toString()).hasMessageContaining("formatVersion 99");
        Files.writeString(json, "{ not json");
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(json.toString()).hasMessageContaining("not a valid model description");
        Files.delete(json);
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(json + " is missing");

        Files.writeString(json, goodJson);
        Model model = Model.load(dir);
        assertThatThrownBy(() -> model.predict(Nd4j.zeros(DataType.FLOAT, 5, 2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("4 input features");
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }
}
