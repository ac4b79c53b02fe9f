package org.altmin.experiments.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.altmin.api.InvalidParameterException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A run's own new directory under the output directory. Created with {@link Files#createDirectory}, which is
 * atomic and fails if the name exists, so two runs (even concurrent ones) never share or overwrite a directory:
 * on a clash the next suffix {@code -2}, {@code -3}, ... is tried.
 */
public final class RunDirectory {
    /** The file names inside a run directory. */
    public static final String SPEC = "spec.yaml";
    public static final String PROVENANCE = "provenance.json";
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    /** The trained network ({@link org.altmin.experiments.model.Model}). */
    public static final String MODEL_NPZ = org.altmin.experiments.model.Model.NPZ;
    public static final String MODEL_JSON = org.altmin.experiments.model.Model.JSON;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 10_000;

    private RunDirectory() {}

    /** {@code <UTC time>-<optimizer>-<dataset>}, with characters unsafe in file names replaced. */
    public static String defaultName(Instant start, String optimizer, String dataset) {
        return sanitize(STAMP.format(start) + "-" + optimizer + "-" + dataset);
    }

    /**
     * Checks, before anything is written, that run directories can be created under {@code output}: the path and
     * every existing ancestor must be directories (not files), and the deepest existing one must accept a new entry
     * (probed by creating and removing a hidden empty file, which also catches a read-only file system and, for
     * root, what permission bits do not).
     *
     * @throws InvalidParameterException naming the output and the reason
     */
    public static void checkOutput(Path output) {
        Path absolute = output.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw InvalidParameterException.of("RunOptions", "output", output, "a directory that can be created");
        }
        if (!Files.isDirectory(existing)) {
            throw InvalidParameterException.of("RunOptions", "output", output, "a directory ("
                    + (existing.equals(absolute) ? "it is a file" : existing + " is a file") + ")");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(existing, ".altmin-write-check-", "");
        } catch (IOException | SecurityException e) {
            throw InvalidParameterException.of("RunOptions", "output", output, "a writable directory ("
                    + existing + " is not writable: " + reason(e) + ")");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // an empty hidden file left behind is harmless
                }
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it accepts no new files";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName();
    }

    /** Creates {@code output/name}, or {@code output/name-2}, ... if taken; creates {@code output} if needed. */
    public static Path create(Path output, String name) throws IOException {
        Files.createDirectories(output);
        String base = sanitize(name);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path candidate = output.resolve(attempt == 1 ? base : base + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
        throw new IOException("no free run directory name " + base + "-N under " + output + " after "
                + MAX_ATTEMPTS + " attempts");
    }

    private static String sanitize(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "run" + safe : safe;
    }
}
