package org.altmin.experiments.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.altmin.api.InvalidParameterException;

/**
 * Reads IDX files (Y. LeCun's MNIST format), raw or gzipped (detected by the gzip magic bytes, not the file
 * name). Validates the magic number, the dimensions and the exact length, so that a corrupt or truncated
 * download fails with a message naming the file and the expected and found values instead of producing
 * garbage pixels.
 */
public final class IdxReader {
    /** Magic of an unsigned-byte IDX file with one dimension (labels). */
    public static final int MAGIC_LABELS = 0x00000801;
    /** Magic of an unsigned-byte IDX file with three dimensions (images). */
    public static final int MAGIC_IMAGES = 0x00000803;

    private static final int GZIP_MAGIC = 0x1f8b;
    private static final String COMPONENT = "IdxReader";

    private IdxReader() {}

    /** Reads a label file: magic 0x00000801, one dimension. */
    public static IdxFile readLabels(Path file) {
        return read(file, MAGIC_LABELS);
    }

    /** Reads an image file: magic 0x00000803, three dimensions (count, rows, columns). */
    public static IdxFile readImages(Path file) {
        return read(file, MAGIC_IMAGES);
    }

    /**
     * Reads an unsigned-byte IDX file whose magic must be {@code expectedMagic} (whose low byte is the number of
     * dimensions).
     *
     * @throws InvalidParameterException for a missing, corrupt or truncated file
     */
    public static IdxFile read(Path file, int expectedMagic) {
        if (!Files.isRegularFile(file)) {
            throw InvalidParameterException.of(COMPONENT, "file", file, "an existing IDX file");
        }
        boolean gzipped = isGzip(file);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            int magic = readHeaderInt(data, file, "magic number");
            if (magic != expectedMagic) {
                throw new InvalidParameterException(COMPONENT, "magic", String.format(
                        "of %s must be 0x%08X, found 0x%08X (not an unsigned-byte IDX file with %d dimension(s))",
                        file, expectedMagic, magic, expectedMagic & 0xFF));
            }
            int[] dims = new int[expectedMagic & 0xFF];
            long length = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = readHeaderInt(data, file, "dimension " + i);
                if (dims[i] < 1) {
                    throw new InvalidParameterException(COMPONENT, "dims", "of " + file + ": dimension " + i
                            + " must be >= 1, found " + dims[i]);
                }
                length *= dims[i];
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new InvalidParameterException(COMPONENT, "dims", "of " + file + " must have fewer than 2^31 "
                        + "elements, found " + Arrays.toString(dims));
            }
            long expectedBytes = 4L * (dims.length + 1) + length;
            byte[] bytes = new byte[(int) length];
            int read = data.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                throw new InvalidParameterException(COMPONENT, "length", "of " + file + (gzipped ? " (decompressed)" : "")
                        + " must be " + expectedBytes + " bytes for dimensions " + Arrays.toString(dims) + ", found "
                        + (4L * (dims.length + 1) + read) + " (truncated)");
            }
            long extra = data.transferTo(java.io.OutputStream.nullOutputStream());
            if (extra > 0) {
                throw new InvalidParameterException(COMPONENT, "length", "of " + file + (gzipped ? " (decompressed)" : "")
                        + " must be " + expectedBytes + " bytes for dimensions " + Arrays.toString(dims) + ", found "
                        + (expectedBytes + extra) + " (trailing data)");
            }
            return new IdxFile(dims, bytes);
        } catch (EOFException e) {
            throw new InvalidParameterException(COMPONENT, "file", file + " is truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidParameterException(COMPONENT, "file", file + " could not be read: " + e);
        }
    }

    /** The dimensions from the header of an image file, without reading its content. */
    static int[] dims(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvalidParameterException.of(COMPONENT, "file", file, "an existing IDX file");
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = isGzip(file) ? new GZIPInputStream(raw) : new BufferedInputStream(raw)) {
            DataInputStream data = new DataInputStream(in);
            int magic = readHeaderInt(data, file, "magic number");
            if (magic != MAGIC_IMAGES) {
                throw InvalidParameterException.of(COMPONENT, "magic", magic, "0x00000803");
            }
            int[] dims = new int[3];
            for (int i = 0; i < 3; i++) {
                dims[i] = readHeaderInt(data, file, "dimension " + i);
            }
            return dims;
        } catch (IOException e) {
            throw new InvalidParameterException(COMPONENT, "file", file + " could not be read: " + e);
        }
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new InvalidParameterException(COMPONENT, "header", "of " + file + " is truncated: expected 4 bytes of "
                    + what + ", found end of file");
        }
    }

    /** True when the file starts with the gzip magic bytes 1f 8b. */
    static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int b0 = in.read();
            int b1 = in.read();
            return b0 >= 0 && b1 >= 0 && ((b0 << 8) | b1) == GZIP_MAGIC;
        } catch (IOException e) {
            throw new InvalidParameterException(COMPONENT, "file", file + " could not be read: " + e);
        }
    }
}
