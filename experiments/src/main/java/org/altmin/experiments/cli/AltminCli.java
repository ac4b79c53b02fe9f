package org.altmin.experiments.cli;

import java.io.PrintWriter;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.data.DataUnavailableException;
import org.altmin.experiments.run.ExitStatus;
import org.altmin.experiments.run.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code altmin} command: {@code altmin train ...}, {@code altmin evaluate ...} and {@code altmin predict ...}
 * (a run's saved model, {@link org.altmin.experiments.model.Model}), {@code altmin compare ...} (overlaid runs) and
 * {@code altmin fetch ...}. Bad input ends with the
 * {@link InvalidParameterException} message and exit code {@value #EXIT_BAD_INPUT}, never a stack trace.
 *
 * <p>Exit codes ({@link ExitStatus}):
 * <ul>
 *   <li>{@value #EXIT_OK}: the run finished: its budget was spent (MAX_ITERATIONS), it converged (CONVERGED), or a
 *       listener stopped it (STOPPED, with the listener's reason as the summary's diagnosis: a deliberate end, not
 *       a failure);</li>
 *   <li>{@value #EXIT_BAD_INPUT}: bad input (an unknown name, a parameter out of range, a part the optimizer's
 *       {@code prepare} rejects, data that do not fit; for {@code evaluate} and {@code predict} also a missing,
 *       corrupt or inconsistent {@code model.npz} or {@code model.json}, named): one message, and no run
 *       directory;</li>
 *   <li>{@value #EXIT_DIVERGED}: the run diverged; its directory holds everything up to that point;</li>
 *   <li>{@value #EXIT_DATA_UNAVAILABLE}: the data set is missing and could not (or, with {@code --no-fetch}, was
 *       not allowed to) be downloaded; no run directory;</li>
 *   <li>{@value #EXIT_ERROR}: the optimizer threw; partial results and an ERROR summary in the run directory;</li>
 *   <li>{@value #EXIT_SIGTERM} (SIGTERM) or {@value #EXIT_INTERRUPTED} (SIGINT), as the JVM sets them (128 + the
 *       signal's number): {@code altmin train} was interrupted and, after its current iteration, wrote its summary
 *       (status INTERRUPTED), model, plots and a final checkpoint, from which {@code --resume} continues.</li>
 * </ul>
 * {@code altmin check} exits 0 when every check passed, 1 when one failed ({@link CheckCommand}), 2 for bad input.
 */
@Command(name = "altmin", mixinStandardHelpOptions = true, versionProvider = AltminCli.Version.class,
        exitCodeListHeading = AltminCli.EXIT_CODES_HEADING,
        exitCodeList = {AltminCli.EXIT_CODE_OK, AltminCli.EXIT_CODE_ERROR, AltminCli.EXIT_CODE_BAD_INPUT,
                AltminCli.EXIT_CODE_DIVERGED, AltminCli.EXIT_CODE_DATA_UNAVAILABLE, AltminCli.EXIT_CODE_OPTIMIZER_THREW},
        footer = {"", "Results go to stdout (train: the run directory), progress and logs to stderr.",
                "Bash completion: source <(altmin completion)"},
        description = "Train fully-connected networks by alternating minimization (DLAM, mDLAM), the ADMM of Taylor et al. and "
                + "SGD-family baselines.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, CompareCommand.class,
                StudyCommand.class, CheckCommand.class, FetchCommand.class,
                ListCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class AltminCli implements Runnable {
    /** Exit codes, as {@link ExitStatus} defines them (see the class comment). */
    public static final int EXIT_OK = 0;
    public static final int EXIT_STOPPED = EXIT_OK;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_DIVERGED = 3;
    public static final int EXIT_DATA_UNAVAILABLE = 4;
    public static final int EXIT_ERROR = 5;
    /** SIGINT (Ctrl-C): {@link ExitStatus#INTERRUPTED}. */
    public static final int EXIT_INTERRUPTED = 130;
    /** SIGTERM, as the JVM exits after the shutdown hook. */
    public static final int EXIT_SIGTERM = 143;

    /** The exit codes as {@code --help} lists them (picocli's {@code key:description}). */
    static final String EXIT_CODES_HEADING = "%nExit codes:%n";
    static final String EXIT_CODE_OK = "0:finished: the budget spent, converged, or stopped by a listener";
    static final String EXIT_CODE_ERROR = "1:an internal error (a bug; the stack trace follows)";
    static final String EXIT_CODE_BAD_INPUT = "2:bad input: one message naming the value; no run directory";
    static final String EXIT_CODE_DIVERGED = "3:the run diverged; its directory holds everything up to then";
    static final String EXIT_CODE_DATA_UNAVAILABLE = "4:the data set is missing and could not be (or, with --no-fetch, "
            + "was not) downloaded";
    static final String EXIT_CODE_OPTIMIZER_THREW = "5:the optimizer threw; partial results and an ERROR summary kept";

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: train, evaluate, predict, compare, study, check, fetch, list or completion");
    }

    public static void main(String[] args) {
        // Plots are drawn off-screen; never try to open a display.
        System.setProperty("java.awt.headless", "true");
        // ND4J logs its backend banner at INFO; keep the console for altmin's own output unless asked otherwise.
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, "warn");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also for running in-process, e.g. from tests). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AltminCli());
        commandLine.setExecutionExceptionHandler(AltminCli::handle);
        // A later flag wins (e.g. a wrapper script's defaults followed by the user's flags).
        commandLine.setOverwrittenOptionsAllowed(true);
        return commandLine;
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        PrintWriter err = commandLine.getErr();
        if (e instanceof InvalidParameterException) {
            err.println("altmin: invalid input: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (e instanceof DataUnavailableException) {
            err.println("altmin: data unavailable: " + e.getMessage());
            err.flush();
            return EXIT_DATA_UNAVAILABLE;
        }
        if (e instanceof java.io.UncheckedIOException io) {
            // A file system fault (a full disk, a vanished directory): one line, no stack trace.
            err.println("altmin: " + io.getMessage());
            err.flush();
            return EXIT_ERROR;
        }
        throw e;
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"altmin " + Provenance.version()};
        }
    }
}
