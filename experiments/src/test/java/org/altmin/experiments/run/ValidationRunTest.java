package org.altmin.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.RunSpec;
import org.altmin.experiments.wiring.Assembly;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.solvers.common.ForwardPass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with the data option {@code validation}: held-out samples evaluated every iteration, never the test set. */
class ValidationRunTest {
    @TempDir
    Path temp;

    @Test
    void theRunReportsValidationLossAndAccuracyEverywhere() throws IOException {
        RunSpec spec = new RunSpec(ComponentSpec.of("sgd"), null, null, null, List.of(5),
                new DataSpec("synthetic", 120, 40, null, Map.of("features", "4", "validation", "0.25",
                        "scaling", "standard")), 3, 11L, "DOUBLE", List.of());
        List<Double> seen = new ArrayList<>();
        RunOptions options = RunOptions.builder(spec).output(temp).name("val").fetch(false)
                .listener((report, state) -> seen.add(report.validationAccuracy())).build();
        Assembly prepared = new Runner(options).prepare();
        assertThat(prepared.problem().data().samples()).isEqualTo(90);
        assertThat(prepared.data().validation().samples()).isEqualTo(30);

        RunOutcome outcome = Runner.run(options);

        List<String> lines = Files.readAllLines(outcome.directory().resolve(RunDirectory.METRICS));
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).containsSequence("train_loss", "train_accuracy", "val_loss", "val_accuracy", "test_loss");
        assertThat(lines).hasSize(5);
        String[] last = lines.get(4).split(",", -1);
        double valLoss = Double.parseDouble(last[header.indexOf("val_loss")]);
        double valAccuracy = Double.parseDouble(last[header.indexOf("val_accuracy")]);

        // The same forward pass on the held-out samples, recomputed from the trained network.
        ForwardPass.Evaluation expected = new ForwardPass(prepared.problem(), prepared.data().validation().x(),
                prepared.data().validation().y()).evaluate(outcome.result().weights(), outcome.result().biases());
        assertThat(valLoss).isEqualTo(expected.meanLoss());
        assertThat(valAccuracy).isEqualTo(expected.accuracy());
        assertThat(seen).hasSize(4).last().isEqualTo(valAccuracy);

        JsonNode summary = RunSpecIo.json().readTree(outcome.directory().resolve(RunDirectory.SUMMARY).toFile());
        assertThat(summary.get("validationAccuracy").asDouble()).isEqualTo(valAccuracy);
        assertThat(summary.get("validationLoss").asDouble()).isEqualTo(valLoss);
        RunSpec written = RunSpecIo.read(outcome.directory().resolve(RunDirectory.SPEC));
        assertThat(written.data().options()).containsEntry("validation", "0.25").containsEntry("scaling", "standard");
        assertThat(written.data().trainSize()).isEqualTo(120);
    }

    @Test
    void withoutAValidationSetTheColumnsAreAbsent() throws IOException {
        RunSpec spec = new RunSpec(ComponentSpec.of("sgd"), null, null, null, List.of(5),
                new DataSpec("synthetic", 60, 20, null, Map.of("features", "4")), 1, 11L, "DOUBLE", List.of());
        RunOutcome outcome = Runner.run(RunOptions.builder(spec).output(temp).name("plain").fetch(false).build());
        String header = Files.readAllLines(outcome.directory().resolve(RunDirectory.METRICS)).get(0);
        assertThat(header).doesNotContain("val_").contains("train_accuracy,test_loss");
        assertThat(outcome.summary().validationAccuracy()).isNull();
    }
}
