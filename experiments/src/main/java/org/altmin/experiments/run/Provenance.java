package org.altmin.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.altmin.api.kernels.ThreadPolicy;
import org.altmin.solvers.core.Blas;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
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
 * @param device    what computes: {@code cpu: <model>} or {@code cuda: <device name> ...} (see {@link #currentDevice()})
 * @param threads   the thread counts the run used and why ({@link ThreadPolicy}); null when not chosen
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
        List<Plugin> plugins,
        String device,
        ThreadPolicy.Choice threads) {
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
                start.toString(), null, List.of(), List.of(), currentDevice(), null);
    }

    /** This provenance with the data files and plug-ins of the run (see the parameters). */
    public Provenance withInputs(List<DataFile> files, List<Plugin> modules) {
        return new Provenance(altminVersion, gitCommit, gitDirty, javaVersion, javaVendor, javaVm, os, osVersion, arch,
                cores, maxHeapBytes, nd4jBackend, dtype, seed, command, start, end, files, modules, device, threads);
    }

    /** This provenance with the run's thread choice (as {@link ThreadPolicy.Choice#apply()} returned it). */
    public Provenance withThreads(ThreadPolicy.Choice choice) {
        return new Provenance(altminVersion, gitCommit, gitDirty, javaVersion, javaVendor, javaVm, os, osVersion, arch,
                cores, maxHeapBytes, nd4jBackend, dtype, seed, command, start, end, dataFiles, plugins, device, choice);
    }

    /** This provenance with its end time. */
    public Provenance ended(Instant endTime) {
        return new Provenance(altminVersion, gitCommit, gitDirty, javaVersion, javaVendor, javaVm, os, osVersion, arch,
                cores, maxHeapBytes, nd4jBackend, dtype, seed, command, start, endTime.toString(), dataFiles, plugins,
                device, threads);
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

    /**
     * The device ND4J computes on: on the CPU backend {@code cpu: <model name from /proc/cpuinfo>, <n> cores, BLAS
     * <vendor> (<Blas.library()>)}; on CUDA {@code cuda: device <d> of <n>: <name>, compute <major.minor>, <GiB>
     * GiB} (from {@code Nd4j.getAffinityManager()} and the executioner's environment information); "unknown (...)"
     * when ND4J cannot say.
     */
    public static String currentDevice() {
        try {
            Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
            if (Nd4j.getEnvironment().isCPU()) {
                return "cpu: " + cpuModel() + ", " + info.getOrDefault(Nd4jEnvironment.CPU_CORES_KEY, "?") + " cores, BLAS "
                        + info.getOrDefault(Nd4jEnvironment.BLAS_VENDOR_KEY, "?") + " ("
                        + Blas.library() + ")";
            }
            int device = Nd4j.getAffinityManager().getDeviceForCurrentThread();
            int devices = Nd4j.getAffinityManager().getNumberOfDevices();
            StringBuilder out = new StringBuilder("cuda: device " + device + " of " + devices);
            if (info.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY) instanceof List<?> all && device < all.size()
                    && all.get(device) instanceof java.util.Map<?, ?> d) {
                out.append(": ").append(d.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY))
                        .append(", compute ").append(d.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY)).append('.')
                        .append(d.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY));
                if (d.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY) instanceof Number bytes) {
                    out.append(String.format(java.util.Locale.ROOT, ", %.1f GiB", bytes.doubleValue() / (1L << 30)));
                }
            }
            return out.toString();
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The CPU's model name from {@code /proc/cpuinfo}, or the architecture when there is none. */
    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
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
