package io.hathor.reinit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --verbose and --log-dir, shared by every command; read by {@link LoggingExecutionStrategy}. */
public final class LoggingOptions {
    @Option(names = "--verbose", description = "Show DEBUG messages on the console (the log file always has them).")
    boolean verbose;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "logs",
            description = "Folder for the log, report, rejected and failed files (default: ${DEFAULT-VALUE}).")
    Path logDir;
}
