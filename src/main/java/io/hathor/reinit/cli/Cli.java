package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
        useEnvironment(cmd, Environment.current());
        cmd.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("reinit: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.USAGE.code();
        });
        return cmd;
    }

    /** Key of the help section that lists the variables in effect. */
    static final String SECTION_KEY_ENVIRONMENT = "environmentInEffect";

    /**
     * Makes {@link Environment} the default-value provider of every command, and lists the variables in effect (value
     * and source, never a password) in the help of each command that reads them.
     */
    static void useEnvironment(CommandLine cmd, Environment env) {
        cmd.setDefaultValueProvider(env);
        addEnvironmentSection(cmd, env);
    }

    private static void addEnvironmentSection(CommandLine cmd, Environment env) {
        boolean readsVariables = cmd.getCommandSpec().mixins().values().stream().map(m -> m.userObject())
                .anyMatch(o -> o instanceof DatabaseOptions || o instanceof LambdaOptions);
        if (readsVariables && !cmd.getHelpSectionKeys().contains(SECTION_KEY_ENVIRONMENT)) {
            List<String> keys = new ArrayList<>(cmd.getHelpSectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING),
                    SECTION_KEY_ENVIRONMENT);
            cmd.setHelpSectionKeys(keys);
        }
        if (readsVariables) {
            cmd.getHelpSectionMap().put(SECTION_KEY_ENVIRONMENT, help -> String.format("%nValues in effect"
                    + " (environment over ./.env over defaults; flags override them):%n") + env.describe());
        }
        cmd.getSubcommands().values().forEach(sub -> addEnvironmentSection(sub, env));
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
