package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.altmin.experiments.model.Model;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.wiring.RunSpecIo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code altmin evaluate} and {@code altmin predict} on the model a {@code train} run saved, in-process. */
class ModelCommandsTest {
    @TempDir
    Path temp;

    private Path run;

    @BeforeEach
    void train() {
        CliRunner.Result result = CliRunner.run("train", "--dataset", "synthetic", "--data-option", "features=4",
                "--train-size", "60", "--test-size", "20", "--widths", "5", "--activation", "tanh",
                "--iterations", "3", "--seed", "5", "--output", temp.resolve("runs").toString(), "--name", "m",
                "--data-dir", temp.resolve("data").toString(), "--no-fetch");
        assertThat(result.exitCode()).as(result.err()).isZero();
        run = temp.resolve("runs").resolve("m");
        assertThat(run.resolve(Model.NPZ)).isRegularFile();
        assertThat(run.resolve(Model.JSON)).isRegularFile();
    }

    @Test
    void evaluatePrintsTheRunsFinalLossAndAccuracyOnItsOwnData() throws IOException {
        CliRunner.Result result = CliRunner.run("evaluate", "--model", run.toString(), "--no-fetch",
                "--data-dir", temp.resolve("data").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode summary = RunSpecIo.json().readTree(run.resolve(RunDirectory.SUMMARY).toFile());
        assertThat(result.out()).contains(String.format(Locale.ROOT, "train: loss %.6f accuracy %.6f (60 samples)",
                summary.get("trainLoss").asDouble(), summary.get("trainAccuracy").asDouble()));
        assertThat(result.out()).contains(String.format(Locale.ROOT, "test: loss %.6f accuracy %.6f (20 samples)",
                summary.get("testLoss").asDouble(), summary.get("testAccuracy").asDouble()));

        // Other data: the flags name them (another seed draws other samples of the same blobs).
        CliRunner.Result other = CliRunner.run("evaluate", "--model", run.toString(), "--dataset", "synthetic",
                "--data-option", "features=4", "--train-size", "30", "--test-size", "10", "--seed", "5");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.out()).contains("(30 samples)").contains("(10 samples)");

        // Data that do not fit the model are bad input.
        CliRunner.Result wrong = CliRunner.run("evaluate", "--model", run.toString(), "--dataset", "synthetic",
                "--data-option", "features=7");
        assertThat(wrong.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(wrong.err()).contains("7 features, the model takes 4");
    }

    @Test
    void predictWritesOneRowPerSampleWithTheClassAndTheOutputs() throws IOException {
        Random random = new Random(3);
        int n = 7;
        double[][] rows = new double[n][4];
        StringBuilder csv = new StringBuilder("f1,f2,f3,f4,label\n");
        for (double[] row : rows) {
            for (int f = 0; f < 4; f++) {
                row[f] = Math.round(random.nextGaussian() * 3000) / 1000.0;
                csv.append(row[f]).append(',');
            }
            csv.append("x\n");
        }
        Path input = temp.resolve("new.csv");
        Files.writeString(input, csv);
        Path output = temp.resolve("predictions.csv");

        CliRunner.Result result = CliRunner.run("predict", "--model", run.toString(), "--data-path", input.toString(),
                "--label", "label", "--output", output.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines.get(0)).isEqualTo("class,z_0,z_1,z_2");
        assertThat(lines).hasSize(1 + n);
        double[] x = new double[4 * n];
        for (int j = 0; j < n; j++) {
            for (int f = 0; f < 4; f++) {
                x[f * n + j] = rows[j][f];
            }
        }
        Model model = Model.load(run);
        INDArray z = model.predict(Nd4j.create(x, new long[] {4, n}, 'c'));
        int[] classes = Model.argmax(z);
        for (int j = 0; j < n; j++) {
            String[] cells = lines.get(1 + j).split(",");
            assertThat(cells).hasSize(4);
            assertThat(cells[0]).isEqualTo(Integer.toString(classes[j]));
            for (int k = 0; k < 3; k++) {
                assertThat(Float.parseFloat(cells[1 + k])).isEqualTo(z.getFloat(k, j));
            }
        }

        // Without --output, to standard output; a feature-only file needs no --label.
        Path features = temp.resolve("features.csv");
        List<String> featureLines = new ArrayList<>();
        for (double[] row : rows) {
            featureLines.add(row[0] + "," + row[1] + "," + row[2] + "," + row[3]);
        }
        Files.write(features, featureLines);
        CliRunner.Result stdout = CliRunner.run("predict", "--model", run.toString(), "--data-path",
                features.toString());
        assertThat(stdout.exitCode()).as(stdout.err()).isZero();
        assertThat(stdout.out().lines().toList()).containsExactlyElementsOf(lines);

        // The label column without --label: the feature count is wrong, and the message says what to do.
        CliRunner.Result unlabelled = CliRunner.run("predict", "--model", run.toString(), "--data-path",
                input.toString());
        assertThat(unlabelled.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(unlabelled.err()).contains("5 feature columns").contains("--label");
    }

    @Test
    void aBrokenModelIsBadInputNamingTheFile() throws IOException {
        Path features = temp.resolve("features.csv");
        Files.writeString(features, "1,2,3,4\n");
        Path npz = run.resolve(Model.NPZ);
        byte[] good = Files.readAllBytes(npz);

        Files.write(npz, java.util.Arrays.copyOf(good, good.length - 30));
        for (List<String> command : List.of(List.of("evaluate", "--model", run.toString()),
                List.of("predict", "--model", run.toString(), "--data-path", features.toString()))) {
            CliRunner.Result result = CliRunner.run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(command + ": " + result.err()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
            assertThat(result.err()).contains(npz.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        }

        Files.write(npz, good);
        Files.delete(run.resolve(Model.JSON));
        for (List<String> command : List.of(List.of("evaluate", "--model", run.toString()),
                List.of("predict", "--model", run.toString(), "--data-path", features.toString()))) {
            CliRunner.Result result = CliRunner.run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(command + ": " + result.err()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
            assertThat(result.err()).contains(run.resolve(Model.JSON) + " is missing");
        }

        CliRunner.Result noRun = CliRunner.run("evaluate", "--model", temp.resolve("nowhere").toString());
        assertThat(noRun.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(noRun.err()).contains("nowhere");
    }
}
