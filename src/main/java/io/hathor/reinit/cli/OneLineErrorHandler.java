package io.hathor.reinit.cli;

import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Expected failures print one line; every trace goes to the log file only. */
final class OneLineErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof ReinitException || ex instanceof CommandLine.ParameterException) {
            LOG.debug("stopped: {}", ex.getMessage(), ex);
            cmd.getErr().println("reinit: " + ex.getMessage());
        } else {
            LOG.error("unexpected failure", ex);
            // A database failure is named by the driver's exception it carries.
            Throwable shown = ex instanceof DatabaseException && ex.getCause() != null ? ex.getCause() : ex;
            cmd.getErr().println("reinit: unexpected failure: " + shown + " (stack trace in "
                    + Logging.currentLogFile() + ")");
        }
        return Cli.exitCodeOf(ex);
    }
}
