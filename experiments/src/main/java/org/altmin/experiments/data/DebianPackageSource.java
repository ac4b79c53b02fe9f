package org.altmin.experiments.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Debian package fetched with {@code apt-get download} and unpacked with {@code dpkg -x}: neither needs root.
 * Where the apt lists are empty (a fresh container) and we are root, {@code apt-get update} runs first.
 */
public record DebianPackageSource(String aptGetCommand, String dpkgCommand, String packageName, String dataSubdirectory,
        Path aptListsDirectory) implements PackageSource {
    @Override
    public Path unpack(Path workDirectory, Consumer<String> log) {
        if (listsEmpty() && isRoot()) {
            log.accept("apt lists are empty: running apt-get update");
            Processes.check(List.of(aptGetCommand, "update"), workDirectory);
        }
        log.accept("downloading Debian package " + packageName);
        Processes.Result download = Processes.run(List.of(aptGetCommand, "download", packageName), workDirectory);
        if (download.exitCode() != 0) {
            throw new DataUnavailableException("apt-get download " + packageName + " failed with exit code "
                    + download.exitCode() + (listsEmpty() ? " (the apt lists are empty: run 'apt-get update' as root)" : "")
                    + ": " + Processes.reason(download.output()));
        }
        Path deb;
        try (Stream<Path> files = Files.list(workDirectory)) {
            deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new DataUnavailableException("apt-get download " + packageName
                            + " produced no .deb file in " + workDirectory));
        } catch (IOException e) {
            throw new DataUnavailableException("could not list " + workDirectory + ": " + e.getMessage(), e);
        }
        Processes.check(List.of(dpkgCommand, "-x", deb.getFileName().toString(), "root"), workDirectory);
        Path data = workDirectory.resolve("root").resolve(dataSubdirectory);
        if (!Files.isDirectory(data)) {
            throw new DataUnavailableException("Debian package " + packageName + " has no directory " + dataSubdirectory);
        }
        return data;
    }

    private boolean listsEmpty() {
        if (!Files.isDirectory(aptListsDirectory)) {
            return true;
        }
        try (Stream<Path> files = Files.list(aptListsDirectory)) {
            return files.noneMatch(p -> p.getFileName().toString().contains("_Packages"));
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
