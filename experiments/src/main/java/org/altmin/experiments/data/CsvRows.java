package org.altmin.experiments.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.altmin.api.InvalidParameterException;

/**
 * The non-blank rows of a delimited text file as stripped, unquoted fields, with their 1-based line numbers (for
 * messages): what the {@code csv} data set and {@code altmin predict} read.
 *
 * @param rows  the fields of each non-blank line
 * @param lines the line number of each row
 */
public record CsvRows(List<String[]> rows, List<Integer> lines) {
    /**
     * Reads {@code file}, split on {@code delimiter}; a field in double quotes loses them (and {@code ""} becomes
     * {@code "}).
     *
     * @param component the component a failure names
     * @param parameter the parameter a failure names
     * @throws InvalidParameterException for an unreadable file or one without a non-blank row
     */
    public static CsvRows read(Path file, String delimiter, String component, String parameter) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidParameterException.of(component, parameter, file, "a readable CSV file (" + e.getMessage() + ")");
        }
        String splitter = Pattern.quote(delimiter);
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            if (!text.get(i).isBlank()) {
                String[] fields = text.get(i).split(splitter, -1);
                for (int f = 0; f < fields.length; f++) {
                    fields[f] = unquote(fields[f].strip());
                }
                rows.add(fields);
                lines.add(i + 1);
            }
        }
        if (rows.isEmpty()) {
            throw InvalidParameterException.of(component, parameter, file, "a CSV file with at least one row");
        }
        return new CsvRows(List.copyOf(rows), List.copyOf(lines));
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

    private static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }
}
