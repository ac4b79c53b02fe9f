package org.altmin.experiments.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools of the package sources (npm, tar, apt-get, dpkg). */
final class Processes {
    /** Downloads are small (tens of MB); a tool that runs longer is stuck (e.g. no network and long retries). */
    static final long TIMEOUT_MINUTES = 15;
    private static final int OUTPUT_TAIL = 2000;
    /** The lines of a failing tool's output that its message shows. */
    private static final int REASON_LINES = 4;

    private Processes() {}

    /** The result of a finished command. */
    record Result(int exitCode, String output) {}

    /**
     * Runs {@code command} in {@code directory}, capturing stdout and stderr together. The output goes to a file,
     * not a pipe, so that the timeout holds even for a tool that hangs without closing its output.
     */
    static Result run(List<String> command, Path directory) {
        Path log = null;
        try {
            log = Files.createTempFile(directory, ".process-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new DataUnavailableException(String.join(" ", command) + " did not finish in "
                        + TIMEOUT_MINUTES + " minutes");
            }
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue(), text.length() > OUTPUT_TAIL
                    ? "..." + text.substring(text.length() - OUTPUT_TAIL) : text);
        } catch (IOException e) {
            throw new DataUnavailableException("could not run " + String.join(" ", command) + ": " + e.getMessage()
                    + " (is " + command.get(0) + " installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataUnavailableException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // in the scratch directory, which is deleted anyway
                }
            }
        }
    }

    /**
     * The reason in a failing tool's output, on one line: apt's error lines ({@code E: ...}) where there are any,
     * else the first lines that are not a stack trace or an object dump (npm prints its error code and message
     * first, then the stack); "(no output)" when it printed nothing.
     */
    static String reason(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "(no output)";
        }
        List<String> errors = lines.stream().filter(l -> l.startsWith("E: ")).toList();
        if (!errors.isEmpty()) {
            return String.join(" | ", errors);
        }
        List<String> plain = lines.stream().filter(l -> !NOISE.matcher(l).matches()).toList();
        List<String> chosen = plain.isEmpty() ? lines : plain;
        return String.join(" | ", chosen.subList(0, Math.min(REASON_LINES, chosen.size())));
    }

    /** A stack frame, a brace, an object field dump or a bare prefix, after an optional "npm error" prefix. */
    private static final java.util.regex.Pattern NOISE = java.util.regex.Pattern.compile(
            "^(npm (error|ERR!))?\\s*(at .*|[{}]|\\w+: ('[^']*'|[\\w.]+),?|.*\\{|)$");

    /** Runs {@code command} and fails with its output unless it exits with 0. */
    static String check(List<String> command, Path directory) {
        Result result = run(command, directory);
        if (result.exitCode() != 0) {
            throw new DataUnavailableException(String.join(" ", command) + " failed with exit code "
                    + result.exitCode() + ": " + reason(result.output()));
        }
        return result.output();
    }
}
