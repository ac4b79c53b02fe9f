package org.altmin.experiments.cli;

import java.io.PrintWriter;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.data.DataUnavailableException;
import org.altmin.experiments.run.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code altmin} command: {@code altmin train ...} and {@code altmin fetch ...}. Bad input ends with the
 * {@link InvalidParameterException} message and exit code {@value #EXIT_BAD_INPUT}, never a stack trace.
 */
@Command(name = "altmin", mixinStandardHelpOptions = true, versionProvider = AltminCli.Version.class,
        description = "Train fully-connected networks by alternating minimization (DLAM) and SGD-family baselines.",
        subcommands = {TrainCommand.class, FetchCommand.class, CommandLine.HelpCommand.class})
public final class AltminCli implements Runnable {
    /** Exit codes. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_DIVERGED = 3;
    public static final int EXIT_DATA_UNAVAILABLE = 4;
    public static final int EXIT_ERROR = 5;

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train or fetch");
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
