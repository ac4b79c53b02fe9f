package org.altmin.experiments.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy's {@code .npz}: a zip archive of {@code .npy} files, one per array, named {@code <key>.npy}
 * ({@code numpy.load} gives them back by key: {@code npz["W_1"]}). Written atomically ({@link AtomicWrite}).
 */
public final class Npz {
    private static final String SUFFIX = ".npy";

    private Npz() {}

    /** Writes the arrays, in order, as {@code <key>.npy} entries of a zip archive at {@code file}. */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        write(file, arrays, true);
    }

    /**
     * Writes the arrays as {@code numpy.savez_compressed} ({@code compressed}) or {@code numpy.savez} (stored
     * entries, no deflate: for large arrays of floats, which deflate hardly shrinks, several times faster) does.
     */
    public static void write(Path file, Map<String, INDArray> arrays, boolean compressed) throws IOException {
        AtomicWrite.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                // One array encoded at a time, so that at most one extra copy of the largest is held.
                byte[] bytes = Npy.write(entry.getValue());
                ZipEntry zipEntry = new ZipEntry(entry.getKey() + SUFFIX);
                if (!compressed) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(bytes);
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(bytes.length);
                    zipEntry.setCompressedSize(bytes.length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.close();
        });
    }

    /**
     * Reads every {@code .npy} entry of the archive, by key (the entry name without {@code .npy}), in archive order.
     *
     * @throws InvalidParameterException for a missing file, a file that is not a zip archive (or is truncated), or
     *                                   an entry that is not a valid .npy file, naming the file and the entry
     */
    public static Map<String, INDArray> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidParameterException("Model", "file", file + " is missing (a model is saved as model.npz "
                    + "and model.json in its run directory)");
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(SUFFIX)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new InvalidParameterException("Model", "file", file + " is corrupt: its entry " + name
                            + " cannot be read (" + e.getMessage() + ")");
                }
                arrays.put(name.substring(0, name.length() - SUFFIX.length()),
                        Npy.read(bytes, file + " entry " + name));
            }
        } catch (ZipException e) {
            throw new InvalidParameterException("Model", "file", file + " is not a valid .npz (zip) archive, "
                    + "truncated or corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidParameterException("Model", "file", file + " cannot be read (" + e + ")");
        }
        return arrays;
    }
}
