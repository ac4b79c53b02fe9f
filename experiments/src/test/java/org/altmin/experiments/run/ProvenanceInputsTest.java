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
import org.altmin.experiments.data.DataFetcher;
import org.altmin.experiments.wiring.RunSpecIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provenance.json names each data file with its SHA-256 and each plug-in module with where it came from. */
class ProvenanceInputsTest {
    @TempDir
    Path temp;

    @Test
    void dataFilesAndPluginsAreRecorded() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path train = Files.writeString(temp.resolve("train.csv"), csv);
        Path test = Files.writeString(temp.resolve("test.csv"), "a,b,label\n1,2,odd\n2,3,even\n");
        RunSpec spec = new RunSpec(ComponentSpec.of("sgd"), null, null, null, List.of(3),
                new DataSpec("csv", 0, 0, train.toString(), Map.of("test", test.toString())), 1, 5L, "DOUBLE",
                List.of("org.example.plugin.PluginModule"));

        RunOutcome outcome = Runner.run(RunOptions.builder(spec).output(temp.resolve("runs")).name("p").build());

        JsonNode provenance = RunSpecIo.json().readTree(outcome.directory().resolve(RunDirectory.PROVENANCE).toFile());
        List<String> files = new ArrayList<>();
        provenance.get("dataFiles").forEach(f -> files.add(f.get("path").asText() + " " + f.get("sha256").asText()));
        assertThat(files).containsExactly(train.toAbsolutePath() + " " + DataFetcher.sha256(train),
                test.toAbsolutePath() + " " + DataFetcher.sha256(test));
        List<String> modules = new ArrayList<>();
        provenance.get("plugins").forEach(p -> modules.add(p.get("module").asText()));
        assertThat(modules).contains("org.example.plugin.PluginModule", "org.example.plugin.ServiceLoadedModule")
                .noneMatch(m -> m.startsWith("org.altmin."));
        JsonNode plugin = provenance.get("plugins").get(modules.indexOf("org.example.plugin.PluginModule"));
        assertThat(Path.of(plugin.get("location").asText())).isDirectory(); // test classes: a directory, no sum
        assertThat(plugin.get("sha256").isNull()).isTrue();
        assertThat(provenance.get("end").isNull()).isFalse();
    }
}
