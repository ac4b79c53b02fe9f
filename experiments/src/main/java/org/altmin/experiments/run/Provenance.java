package org.altmin.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where and with what a run ran, for reproducing it: versions, machine, backend, dtype, seed and times.
 *
 * @param gitCommit the commit of the altmin checkout, or null when unknown (not a git checkout, no git)
 * @param gitDirty  whether the checkout had uncommitted changes; null when unknown
 * @param start     ISO-8601 UTC start time
 * @param end       ISO-8601 UTC end time; null while the run is in progress
 * @param dataFiles every file the data set was read from, with its SHA-256 (empty for generated data)
 * @param plugins   the plug-in modules (those outside altmin, found on the class path or named in the spec), each
 *                  with the jar it came from and the jar's SHA-256 (null for a class directory)
 */
public record Provenance(
        String altminVersion,
        String gitCommit,
        Boolean gitDirty,
        String javaVersion,
        String javaVendor,
        String javaVm,
        String os,
        String osVersion,
        String arch,
        int cores,
        long maxHeapBytes,
        String nd4jBackend,
        String dtype,
        long seed,
        List<String> command,
        String start,
        String end,
        List<DataFile> dataFiles,
        List<Plugin> plugins) {
    /** A file the run's data came from. */
    public record DataFile(String path, String sha256) {}

    /** A plug-in module and where its code came from. */
    public record Plugin(String module, String location, String sha256) {}

    public Provenance {
        dataFiles = dataFiles == null ? List.of() : List.copyOf(dataFiles);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    /** System property with the altmin checkout (set by bin/altmin); the working directory otherwise. */
    public static final String HOME_PROPERTY = "altmin.home";

    /** The provenance of a run starting now. */
    public static Provenance capture(String dtype, long seed, List<String> command, Instant start) {
        Path home = Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath();
        String commit = git(home, "rev-parse", "HEAD");
        String status = commit == null ? null : git(home, "status", "--porcelain", "--untracked-files=no");
        Runtime runtime = Runtime.getRuntime();
        return new Provenance(version(), commit, status == null ? null : !status.isEmpty(),
                System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                runtime.availableProcessors(), runtime.maxMemory(), backend(), dtype, seed, List.copyOf(command),
                start.toString(), null, List.of(), List.of());
    }

    /** This provenance with the data files and plug-ins of the run (see the parameters). */
    public Provenance withInputs(List<DataFile> files, List<Plugin> modules) {
        return new Provenance(altminVersion, gitCommit, gitDirty, javaVersion, javaVendor, javaVm, os, osVersion, arch,
                cores, maxHeapBytes, nd4jBackend, dtype, seed, command, start, end, files, modules);
    }

    /** This provenance with its end time. */
    public Provenance ended(Instant endTime) {
        return new Provenance(altminVersion, gitCommit, gitDirty, javaVersion, javaVendor, javaVm, os, osVersion, arch,
                cores, maxHeapBytes, nd4jBackend, dtype, seed, command, start, endTime.toString(), dataFiles, plugins);
    }

    /** The altmin version from the build, or "unknown". */
    public static String version() {
        try (InputStream in = Provenance.class.getResourceAsStream("/altmin-version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    private static String backend() {
        try {
            return Nd4j.getBackend().getClass().getName() + " (" + Nd4j.getExecutioner().getClass().getSimpleName() + ")";
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String git(Path directory, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
