package org.altmin.experiments.wiring;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.RunSpec;

/**
 * Reads and writes {@link RunSpec}s as YAML or JSON (by file extension; anything else is read as YAML, a superset
 * of JSON). Unknown keys are rejected, so that a misspelt field is not silently ignored; so is a key given twice in
 * one mapping (Jackson's {@code STRICT_DUPLICATE_DETECTION}: otherwise the later would silently win) and a
 * fractional number where an integer is meant ({@code iterations: 2.7}, {@code hiddenWidths: [4.9]}: Jackson
 * would truncate it). Component parameters keep
 * their types both ways (see {@link org.altmin.api.ComponentSpec}): {@code maxBacktracks: 60} is an integer,
 * {@code rho: 0.3} a double, {@code warmStart: false} a boolean, {@code init: he} a string; a string that reads as a
 * number or a boolean is written in quotes ({@code "60"}), so that it reads back as a string.
 */
public final class RunSpecIo {
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RunSpecIo() {}

    /** The shared JSON mapper (pretty-printed), for the other files of a run directory. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Reads a spec; missing fields take the {@link RunSpec} defaults.
     *
     * @throws InvalidParameterException for a missing or malformed file, naming the file and the problem
     */
    public static RunSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvalidParameterException.of("RunSpec", "config", file, "an existing YAML or JSON file");
        }
        try {
            RunSpec spec = mapperFor(file).readValue(file.toFile(), RunSpec.class);
            return spec != null ? spec : RunSpec.defaults();
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidParameterException invalid) {
                throw invalid;
            }
            throw new InvalidParameterException("RunSpec", "config", "file " + file + " is not a valid run spec: "
                    + describe(e) + locationOf(e));
        } catch (IOException e) {
            throw InvalidParameterException.of("RunSpec", "config", file, "a readable file (" + e.getMessage() + ")");
        }
    }

    /** Parses a spec from YAML (or JSON) text. */
    public static RunSpec parseYaml(String text) {
        try {
            RunSpec spec = YAML.readValue(text, RunSpec.class);
            return spec != null ? spec : RunSpec.defaults();
        } catch (JacksonException e) {
            if (e.getCause() instanceof InvalidParameterException invalid) {
                throw invalid;
            }
            throw new InvalidParameterException("RunSpec", "config", "is not a valid run spec: " + describe(e)
                    + locationOf(e));
        }
    }

    /** The spec as YAML. */
    public static String toYaml(RunSpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JacksonException e) {
            throw new IllegalStateException("a RunSpec is always serializable", e);
        }
    }

    /** Writes the spec as YAML or JSON, by the file's extension, atomically (temporary file, then rename). */
    public static void write(RunSpec spec, Path file) throws IOException {
        String text = isJson(file) ? JSON.writeValueAsString(spec) + "\n" : toYaml(spec);
        org.altmin.experiments.model.AtomicWrite.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Jackson's message, or a plain one for a fractional number where an integer is meant. */
    private static String describe(JacksonException e) {
        if (e instanceof InvalidFormatException format && format.getValue() != null && isIntegral(format.getTargetType())) {
            return "must be an integer, found " + format.getValue();
        }
        return e.getOriginalMessage();
    }

    private static boolean isIntegral(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class;
    }

    private static ObjectMapper mapperFor(Path file) {
        return isJson(file) ? JSON : YAML;
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** The field path (e.g. {@code data->trainSize}): precise, where the parser's line may point past the key. */
    private static String locationOf(JacksonException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException bind && !bind.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : bind.getPath()) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName() != null ? ref.getFieldName() : ("[" + ref.getIndex() + "]"));
            }
            return " (at " + path + ")";
        }
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
