package org.altmin.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests. */
final class IdxTestFiles {
    private IdxTestFiles() {}

    static byte[] bytes(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return buffer.toByteArray();
    }

    static Path write(Path file, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        byte[] content = bytes(magic, dims, data);
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
        } else {
            Files.write(file, content);
        }
        return file;
    }

    /** count images of rows x cols with pixel (i, p) = (i * 31 + p * 7) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                data[i * rows * cols + p] = (byte) ((i * 31 + p * 7) % 256);
            }
        }
        return data;
    }

    /** Labels i mod 10. */
    static byte[] labels(int count) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (i % 10);
        }
        return data;
    }
}
