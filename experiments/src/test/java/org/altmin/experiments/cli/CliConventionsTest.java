package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes in --help, and the completion script. (stdout/stderr: TrainCommandTest, ListCommandTest.) */
class CliConventionsTest {
    @Test
    void helpListsTheExitCodes() {
        for (String[] args : new String[][] {{"--help"}, {"train", "--help"}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Exit codes:")
                    .containsPattern("\n +0 +finished")
                    .containsPattern("\n +2 +bad input")
                    .containsPattern("\n +3 +the run diverged")
                    .containsPattern("\n +4 +the data set is missing")
                    .containsPattern("\n +5 +the optimizer threw");
        }
        assertThat(CliRunner.run("--help").out()).contains("list").contains("completion")
                .contains("progress and logs to stderr");
    }

    @Test
    void completionPrintsABashScriptThatRegistersAltmin(@TempDir Path temp) throws Exception {
        CliRunner.Result r = CliRunner.run("completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("train").contains("list").contains("--optimizer").contains("--module");
        Path script = Files.writeString(temp.resolve("altmin-completion.bash"), r.out(), StandardCharsets.UTF_8);
        Process bash = new ProcessBuilder("bash", "-c", "source \"$0\" && complete -p altmin", script.toString())
                .redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(printed).isZero();
        assertThat(printed).contains("complete").endsWith("altmin\n");
    }
}
