package org.example.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.altmin.experiments.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program README.md shows under "Use as a library" is {@link Quickstart}, character for character, and it runs:
 * it trains, evaluates, saves, loads and predicts, and the loaded copy is the network the run saved.
 * (scripts/consumer-check.sh compiles and runs the same README block in a separate Maven project.)
 */
class QuickstartTest {
    static final Path README = Path.of("..", "README.md");
    static final Path SOURCE = Path.of("src/test/java/org/example/library/Quickstart.java");

    /** The {@code java} block of README.md's section "Use as a library" that declares {@code class Quickstart}. */
    static String readmeProgram() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("\n## Use as a library\n");
        assertThat(section).as("README.md has a section \"## Use as a library\"").isNotNegative();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find(section)) {
            if (block.group(1).contains("class Quickstart")) {
                return block.group(1);
            }
            section = block.end();
        }
        throw new AssertionError("README.md's \"Use as a library\" has no java block with class Quickstart");
    }

    @Test
    void readmeShowsExactlyTheProgramThatThisTestRuns() throws IOException {
        assertThat(readmeProgram()).isEqualTo(Files.readString(SOURCE, StandardCharsets.UTF_8));
    }

    @Test
    void theProgramTrainsEvaluatesSavesAndLoads(@TempDir Path out) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[] {out.toString()});
        } finally {
            System.setOut(original);
        }
        String line = printed.toString(StandardCharsets.UTF_8).strip();
        Matcher m = Pattern.compile("MAX_ITERATIONS after 40 iterations: test accuracy ([0-9.]+) \\(run summary "
                + "([0-9.]+)\\); 200 predictions").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        // The loaded run's network gives the run's own final test accuracy, and it learned (3 classes: chance 1/3).
        assertThat(m.group(1)).isEqualTo(m.group(2));
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.6);

        Model run = Model.load(out.resolve("quickstart"));
        Model copy = Model.load(out.resolve("quickstart-model"));
        assertThat(copy.info().widths()).isEqualTo(run.info().widths()).containsExactly(10, 16, 3);
        for (int l = 0; l < run.weights().size(); l++) {
            assertThat(copy.weights().get(l)).isEqualTo(run.weights().get(l));
            assertThat(copy.biases().get(l)).isEqualTo(run.biases().get(l));
        }
    }
}
