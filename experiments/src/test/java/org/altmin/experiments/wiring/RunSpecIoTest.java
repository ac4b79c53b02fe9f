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
        assertThat(spec.optimizer().parts().get("W")).isEqualTo(ComponentSpec.of("w-backtrack", Map.of("nu", 2L)));
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
    void parametersAreReadAndWrittenWithTheirTypes() throws IOException {
        RunSpec spec = RunSpecIo.parseYaml("""
                optimizer:
                  name: dlam
                  params: {init: he, warmStart: false, zLFromLabels: TRUE, maxBacktracks: 60, rho: 0.3, label: "60",
                           word: "true", answer: "yes"}
                """);

        assertThat(spec.optimizer().params()).containsExactlyInAnyOrderEntriesOf(Map.of("init", "he", "warmStart", false,
                "zLFromLabels", true, "maxBacktracks", 60L, "rho", 0.3, "label", "60", "word", "true", "answer", "yes"));
        String yaml = RunSpecIo.toYaml(spec);
        assertThat(yaml).contains("init: he").contains("warmStart: false").contains("maxBacktracks: 60\n")
                .contains("rho: 0.3").contains("label: \"60\"").contains("word: \"true\"").contains("answer: \"yes\"");
        assertThat(RunSpecIo.parseYaml(yaml)).isEqualTo(spec);
        Path json = temp.resolve("typed.json");
        RunSpecIo.write(spec, json);
        assertThat(Files.readString(json)).contains("\"warmStart\" : false").contains("\"maxBacktracks\" : 60,")
                .contains("\"init\" : \"he\"");
        assertThat(RunSpecIo.read(json)).isEqualTo(spec);
    }

    @Test
    void aResolvedSpecRoundTripsWithEveryParameterInItsType() {
        RunSpec given = RunSpecIo.parseYaml("""
                optimizer: {name: dlam, params: {init: HE, warmStart: false, rho: 1}}
                activation: {name: sign, params: {ste: true}}
                """);
        Wiring.Components components = Wiring.components(given, Wiring.injector(List.of()));
        ComponentSpec optimizer = components.optimizer().spec();
        RunSpec resolved = new RunSpec(optimizer, components.loss().spec(), components.regularizer().spec(),
                components.activation().spec(), given.hiddenWidths(), given.data(), given.iterations(), given.seed(),
                given.dtype(), given.modules());

        String yaml = RunSpecIo.toYaml(resolved);
        assertThat(yaml).contains("init: he").contains("warmStart: false").contains("zLFromLabels: false")
                .contains("maxBacktracks: 60\n").contains("rho: 1.0").contains("ste: true");
        RunSpec back = RunSpecIo.parseYaml(yaml);
        assertThat(back).isEqualTo(resolved);
        assertThat(back.optimizer().params().get("warmStart")).isEqualTo(false);
        assertThat(back.optimizer().params().get("init")).isEqualTo("he");
        assertThat(back.optimizer().params().get("maxBacktracks")).isEqualTo(60L);
        assertThat(back.optimizer().params().get("rho")).isEqualTo(1.0);
        assertThat(back.activation().params().get("ste")).isEqualTo(true);
    }

    @Test
    void parameterValuesThatAreNoNumberBooleanOrStringAreRejected() {
        assertThatThrownBy(() -> RunSpecIo.parseYaml("optimizer: {name: dlam, params: {rho: [1, 2]}}\n"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("dlam.rho must be a number, true or false, or a string, found [1, 2]");
        for (String nullValue : List.of("null", "~")) {
            assertThatThrownBy(() -> RunSpecIo.parseYaml("optimizer: {name: dlam, params: {rho: " + nullValue + "}}\n"))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessage("dlam.rho must be a number, true or false, or a string, found null");
        }
        assertThatThrownBy(() -> RunSpecIo.parseYaml("loss: {name: hinge, params: {margin: {a: 1}}}\n"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("hinge.margin");
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

    @Test
    void fractionalNumbersWhereIntegersAreMeantAreRejected() throws IOException {
        assertThatThrownBy(() -> RunSpecIo.parseYaml("iterations: 2.7\n"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("RunSpec.config is not a valid run spec: must be an integer, found 2.7 (at iterations)");
        assertThatThrownBy(() -> RunSpecIo.parseYaml("hiddenWidths: [4.9]\n"))
                .hasMessage("RunSpec.config is not a valid run spec: must be an integer, found 4.9 (at hiddenWidths.[0])");
        assertThatThrownBy(() -> RunSpecIo.parseYaml("data: {name: mnist, trainSize: 10.5}\n"))
                .hasMessageContaining("must be an integer, found 10.5 (at data.trainSize)");
        Path json = temp.resolve("spec.json");
        Files.writeString(json, "{\"iterations\": 3.5}\n");
        assertThatThrownBy(() -> RunSpecIo.read(json)).hasMessageContaining("must be an integer, found 3.5");
        assertThat(RunSpecIo.parseYaml("iterations: 3\nhiddenWidths: [4]\n").hiddenWidths()).containsExactly(4);
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        assertThatThrownBy(() -> RunSpecIo.parseYaml("iterations: 3\niterations: 5\n"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Duplicate field 'iterations'");
        assertThatThrownBy(() -> RunSpecIo.parseYaml("optimizer: {name: dlam, params: {rho: 1, rho: 2}}\n"))
                .hasMessageContaining("Duplicate field 'rho'");
        Path json = temp.resolve("dup.json");
        Files.writeString(json, "{\"seed\": 1, \"seed\": 2}\n");
        assertThatThrownBy(() -> RunSpecIo.read(json)).hasMessageContaining("Duplicate field 'seed'")
                .hasMessageContaining(json.toString());
    }
}
