package org.altmin.experiments.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationReport;
import org.altmin.experiments.model.Model;
import org.altmin.experiments.model.Npz;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.solvers.core.Snapshot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One checkpoint of a run: the complete solver state after iteration k, from which {@code altmin train --resume}
 * continues bit for bit. It lives in the run directory as {@code checkpoints/iteration-<k>/} (k with six digits)
 * with three files:
 * <ul>
 *   <li>{@value #STATE}: every saved array ({@link Snapshot#arrays()}: {@code W_l, b_l, z_l, a_l}, caches such as
 *       {@code wa_l}, moments such as {@code stepper.W_1.m}), a NumPy archive of stored (uncompressed) {@code .npy}
 *       entries in the run's dtype, read by {@code numpy.load};</li>
 *   <li>{@value #INFO}: the format and version, the iteration, the optimizer, the unit, the dtype, the SHA-256 of the
 *       run's {@code spec.yaml} and of the other two files, the checkpoint interval, and the saved integers and
 *       numbers by name (non-finite numbers as the strings {@code NaN}, {@code Infinity}, {@code -Infinity});</li>
 *   <li>{@value #REPORTS}: the reports of iterations 0..k, from which a resumed run writes {@code metrics.csv} and
 *       the plots again exactly as they were.</li>
 * </ul>
 * The directory is written under a temporary name and renamed into place, so a crash never leaves a half-written
 * checkpoint; then older checkpoints are deleted, so a run keeps only its latest.
 */
public final class Checkpoint {
    /** The folder of a run directory that holds its checkpoint. */
    public static final String DIRECTORY = "checkpoints";
    public static final String STATE = "state.npz";
    public static final String INFO = "checkpoint.json";
    public static final String REPORTS = "reports.json";
    public static final String FORMAT = "altmin-checkpoint";
    public static final int FORMAT_VERSION = 1;
    private static final String COMPONENT = "checkpoint";
    private static final Pattern NAME = Pattern.compile("iteration-(\\d{6,})");

    /**
     * What {@value #INFO} holds.
     *
     * @param format          {@value #FORMAT}
     * @param version         {@value #FORMAT_VERSION}
     * @param iteration       the last completed iteration k (or epoch)
     * @param unit            {@code iteration} or {@code epoch}
     * @param optimizer       the optimizer's registered name
     * @param dtype           FLOAT or DOUBLE
     * @param specSha256      SHA-256 of the run's {@code spec.yaml}
     * @param checkpointEvery the interval the run saved at (0: only when interrupted)
     * @param stateSha256     SHA-256 of {@value #STATE}
     * @param reportsSha256   SHA-256 of {@value #REPORTS}
     * @param arrays          the names of the arrays in {@value #STATE}
     * @param integers        the saved integers by name
     * @param numbers         the saved numbers by name, non-finite ones as strings
     */
    public record Info(String format, int version, int iteration, String unit, String optimizer, String dtype,
            String specSha256, int checkpointEvery, String stateSha256, String reportsSha256, List<String> arrays,
            Map<String, Long> integers, Map<String, Object> numbers) {}

    private final Path directory;
    private final Info info;
    private final Snapshot snapshot;
    private final List<IterationReport> reports;

    private Checkpoint(Path directory, Info info, Snapshot snapshot, List<IterationReport> reports) {
        this.directory = directory;
        this.info = info;
        this.snapshot = snapshot;
        this.reports = List.copyOf(reports);
    }

    /** The checkpoint's own folder, {@code checkpoints/iteration-<k>}. */
    public Path directory() {
        return directory;
    }

    public Info info() {
        return info;
    }

    /** The saved state, to restore a session from. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** The reports of iterations 0..k. */
    public List<IterationReport> reports() {
        return reports;
    }

    /** The last completed iteration k. */
    public int iteration() {
        return info.iteration();
    }

    /**
     * Writes a checkpoint of iteration {@code k} into {@code runDirectory/checkpoints} atomically and deletes the
     * older ones; returns its folder.
     */
    static Path write(Path runDirectory, int k, String unit, String optimizer, String dtype, String specSha256,
            int every, Snapshot snapshot, List<IterationReport> reports) throws IOException {
        Path root = runDirectory.resolve(DIRECTORY);
        Files.createDirectories(root);
        String name = String.format("iteration-%06d", k);
        Path temp = root.resolve("." + name + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".tmp");
        Files.createDirectory(temp);
        Path target = root.resolve(name);
        try {
            Npz.write(temp.resolve(STATE), snapshot.arrays(), false);
            byte[] reportBytes = (RunSpecIo.json().writeValueAsString(reports) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(temp.resolve(REPORTS), reportBytes);
            Map<String, Object> numbers = new LinkedHashMap<>();
            snapshot.numbers().forEach((key, value) -> numbers.put(key, Double.isFinite(value) ? value
                    : (Object) Double.toString(value)));
            Info info = new Info(FORMAT, FORMAT_VERSION, k, unit, optimizer, dtype, specSha256, every,
                    Model.sha256(temp.resolve(STATE)), Model.sha256(temp.resolve(REPORTS)),
                    List.copyOf(snapshot.arrays().keySet()), new LinkedHashMap<>(snapshot.integers()), numbers);
            Files.writeString(temp.resolve(INFO), RunSpecIo.json().writeValueAsString(info) + "\n");
            if (Files.exists(target)) {
                // The same iteration saved again (a resumed run stopped at once): move the old one aside first.
                Path old = root.resolve("." + name + ".old." + Long.toHexString(System.nanoTime()));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                move(temp, target);
                deleteTree(old);
            } else {
                move(temp, target);
            }
        } finally {
            if (Files.exists(temp)) {
                deleteTree(temp);
            }
        }
        for (Path older : complete(root)) {
            if (!older.equals(target)) {
                deleteTree(older);
            }
        }
        return target;
    }

    /**
     * The latest checkpoint of a run directory, checked: its format, version and files, the SHA-256 of its state and
     * reports (a corrupt or truncated file), and that it belongs to this run ({@code specSha256}, the SHA-256 of the
     * run's {@code spec.yaml}). Reads nothing else and writes nothing.
     *
     * @throws InvalidParameterException naming the file and what is wrong, for a directory without a checkpoint, a
     *                                   corrupt checkpoint, or one of another spec
     */
    public static Checkpoint load(Path runDirectory, String specSha256) {
        Path root = runDirectory.resolve(DIRECTORY);
        List<Path> found;
        try {
            found = Files.isDirectory(root) ? complete(root) : List.of();
        } catch (IOException e) {
            throw new InvalidParameterException(COMPONENT, "directory", root + " cannot be read (" + e + ")");
        }
        if (found.isEmpty()) {
            throw new InvalidParameterException(COMPONENT, "run directory", runDirectory + " has no checkpoint (" + root
                    + "/iteration-<k>): it was not run with --checkpoint-every and not interrupted, or was written by"
                    + " another version");
        }
        Path dir = found.get(found.size() - 1);
        Path infoFile = dir.resolve(INFO);
        Info info;
        try {
            info = RunSpecIo.json().readValue(infoFile.toFile(), Info.class);
        } catch (IOException e) {
            throw corrupt(infoFile, "is not a valid checkpoint description (" + firstLine(e) + ")");
        }
        if (!FORMAT.equals(info.format()) || info.version() != FORMAT_VERSION) {
            throw corrupt(infoFile, "has format " + info.format() + " version " + info.version() + ", expected "
                    + FORMAT + " version " + FORMAT_VERSION);
        }
        Matcher m = NAME.matcher(dir.getFileName().toString());
        if (!m.matches() || Long.parseLong(m.group(1)) != info.iteration()) {
            throw corrupt(infoFile, "says iteration " + info.iteration() + " in folder " + dir.getFileName());
        }
        if (!info.specSha256().equals(specSha256)) {
            throw new InvalidParameterException(COMPONENT, "spec", infoFile + " was saved for a spec with SHA-256 "
                    + info.specSha256() + ", but the run's spec.yaml has " + specSha256
                    + ": spec.yaml was changed since, or the checkpoint is another run's");
        }
        checkHash(dir.resolve(STATE), info.stateSha256());
        checkHash(dir.resolve(REPORTS), info.reportsSha256());
        Map<String, INDArray> arrays = Npz.read(dir.resolve(STATE));
        if (!new ArrayList<>(arrays.keySet()).equals(info.arrays())) {
            throw corrupt(dir.resolve(STATE), "holds " + arrays.keySet() + ", " + INFO + " lists " + info.arrays());
        }
        List<IterationReport> reports;
        try {
            reports = RunSpecIo.json().readValue(dir.resolve(REPORTS).toFile(), new TypeReference<List<IterationReport>>() {});
        } catch (IOException | RuntimeException e) {
            throw corrupt(dir.resolve(REPORTS), "cannot be read as iteration reports (" + firstLine(e) + ")");
        }
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i).iteration() != i) {
                throw corrupt(dir.resolve(REPORTS), "has iteration " + reports.get(i).iteration() + " at position " + i);
            }
        }
        if (reports.size() != info.iteration() + 1) {
            throw corrupt(dir.resolve(REPORTS), "has " + reports.size() + " reports for iterations 0.."
                    + info.iteration());
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : info.numbers().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n) {
                numbers.put(e.getKey(), n.doubleValue());
            } else if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
                numbers.put(e.getKey(), Double.parseDouble(s));
            } else {
                throw corrupt(infoFile, "has number " + e.getKey() + " = " + v + ", not a number");
            }
        }
        return new Checkpoint(dir, info, Snapshot.of(arrays, numbers, info.integers()), reports);
    }

    /** The complete checkpoints under {@code root}, oldest first (temporary folders are not complete). */
    private static List<Path> complete(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> Long.parseLong(p.getFileName().toString().substring(10))))
                    .toList();
        }
    }

    private static void checkHash(Path file, String expected) {
        String actual;
        try {
            actual = Model.sha256(file);
        } catch (IOException e) {
            throw corrupt(file, "is missing or cannot be read (" + e + ")");
        }
        if (!actual.equals(expected)) {
            throw corrupt(file, "has SHA-256 " + actual + ", but " + INFO + " says " + expected
                    + " (truncated or modified)");
        }
    }

    private static InvalidParameterException corrupt(Path file, String problem) {
        return new InvalidParameterException(COMPONENT, "file", file + " " + problem);
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The latest checkpoint's folder, if the run directory has one (not checked). */
    public static Optional<Path> latest(Path runDirectory) {
        Path root = runDirectory.resolve(DIRECTORY);
        try {
            List<Path> found = Files.isDirectory(root) ? complete(root) : List.of();
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
