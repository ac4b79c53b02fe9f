package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.RunSpec;
import org.altmin.experiments.compare.ComparePlot;
import org.altmin.experiments.compare.Comparison;
import org.altmin.experiments.compare.RunRecord;
import org.altmin.experiments.run.RunDirectory;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.Runner;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code altmin compare} on two small DLAM runs (rho 0.1 and 0.3) on the synthetic data set. */
class CompareCommandTest {
    private static final int ITERATIONS = 12;

    @TempDir
    static Path shared;

    static Path slow;
    static Path fast;

    @TempDir
    Path temp;

    @BeforeAll
    static void twoRuns() throws IOException {
        slow = run("slow", 0.1);
        fast = run("fast", 0.3);
    }

    private static Path run(String name, double rho) throws IOException {
        RunSpec spec = new RunSpec(ComponentSpec.of("dlam", Map.of("rho", rho)), null, null, null, List.of(5),
                new DataSpec("synthetic", 60, 20, null, Map.of("features", "4")), ITERATIONS, 7L, "DOUBLE", null);
        return Runner.run(RunOptions.builder(spec).output(shared.resolve("runs")).name(name)
                .dataDirectory(shared.resolve("data")).build()).directory();
    }

    /** metrics.csv's column as written, by iteration. */
    private static List<String> column(Path run, String name) throws IOException {
        try (Reader reader = Files.newBufferedReader(run.resolve(RunDirectory.METRICS));
                CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader()
                        .setSkipHeaderRecord(true).get())) {
            return parser.stream().map(r -> r.get(name)).toList();
        }
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static void assertFigures(Path png, Path svg) throws Exception {
        assertThat(png).isRegularFile();
        var image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ComparePlot.WIDTH * ComparePlot.PNG_SCALE);
        assertThat(svg).isRegularFile();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // the SVG's DOCTYPE names the W3C DTD: parse it well-formed without fetching that
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void theTableHoldsTheMetricsCsvValuesAndTheFiguresAreWritten() throws Exception {
        Path out = temp.resolve("figures");
        CliRunner.Result result = CliRunner.run("compare", slow.toString(), fast.toString(), "--metric",
                "train_accuracy", "--at", "0,5,10", "--output", out.toString(), "--csv");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<CSVRecord> rows = csv(result.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("run")).isEqualTo("dlam rho=0.1");
        assertThat(rows.get(1).get("run")).isEqualTo("dlam rho=0.3");
        for (int i = 0; i < 2; i++) {
            Path run = i == 0 ? slow : fast;
            List<String> written = column(run, "train_accuracy");
            CSVRecord row = rows.get(i);
            for (int k : List.of(0, 5, 10)) {
                assertThat(Double.parseDouble(row.get("iteration " + k))).as("iteration " + k)
                        .isEqualTo(Double.parseDouble(written.get(k)));
            }
            assertThat(Double.parseDouble(row.get("final")))
                    .isEqualTo(Double.parseDouble(written.get(written.size() - 1)));
            assertThat(row.get("status")).isEqualTo("MAX_ITERATIONS");
            assertThat(row.get("directory")).isEqualTo(run.toString());
        }
        assertFigures(out.resolve("compare-train_accuracy.png"), out.resolve("compare-train_accuracy.svg"));
        assertThat(files(out)).hasSize(2); // no temporary files left behind
        // VectorGraphics2D draws text as outlines: the SVG holds the curves as paths, no <text> to search
        assertThat(Files.readString(out.resolve("compare-train_accuracy.svg"), StandardCharsets.UTF_8))
                .contains("<path");
    }

    @Test
    void theTextTableShowsTheDefaultIterationsThatExistAndTheLabelsGiven() {
        Path out = temp.resolve("o");
        CliRunner.Result result = CliRunner.run("compare", slow.toString(), fast.toString(), "--output",
                out.toString(), "--labels", "rho 0.1,rho 0.3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines[0]).isEqualTo("test_accuracy");
        // of 10, 50, 100, 200 only 10 exists in 12-iteration runs
        assertThat(lines[1]).startsWith("run").contains("iteration 10").doesNotContain("iteration 50")
                .contains("final").contains("status");
        assertThat(lines[2]).startsWith("rho 0.1").endsWith("MAX_ITERATIONS");
        assertThat(lines[3]).startsWith("rho 0.3");
        assertThat(out.resolve("compare-test_accuracy.png")).isNotEmptyFile();
        assertThat(out.resolve("compare-test_accuracy.svg")).isNotEmptyFile();
    }

    @Test
    void aMetricSpanningDecadesGetsALogScaleAndAccuracyALinearOne() {
        List<RunRecord> runs = List.of(RunRecord.read(slow), RunRecord.read(fast));
        String step = runs.get(0).columns().keySet().stream().filter(c -> c.endsWith("_step_sq"))
                .filter(c -> new Comparison(runs, c, List.of("a", "b")).spansDecades()).findFirst().orElseThrow();
        Comparison steps = new Comparison(runs, step, Comparison.defaultLabels(runs));
        Comparison accuracy = new Comparison(runs, "train_accuracy", Comparison.defaultLabels(runs));

        assertThat(steps.spansDecades()).isTrue();
        assertThat(accuracy.spansDecades()).isFalse();
        assertThat(new ComparePlot(steps, steps.spansDecades()).chart().getStyler().isYAxisLogarithmic()).isTrue();

        CliRunner.Result log = CliRunner.run("compare", slow.toString(), fast.toString(), "--metric", step,
                "--output", temp.toString());
        assertThat(log.exitCode()).as(log.err()).isZero();
        assertThat(log.out()).startsWith(step + " (figures on a log scale)");
        CliRunner.Result linear = CliRunner.run("compare", slow.toString(), fast.toString(), "--metric", step,
                "--linear", "--output", temp.toString());
        assertThat(linear.out()).startsWith(step + "\n");
        CliRunner.Result forced = CliRunner.run("compare", slow.toString(), fast.toString(), "--metric",
                "train_accuracy", "--log", "--output", temp.toString());
        assertThat(forced.out()).startsWith("train_accuracy (figures on a log scale)");
    }

    @Test
    void labelsNameTheOptimizerAndTheSettingsThatDiffer() {
        RunRecord a = RunRecord.read(slow);
        RunRecord b = RunRecord.read(fast);
        assertThat(Comparison.defaultLabels(List.of(a, b))).containsExactly("dlam rho=0.1", "dlam rho=0.3");
        // the same spec twice: the directory names
        assertThat(Comparison.defaultLabels(List.of(a, a))).containsExactly("slow", "slow");
        assertThat(Comparison.defaultLabels(List.of(a))).containsExactly("dlam");
        // only the optimizer differs; mdlam's own extrapolation parameter does not label dlam
        RunRecord m = new RunRecord(Path.of("m"), new RunSpec(ComponentSpec.of("mdlam", Map.of("rho", 0.3,
                "extrapolation", true)), a.spec().loss(), a.spec().regularizer(), a.spec().activation(),
                a.spec().hiddenWidths(), a.spec().data(), a.spec().iterations(), a.spec().seed(), a.spec().dtype(),
                a.spec().modules()), b.status(), b.unit(), b.steps(), b.columns());
        assertThat(Comparison.defaultLabels(List.of(b, m))).containsExactly("dlam", "mdlam");
        assertThat(Comparison.defaultLabels(List.of(a, b, m))).containsExactly("dlam rho=0.1", "dlam rho=0.3",
                "mdlam rho=0.3");
    }

    @Test
    void runsThatMixIterationsAndEpochsSaySoOnTheXAxis() {
        RunRecord a = RunRecord.read(slow);
        RunRecord epochs = new RunRecord(Path.of("sgd"), a.spec(), "MAX_ITERATIONS", "epoch", new int[] {0, 1, 2},
                Map.of("train_accuracy", new double[] {0.1, 0.5, 0.7}));
        Comparison mixed = new Comparison(List.of(a, epochs), "train_accuracy", List.of("dlam", "sgd"));

        assertThat(new Comparison(List.of(a), "train_accuracy", List.of("dlam")).xTitle()).isEqualTo("iteration");
        assertThat(mixed.xTitle()).contains("iteration").contains("epoch").contains("mixed units");
        assertThat(mixed.table(List.of(2), true).get(0)).contains("step 2");
        assertThat(mixed.present(List.of(2, 11, 40))).containsExactly(2, 11);
    }

    @Test
    void aDirectoryThatIsNotARunExitsTwoAndWritesNothing() throws IOException {
        Path notARun = Files.createDirectories(temp.resolve("empty"));
        Path out = temp.resolve("out");

        CliRunner.Result result = CliRunner.run("compare", slow.toString(), notARun.toString(), "--output",
                out.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(notARun.toString()).contains("not a run directory")
                .contains("spec.yaml");
        assertThat(result.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void aMetricNoRunHasExitsTwoAndWritesNothing() {
        Path out = temp.resolve("out");

        CliRunner.Result result = CliRunner.run("compare", slow.toString(), fast.toString(), "--metric", "nope",
                "--output", out.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'nope'").contains("metrics.csv").contains("train_accuracy");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTruncatedOrUnreadableMetricsCsvExitsTwoNamingTheFile() throws IOException {
        Path broken = copy(fast, temp.resolve("broken"));
        Path metrics = broken.resolve(RunDirectory.METRICS);
        String text = Files.readString(metrics);
        // a run killed mid-write: the last line cut off in the middle
        Files.writeString(metrics, text.substring(0, text.length() - text.length() / 40));
        Path out = temp.resolve("out");

        CliRunner.Result truncated = CliRunner.run("compare", slow.toString(), broken.toString(), "--output",
                out.toString());

        assertThat(truncated.exitCode()).isEqualTo(2);
        assertThat(truncated.err()).contains(metrics.toString()).contains("truncated");
        assertThat(out).doesNotExist();

        Files.writeString(metrics, "iteration,objective\n0,abc\n");
        CliRunner.Result garbage = CliRunner.run("compare", broken.toString(), "--metric", "objective",
                "--output", out.toString());
        assertThat(garbage.exitCode()).isEqualTo(2);
        assertThat(garbage.err()).contains(metrics.toString()).contains("'abc' is not a number");

        Files.writeString(metrics, "");
        CliRunner.Result empty = CliRunner.run("compare", broken.toString(), "--output", out.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains(metrics.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void conflictingOptionsExitTwo() {
        Path out = temp.resolve("out");
        assertThat(CliRunner.run("compare", slow.toString(), "--log", "--linear", "--output", out.toString())
                .exitCode()).isEqualTo(2);
        CliRunner.Result labels = CliRunner.run("compare", slow.toString(), fast.toString(), "--labels", "one",
                "--output", out.toString());
        assertThat(labels.exitCode()).isEqualTo(2);
        assertThat(labels.err()).contains("--labels");
        assertThat(out).doesNotExist();
    }

    @Test
    void nonFiniteCellsAreLeftOutOfTheFigureAndShownInTheTable() throws Exception {
        Path odd = copy(fast, temp.resolve("odd"));
        Path metrics = odd.resolve(RunDirectory.METRICS);
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        List<String> header = List.of(lines.get(0).split(","));
        int objective = header.indexOf("objective");
        for (int row = 1; row <= 3; row++) {
            String[] cells = lines.get(row).split(",", -1);
            cells[objective] = row == 1 ? "NaN" : row == 2 ? "Infinity" : "";
            lines.set(row, String.join(",", cells));
        }
        Files.write(metrics, lines);
        Path out = temp.resolve("out");

        CliRunner.Result result = CliRunner.run("compare", odd.toString(), "--metric", "objective", "--at", "0,1,2,5",
                "--output", out.toString(), "--csv");

        assertThat(result.exitCode()).as(result.err()).isZero();
        CSVRecord row = csv(result.out()).get(0);
        assertThat(row.get("iteration 0")).isEqualTo("NaN");
        assertThat(row.get("iteration 1")).isEqualTo("Infinity");
        assertThat(row.get("iteration 2")).isEqualTo("NaN");
        assertThat(Double.parseDouble(row.get("iteration 5"))).isEqualTo(Double.parseDouble(
                column(odd, "objective").get(5)));
        assertFigures(out.resolve("compare-objective.png"), out.resolve("compare-objective.svg"));
    }

    private static Path copy(Path run, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : List.of(RunDirectory.SPEC, RunDirectory.METRICS, RunDirectory.SUMMARY)) {
            Files.copy(run.resolve(name), to.resolve(name));
        }
        return to;
    }
}
