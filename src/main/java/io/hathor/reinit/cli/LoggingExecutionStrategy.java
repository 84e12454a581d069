package io.hathor.reinit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Opens the run's log file (from the options of the command being run) before the command executes. */
final class LoggingExecutionStrategy implements CommandLine.IExecutionStrategy {
    @Override
    public int execute(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        boolean helpOnly = leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()
                || parseResult.isUsageHelpRequested() || parseResult.isVersionHelpRequested();
        if (!helpOnly) {
            Path logDir = Path.of(optionOr(leaf, "--log-dir", optionOr(parseResult, "--log-dir", "logs")));
            boolean verbose = Boolean.TRUE.equals(leaf.matchedOptionValue("--verbose", Boolean.FALSE))
                    || Boolean.TRUE.equals(parseResult.matchedOptionValue("--verbose", Boolean.FALSE));
            try {
                Files.createDirectories(logDir);
                Logging.start(logDir, verbose);
            } catch (Exception e) {
                leaf.commandSpec().commandLine().getErr().println("reinit: cannot write logs to " + logDir + ": " + e.getMessage());
                return io.hathor.reinit.config.ExitStatus.USAGE.code();
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static String optionOr(CommandLine.ParseResult result, String name, String fallback) {
        Object value = result.matchedOptionValue(name, null);
        return value == null ? fallback : value.toString();
    }
}
