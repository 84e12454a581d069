package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command line with the one exit-code mapping and the one error handler. */
public final class Cli {
    private Cli() {}

    /** Runs the command; an Error ends with one line and exit 3 instead of a stack trace. */
    public static int execute(String... args) {
        PrintWriter err = new PrintWriter(System.err, true);
        FatalErrors.installForThreads(err);
        try {
            return newCommandLine(new PrintWriter(System.out, true), err).execute(args);
        } catch (Error e) {
            return FatalErrors.report(e, err);
        }
    }

    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new ReinitCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOverwrittenOptionsAllowed(true);
        cmd.setExecutionStrategy(new LoggingExecutionStrategy());
        cmd.setExecutionExceptionHandler(new OneLineErrorHandler());
        cmd.setExitCodeExceptionMapper(Cli::exitCodeOf);
        cmd.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("reinit: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.USAGE.code();
        });
        return cmd;
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof ReinitException e) {
            return e.status().code();
        }
        if (t instanceof CommandLine.ParameterException) {
            return ExitStatus.USAGE.code();
        }
        return ExitStatus.USAGE.code();
    }
}
