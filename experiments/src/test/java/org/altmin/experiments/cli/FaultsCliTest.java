package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of fault of {@code altmin train} ends in one line on stderr with exit 2 (bad input) or 4 (data
 * unavailable), no stack trace, and no run directory.
 */
class FaultsCliTest {
    @TempDir
    Path temp;

    private CliRunner.Result train(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "train";
        all[1] = "--output";
        all[2] = temp.resolve("runs").toString();
        all[3] = "--data-dir";
        all[4] = temp.resolve("data").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRunner.run(all);
    }

    /**
     * stderr without the progress log's "altmin: loading ..." lines (logs share stderr with the failure): what must
     * be the one line of the failure.
     */
    private static String problem(CliRunner.Result result) {
        return String.join("\n", result.err().strip().lines().filter(line -> !line.startsWith("altmin: loading "))
                .toList());
    }

    private void assertOneLine(CliRunner.Result result, int exit, String message) throws IOException {
        assertThat(result.exitCode()).isEqualTo(exit);
        assertThat(problem(result).lines()).singleElement().asString().isEqualTo(message);
        assertThat(result.err()).doesNotContain("\tat ", "Exception in");
        assertThat(temp.resolve("runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(Files.list(p)).isEmpty());
    }

    @Test
    void aDataSetTooLargeForTheHeapIsRefusedBeforeLoading() throws IOException {
        CliRunner.Result result = train("--dataset", "synthetic", "--data-option", "features=2000000000",
                "--iterations", "1");
        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(problem(result)).startsWith("altmin: invalid input: run.memory loading synthetic "
                + "(2000000000 features x 800 samples FLOAT) needs about 5.9 TiB of Java heap, more than this "
                + "machine's ");
        assertOneLine(result, 2, problem(result));
    }

    @Test
    void aDataSetTooLargeForTheFreeHeapNamesTheSettingToUse() {
        long free = Runtime.getRuntime().maxMemory();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.altmin.experiments.run.MemoryEstimate.checkLoad(
                "toy", new org.altmin.experiments.data.Footprint(free + (1L << 20), 0, "toy arrays")))
                .isInstanceOf(org.altmin.api.InvalidParameterException.class)
                .hasMessageStartingWith("run.memory loading toy (toy arrays) needs about ")
                .hasMessageContaining(" of Java heap, more than the ")
                .hasMessageContaining(": set JAVA_OPTS=-Xmx")
                .hasMessageEndingWith("g or a smaller --train-size/--test-size");
    }

    @Test
    void aNetworkTooLargeForMemoryIsRefusedBeforeItsDirectoryExists() throws IOException {
        CliRunner.Result result = train("--dataset", "synthetic", "--widths", "2000000000", "--iterations", "1");
        assertThat(problem(result)).startsWith("altmin: invalid input: run.memory training dlam on "
                + "[10, 2000000000, 3] with 600 samples FLOAT needs about ").contains(" of ND4J memory, more than ");
        assertOneLine(result, 2, problem(result));
    }

    @Test
    void anOutputNamingAFileOrAPathBelowOne() throws IOException {
        Path file = Files.writeString(temp.resolve("file.txt"), "x");
        CliRunner.Result result = CliRunner.run("train", "--output", file.toString(), "--dataset", "synthetic");
        assertOneLine(result, 2, "altmin: invalid input: RunOptions.output must be a directory (it is a file), found "
                + file);
        result = CliRunner.run("train", "--output", file.resolve("runs").toString(), "--dataset", "synthetic");
        assertOneLine(result, 2, "altmin: invalid input: RunOptions.output must be a directory (" + file
                + " is a file), found " + file.resolve("runs"));
    }

    @Test
    void aConfigWithAFractionalIterationCountOrADuplicateKey() throws IOException {
        Path config = Files.writeString(temp.resolve("spec.yaml"), "iterations: 2.7\n");
        assertOneLine(train("--config", config.toString()), 2, "altmin: invalid input: RunSpec.config file " + config
                + " is not a valid run spec: must be an integer, found 2.7 (at iterations)");
        Files.writeString(config, "hiddenWidths: [4.9]\n");
        assertOneLine(train("--config", config.toString()), 2, "altmin: invalid input: RunSpec.config file " + config
                + " is not a valid run spec: must be an integer, found 4.9 (at hiddenWidths.[0])");
        Files.writeString(config, "seed: 1\nseed: 2\n");
        CliRunner.Result duplicate = train("--config", config.toString());
        assertThat(duplicate.err()).contains("Duplicate field 'seed'");
        assertOneLine(duplicate, 2, duplicate.err().strip());
    }

    @Test
    void aPluginWhoseConfigureThrows() throws IOException {
        assertOneLine(train("--module", "org.example.plugin.BrokenModule", "--dataset", "synthetic"), 2,
                "altmin: invalid input: RunSpec.modules 'org.example.plugin.BrokenModule' failed in configure(): "
                        + "IllegalStateException: the plug-in's settings file is missing");
    }

    @Test
    void aSingleClassCsv() throws IOException {
        Path csv = Files.writeString(temp.resolve("one.csv"), "a,b,label\n1,2,x\n3,4,x\n5,6,x\n");
        assertOneLine(train("--dataset", "csv", "--data-path", csv.toString()), 2,
                "altmin: invalid input: csv.classes must be >= 2 (a single class leaves nothing to learn), found 1 [x] "
                        + "in the training data");
    }

    @Test
    void corruptShippedDataWithoutFetching() throws IOException {
        Path mnist = Files.createDirectories(temp.resolve("data").resolve("mnist"));
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.writeString(mnist.resolve(name), "truncated");
        }
        CliRunner.Result result = train("--no-fetch", "--iterations", "1");
        assertThat(problem(result)).startsWith("altmin: data unavailable: mnist: " + mnist.resolve(
                "t10k-images-idx3-ubyte") + " is corrupt: its SHA-256 is ")
                .endsWith("; run 'altmin fetch --dataset mnist --force' to fetch it again");
        assertOneLine(result, 4, problem(result));
        try (Stream<Path> files = Files.list(mnist)) {
            assertThat(files).hasSize(4); // nothing removed or added
        }
    }
}
