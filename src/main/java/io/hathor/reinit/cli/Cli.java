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
        return configure(new CommandLine(new ReinitCommand()), out, err);
    }

    /** Gives {@code cmd} these streams, the log set-up, the error handlers and the exit-code mapping. */
    public static CommandLine configure(CommandLine cmd, PrintWriter out, PrintWriter err) {
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOverwrittenOptionsAllowed(true);
        cmd.setExecutionStrategy(new LoggingExecutionStrategy());
        cmd.setExecutionExceptionHandler(new OneLineErrorHandler());
        cmd.setExitCodeExceptionMapper(Cli::exitCodeOf);
        keepFootersUnwrapped(cmd);
        cmd.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("reinit: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.USAGE.code();
        });
        return cmd;
    }

    /**
     * Prints every command's footer (examples, exit codes) line by line as written: picocli would wrap them at the
     * usage width, also inside a file name. The lines are kept within 80 columns where they are declared.
     */
    private static void keepFootersUnwrapped(CommandLine cmd) {
        cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            String[] lines = help.commandSpec().usageMessage().footer();
            return lines.length == 0 ? "" : String.join(System.lineSeparator(), lines) + System.lineSeparator();
        });
        cmd.getSubcommands().values().forEach(Cli::keepFootersUnwrapped);
    }

    /**
     * The one mapping from a failure to the exit code: a {@link ReinitException} carries its status, a bad command
     * line is a usage error (2), anything else is unexpected and exits 3 (aborted), since it cannot promise that
     * nothing was changed.
     */
    static int exitCodeOf(Throwable t) {
        if (t instanceof ReinitException e) {
            return e.status().code();
        }
        if (t instanceof CommandLine.ParameterException) {
            return ExitStatus.USAGE.code();
        }
        return ExitStatus.ABORTED.code();
    }
}
