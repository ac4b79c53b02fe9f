package org.altmin.experiments.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code altmin} in-process with captured output. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {}

    private CliRunner() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = AltminCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
