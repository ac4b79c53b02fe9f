package org.altmin.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's study with its own axes, overrides, figures and reference table, run end to end on generated data in
 * place of MNIST and Fashion-MNIST (tests never download): the two "data sets" are synthetic blobs of two
 * separations, tiny and for two iterations, one seed.
 */
class PaperStudyTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static StudySpec onSyntheticData() {
        StudySpec paper = StudySpecIo.paper();
        List<StudySpec.Axis> axes = new ArrayList<>();
        for (StudySpec.Axis axis : paper.axes()) {
            if (!axis.name().equals("data")) {
                axes.add(axis);
                continue;
            }
            List<StudySpec.Value> values = new ArrayList<>();
            double separation = 3.0;
            for (StudySpec.Value v : axis.values()) {
                values.add(new StudySpec.Value(v.label(), Map.of("data.name", JSON.textNode("synthetic"),
                        "data.options.separation", JSON.textNode(Double.toString(separation)))));
                separation /= 2;
            }
            axes.add(new StudySpec.Axis(axis.name(), values));
        }
        Map<String, JsonNode> set = new LinkedHashMap<>();
        set.put("data.trainSize", JSON.numberNode(40));
        set.put("data.testSize", JSON.numberNode(20));
        set.put("data.options.features", JSON.textNode("6"));
        set.put("data.options.classes", JSON.textNode("10"));
        set.put("iterations", JSON.numberNode(2));
        return new StudySpec(paper.name(), paper.description(), paper.base(), axes, paper.overrides(),
                paper.exclude(), List.of(42L), Map.of("test", new StudySpec.Scale(set, List.of())), paper.report());
    }

    @Test
    void thePapersLayoutEndToEnd(@TempDir Path dir) throws IOException {
        Study.Outcome outcome = Study.run(new Study.Options(onSyntheticData(), "test", dir, dir.resolve("data"), false,
                "local", null, null, 1, Map.of(), m -> {}, List.of()));
        assertThat(outcome.results()).hasSize(12);
        assertThat(outcome.failures()).isEmpty();
        String report = Files.readString(dir.resolve(StudyReport.REPORT));
        for (String figure : List.of("figure-1", "figure-2", "figure-3")) {
            assertThat(dir.resolve(StudyReport.FIGURES).resolve(figure + ".png")).isNotEmptyFile();
            assertThat(dir.resolve(StudyReport.FIGURES).resolve(figure + ".svg")).isNotEmptyFile();
            assertThat(report).contains("figures/" + figure + ".png");
        }
        assertThat(report).contains("Figure 1: training accuracy on MNIST").contains("## Ours beside the paper")
                .contains("| DLAM, MNIST, 10 neurons |").contains("| ~82 |").contains("| <20 | ")
                .contains("| ~2.3 |").contains("| Adam, Fashion-MNIST, 100 neurons |");
        // the 10-neuron DLAM runs have the 10-neuron preset's schedule (the study's override)
        assertThat(outcome.plan().runs()).filteredOn(r -> r.labels().get("method").equals("dlam")
                && r.labels().get("network").equals("10"))
                .allSatisfy(r -> assertThat(r.spec().optimizer().params()).containsEntry("epsilon", 3.0));
    }
}
