package org.altmin.experiments.study;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.RunSpec;
import org.altmin.api.kernels.ThreadPolicy;
import org.altmin.experiments.data.DataUnavailableException;
import org.altmin.experiments.run.RunFailedException;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.RunOutcome;
import org.altmin.experiments.run.Runner;
import org.altmin.experiments.wiring.RunSpecIo;

/**
 * One run of a study, as any engine runs it (a plain serializable value: a Spark task carries it to an executor):
 * the run's resolved spec as YAML, its directory's name and parent, the data directory and the ND4J threads. The
 * run's data were staged before the study started, so a task never downloads ({@code fetch(false)}).
 *
 * @param name          the run directory's name
 * @param specYaml      the run's spec ({@link RunSpecIo#toYaml})
 * @param runsDirectory the directory the run directory goes into (on a cluster: a shared file system)
 * @param dataDirectory the data directory, or null for the default ({@code $ALTMIN_DATA} or {@code ~/.altmin/data})
 * @param threads       threads for the run (its {@link ThreadPolicy}, which the runner applies)
 * @param command       the command line recorded in the run's provenance
 */
public record RunTask(String name, String specYaml, String runsDirectory, String dataDirectory, int threads,
        List<String> command) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RunTask {
        command = List.copyOf(command);
    }

    /**
     * Trains the run into {@code runsDirectory/name}, first removing what an unfinished earlier attempt left there.
     * Never throws for a failing run: the result says {@link RunResult#FAILED} with the diagnosis.
     */
    public RunResult execute() {
        long t0 = System.nanoTime();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try {
            Path runs = Path.of(runsDirectory);
            delete(runs.resolve(name));
            RunSpec spec = RunSpecIo.parseYaml(specYaml);
            RunOutcome outcome = Runner.run(RunOptions.builder(spec).output(runs).name(name)
                    .dataDirectory(dataDirectory == null ? null : Path.of(dataDirectory)).fetch(false)
                    .command(command).log(log::add)
                    .threads(ThreadPolicy.machine().withThreads(threads)).build());
            return new RunResult(name, outcome.status().name(), outcome.result().diagnosis(),
                    outcome.result().iterations(), seconds(t0), outcome.summary().testAccuracy());
        } catch (RunFailedException e) {
            return failed("the optimizer threw: " + e.getCause(), t0);
        } catch (InvalidParameterException e) {
            return failed("bad input: " + e.getMessage(), t0);
        } catch (DataUnavailableException e) {
            return failed("data unavailable: " + e.getMessage(), t0);
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            return failed(e.toString(), t0);
        }
    }

    private RunResult failed(String diagnosis, long t0) {
        return new RunResult(name, RunResult.FAILED, diagnosis, 0, seconds(t0), null);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Removes an unfinished attempt's directory. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the unfinished run " + directory, e);
        }
    }
}
