package org.altmin.experiments.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.altmin.api.InvalidParameterException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The non-blank records of a delimited text file as stripped fields, with their 1-based line numbers (for
 * messages): what the {@code csv} data set and {@code altmin predict} read. Parsed by Apache Commons CSV (RFC 4180
 * quoting: a field in double quotes may hold the delimiter, a line break or {@code ""} for a quote). The file may be
 * gzipped (recognized by its magic bytes, not its name). It must be UTF-8 (ASCII included): a byte sequence that is
 * not is reported with its line and column rather than decoded into replacement characters.
 *
 * @param rows  the fields of each non-blank record
 * @param lines the line number where each record starts
 */
public record CsvRows(List<String[]> rows, List<Integer> lines) {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    /**
     * Reads {@code file}, split on {@code delimiter}.
     *
     * @param component the component a failure names
     * @param parameter the parameter a failure names
     * @throws InvalidParameterException for an unreadable, malformed or non-UTF-8 file or one without a non-blank row
     */
    public static CsvRows read(Path file, String delimiter, String component, String parameter) {
        String text = decode(file, bytes(file, component, parameter), component, parameter);
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                String[] fields = record.values();
                if (fields.length == 1 && fields[0].isEmpty()) {
                    continue; // a line of blanks only
                }
                rows.add(fields);
                lines.add(lineOf(text, lineStarts, record.getCharacterPosition()));
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw InvalidParameterException.of(component, parameter, file, "a well-formed CSV file ("
                    + cause.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw InvalidParameterException.of(component, parameter, file, "a CSV file with at least one row");
        }
        return new CsvRows(List.copyOf(rows), List.copyOf(lines));
    }

    /** The bytes of the file, gunzipped when they start with the gzip magic. */
    private static byte[] bytes(Path file, String component, String parameter) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
                try (InputStream in = new GZIPInputStream(raw)) {
                    return in.readAllBytes();
                } catch (ZipException | java.io.EOFException e) {
                    throw InvalidParameterException.of(component, parameter, file, "a readable gzip file ("
                            + (e.getMessage() != null ? e.getMessage() : "truncated") + ")");
                }
            }
            return raw.readAllBytes();
        } catch (IOException e) {
            throw InvalidParameterException.of(component, parameter, file, "a readable CSV file ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")");
        }
    }

    /** Strict UTF-8: the first invalid sequence is reported with its line and column (in characters, 1-based). */
    private static String decode(Path file, byte[] bytes, String component, String parameter) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw InvalidParameterException.of(component, parameter, file + " (line " + line + ", column " + column
                    + ": byte 0x" + String.format("%02X", bytes[offset] & 0xFF) + ")",
                    "UTF-8 text (convert it, e.g. iconv -f LATIN1 -t UTF-8)");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, 2 * n);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static int lineOf(String text, int[] lineStarts, long start) {
        int position = (int) start;
        // The parser's position may be that of empty lines it skipped before the record.
        while (position < text.length() && (text.charAt(position) == '\n' || text.charAt(position) == '\r')) {
            position++;
        }
        int index = Arrays.binarySearch(lineStarts, position);
        return (index >= 0 ? index : -index - 2) + 1;
    }

    /** Whether {@code text} parses as a double. */
    public static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether {@code text} parses as an int. */
    public static boolean isInteger(String text) {
        try {
            Integer.parseInt(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
