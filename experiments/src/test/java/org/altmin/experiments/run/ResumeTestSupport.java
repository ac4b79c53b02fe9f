package org.altmin.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the resume tests compare: a run's {@code metrics.csv} without its timing columns. */
public final class ResumeTestSupport {
    private ResumeTestSupport() {}

    /** The header and rows of {@code metrics.csv} without {@code nanos} and {@code *_nanos}, cell by cell. */
    public static List<List<String>> withoutTiming(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve(RunDirectory.METRICS));
        String[] header = lines.get(0).split(",", -1);
        List<List<String>> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSameSizeAs(header);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < header.length; i++) {
                if (!header[i].equals("nanos") && !header[i].endsWith("_nanos")) {
                    kept.add(cells[i]);
                }
            }
            out.add(kept);
        }
        return out;
    }
}
