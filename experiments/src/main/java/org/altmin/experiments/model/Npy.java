package org.altmin.experiments.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.altmin.api.InvalidParameterException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The NumPy {@code .npy} format (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">
 * numpy.lib.format</a>) for FLOAT and DOUBLE arrays, in plain Java.
 *
 * <p>Writing: format version 1.0, {@code descr} {@code '<f4'} or {@code '<f8'}, {@code fortran_order: False} (the
 * data in C order, little-endian), the array's shape; the header is padded with spaces and ends in a newline so
 * that the data start at a multiple of 64 bytes, as NumPy writes it. Reading accepts versions 1.0, 2.0 and 3.0,
 * {@code <f4}/{@code <f8} (and {@code >f4}/{@code >f8}), C or Fortran order, rank 0 to 2; anything else, and any
 * truncated or malformed input, is an {@link InvalidParameterException} naming the source.
 *
 * <p>ND4J has {@code Nd4j.toNpyByteArray} and {@code Nd4j.createNpyFromByteArray}, but both go through native
 * code, which gives no usable message (or worse) for a corrupt file; this codec checks every byte it reads.
 */
public final class Npy {
    /** The magic string that starts every .npy file. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** The array as a version 1.0 .npy file: {@code '<f4'} for FLOAT, {@code '<f8'} for DOUBLE, C order. */
    public static byte[] write(INDArray array) {
        DataType dtype = array.dataType();
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw InvalidParameterException.of("Npy", "dtype", dtype, "FLOAT or DOUBLE");
        }
        long[] shape = array.shape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + (dtype == DataType.FLOAT ? "<f4" : "<f8") + "', 'fortran_order': False, "
                + "'shape': " + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        long n = array.length();
        int itemSize = dtype == DataType.FLOAT ? 4 : 8;
        long total = MAGIC.length + 4L + headerBytes.length + n * itemSize;
        if (total > Integer.MAX_VALUE - 16) {
            throw InvalidParameterException.of("Npy", "size", n + " elements", "less than 2 GiB of data per array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes);
        INDArray c = array.dup('c');
        if (dtype == DataType.FLOAT) {
            float[] values = c.data().asFloat();
            for (long i = 0; i < n; i++) {
                out.putFloat(values[(int) i]);
            }
        } else {
            double[] values = c.data().asDouble();
            for (long i = 0; i < n; i++) {
                out.putDouble(values[(int) i]);
            }
        }
        return out.array();
    }

    /**
     * Reads a .npy file.
     *
     * @param source what the bytes are (e.g. {@code model.npz entry W_1.npy}), for messages
     * @throws InvalidParameterException for anything that is not a well-formed float32/float64 .npy of rank &lt;= 2
     */
    public static INDArray read(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw corrupt(source, "does not start with the .npy magic string \\x93NUMPY");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        int major = in.get() & 0xff;
        int minor = in.get() & 0xff;
        long headerLength;
        if (major == 1) {
            headerLength = in.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            if (in.remaining() < 4) {
                throw corrupt(source, "is truncated in its header");
            }
            headerLength = in.getInt() & 0xffffffffL;
        } else {
            throw corrupt(source, "has .npy format version " + major + "." + minor + " (1.0, 2.0 or 3.0 expected)");
        }
        if (headerLength > in.remaining()) {
            throw corrupt(source, "is truncated: its header says " + headerLength + " bytes, " + in.remaining()
                    + " follow");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        in.get(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!header.strip().startsWith("{") || !descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw corrupt(source, "has a malformed header (descr, fortran_order and shape expected): "
                    + header.strip());
        }
        String type = descr.group(1);
        boolean single = type.equals("<f4") || type.equals(">f4");
        boolean dbl = type.equals("<f8") || type.equals(">f8");
        if (!single && !dbl) {
            throw corrupt(source, "has dtype '" + type + "' ('<f4' float32 or '<f8' float64 expected)");
        }
        ByteOrder order = type.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean fortranOrder = fortran.group(1).equals("True");
        List<Long> dims = new ArrayList<>();
        for (String part : shapeMatch.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    long d = Long.parseLong(part.strip());
                    if (d < 0) {
                        throw new NumberFormatException();
                    }
                    dims.add(d);
                } catch (NumberFormatException e) {
                    throw corrupt(source, "has a malformed shape (" + shapeMatch.group(1) + ")");
                }
            }
        }
        if (dims.size() > 2) {
            throw corrupt(source, "has rank " + dims.size() + " (at most 2 expected)");
        }
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        int itemSize = single ? 4 : 8;
        long expected = n * itemSize;
        if (in.remaining() != expected) {
            throw corrupt(source, (in.remaining() < expected ? "is truncated" : "has trailing bytes") + ": shape "
                    + shapeText(dims) + " of " + type + " needs " + expected + " data bytes, found " + in.remaining());
        }
        ByteBuffer data = in.slice().order(order);
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long[] ndShape = shape.length == 0 ? new long[] {1, 1} : shape;
        char ordering = fortranOrder ? 'f' : 'c';
        INDArray array;
        if (single) {
            float[] values = new float[(int) n];
            data.asFloatBuffer().get(values);
            array = Nd4j.create(values, ndShape, ordering);
        } else {
            double[] values = new double[(int) n];
            data.asDoubleBuffer().get(values);
            array = Nd4j.create(values, ndShape, ordering);
        }
        return array.ordering() == 'c' ? array : array.dup('c');
    }

    /** A shape as NumPy prints it: {@code (3, 4)}, {@code (3,)}. */
    static String shapeText(List<Long> dims) {
        if (dims.size() == 1) {
            return "(" + dims.get(0) + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < dims.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(dims.get(i));
        }
        return text.append(')').toString();
    }

    private static InvalidParameterException corrupt(String source, String problem) {
        return new InvalidParameterException("Model", "file", source + " " + problem);
    }
}
