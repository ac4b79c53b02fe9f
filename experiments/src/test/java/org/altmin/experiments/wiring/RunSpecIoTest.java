package org.altmin.experiments.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSpecIoTest {
    @TempDir
    Path temp;

    @Test
    void anEmptyFileGivesEveryDefault() throws IOException {
        Path file = temp.resolve("empty.yaml");
        Files.writeString(file, "{}\n");

        RunSpec spec = RunSpecIo.read(file);

        assertThat(spec).isEqualTo(RunSpec.defaults());
        assertThat(spec.optimizer().name()).isEqualTo(RunSpec.DEFAULT_OPTIMIZER);
        assertThat(spec.hiddenWidths()).isEqualTo(RunSpec.DEFAULT_HIDDEN_WIDTHS);
    }

    @Test
    void partialYamlFillsDefaultsAndRoundTrips() throws IOException {
        RunSpec spec = RunSpecIo.parseYaml("""
                optimizer:
                  name: dlam
                  params: {rho: 1.0e-3}
                  parts:
                    W: {name: w-backtrack, params: {nu: 2}}
                data: {name: csv, trainSize: 10, path: /tmp/x.csv, options: {label: species}}
                """);

        assertThat(spec.optimizer().params()).containsEntry("rho", 1e-3);
        assertThat(spec.optimizer().parts().get("W")).isEqualTo(ComponentSpec.of("w-backtrack", Map.of("nu", 2.0)));
        assertThat(spec.loss().name()).isEqualTo(RunSpec.DEFAULT_LOSS);
        assertThat(spec.iterations()).isEqualTo(RunSpec.DEFAULT_ITERATIONS);
        assertThat(spec.data().options()).containsEntry("label", "species");

        Path yaml = temp.resolve("spec.yaml");
        RunSpecIo.write(spec, yaml);
        assertThat(RunSpecIo.read(yaml)).isEqualTo(spec);
        Path json = temp.resolve("spec.json");
        RunSpecIo.write(spec, json);
        assertThat(Files.readString(json)).startsWith("{");
        assertThat(RunSpecIo.read(json)).isEqualTo(spec);
    }

    @Test
    void aFullSpecRoundTripsExactly() {
        RunSpec spec = new RunSpec(ComponentSpec.of("sgd", Map.of("rate", 0.01, "momentum", 0.9)),
                ComponentSpec.of("hinge", Map.of("margin", 1.0)), ComponentSpec.of("l2", Map.of("lambda", 1e-4)),
                ComponentSpec.of("tanh"), List.of(64, 32), new DataSpec("synthetic", 100, 20, null, Map.of("classes", "4")),
                17, 99L, "DOUBLE", List.of("com.example.MyModule"));

        assertThat(RunSpecIo.parseYaml(RunSpecIo.toYaml(spec))).isEqualTo(spec);
    }

    @Test
    void unknownKeysAreRejectedWithTheirPath() throws IOException {
        Path file = temp.resolve("typo.yaml");
        Files.writeString(file, "iterations: 3\ndata: {name: csv, trainSise: 4}\n");

        assertThatThrownBy(() -> RunSpecIo.read(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("trainSise")
                .hasMessageContaining("(at data.trainSise)");
    }

    @Test
    void invalidValuesKeepTheirOwnMessage() {
        assertThatThrownBy(() -> RunSpecIo.parseYaml("iterations: 0\n"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("RunSpec.iterations must be >= 1, found 0");
    }

    @Test
    void theShippedExamplesParse() throws IOException {
        Path examples = Path.of("examples");
        List<Path> files;
        try (var listing = Files.list(examples)) {
            files = listing.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("dlam-mnist.yaml", "sgd-fashion-mnist.json", "synthetic-quick.yaml");
        RunSpec paper = RunSpecIo.read(examples.resolve("dlam-mnist.yaml"));
        assertThat(paper.optimizer().name()).isEqualTo("dlam");
        assertThat(paper.hiddenWidths()).containsExactly(100, 100);
        assertThat(paper.data()).isEqualTo(DataSpec.of("mnist"));
        assertThat(RunSpecIo.read(examples.resolve("sgd-fashion-mnist.json")).data().trainSize()).isEqualTo(10000);
        assertThat(RunSpecIo.read(examples.resolve("synthetic-quick.yaml")).data().options())
                .containsEntry("classes", "4");
    }

    @Test
    void aMissingFileIsReported() {
        assertThatThrownBy(() -> RunSpecIo.read(temp.resolve("none.yaml")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("none.yaml");
    }
}
