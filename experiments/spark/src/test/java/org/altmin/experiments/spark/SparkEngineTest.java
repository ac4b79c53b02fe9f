package org.altmin.experiments.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.cli.AltminCli;
import org.altmin.experiments.compare.RunRecord;
import org.altmin.experiments.study.Study;
import org.altmin.experiments.study.StudyPlan;
import org.altmin.experiments.study.StudyReport;
import org.altmin.experiments.study.StudySpec;
import org.altmin.experiments.study.StudySpecIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine ({@code local[2]}) against the local engine on the same study and seeds. */
class SparkEngineTest {
    static final String STUDY = """
            name: spark-tiny
            base:
              data: {name: synthetic, trainSize: 60, testSize: 20, options: {features: 4, classes: 3}}
              hiddenWidths: [4]
              iterations: 3
              dtype: DOUBLE
              seed: 5
            axes:
              - name: optimizer.params.rho
                values: [0.3]
              - name: method
                values:
                  - {label: dlam, set: {optimizer.name: dlam}}
            seeds: 2
            report: {at: [1, 3], metrics: [test_accuracy]}
            """;

    @Test
    void sparkGivesTheSameMetricsAsTheLocalEngine(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("study.yaml");
        Files.writeString(spec, STUDY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = AltminCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("study", spec.toString(), "--engine", "spark", "--master", "local[2]", "--output",
                dir.resolve("spark").toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("engine spark local[2]").contains("2 run(s) at once x 1 ND4J thread")
                .contains("2 done, 0 running, 0 left");

        StudySpec study = StudySpecIo.read(spec);
        Study.Outcome local = Study.run(new Study.Options(study, null, dir.resolve("local"), dir.resolve("data"),
                false, "local", null, 2, 1, Map.of(), m -> {}, List.of()));
        assertThat(local.failures()).isEmpty();
        for (StudyPlan.StudyRun run : local.plan().runs()) {
            RunRecord a = RunRecord.read(dir.resolve("local").resolve(Study.RUNS).resolve(run.name()));
            RunRecord b = RunRecord.read(dir.resolve("spark").resolve(Study.RUNS).resolve(run.name()));
            assertThat(b.steps()).containsExactly(a.steps());
            assertThat(b.columns().keySet()).isEqualTo(a.columns().keySet());
            a.columns().forEach((column, values) -> {
                if (!column.endsWith("nanos")) {
                    assertThat(b.columns().get(column)).as(run.name() + " " + column).containsExactly(values);
                }
            });
        }
        assertThat(Files.readString(dir.resolve("spark").resolve(StudyReport.REPORT))).contains("engine spark local[2]");
        assertThat(Files.readString(dir.resolve("spark").resolve(Study.PROVENANCE))).contains("\"engine\" : \"spark\"")
                .contains("\"master\" : \"local[2]\"");
    }

    @Test
    void theEngineIsFoundByNameAndAMasterItCannotStartWithIsBadInputBeforeAnyRun(@TempDir Path dir) {
        assertThat(Study.engine("spark")).isInstanceOf(SparkEngine.class);
        StudySpec study = StudySpecIo.parse(STUDY, "t", null);
        Path output = dir.resolve("out");
        assertThatThrownBy(() -> Study.run(new Study.Options(study, null, output, dir.resolve("data"), false, "spark",
                "nonsense://nowhere", null, null, Map.of(), m -> {}, List.of())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("nonsense://nowhere");
        assertThat(Files.exists(output)).isFalse();
    }
}
