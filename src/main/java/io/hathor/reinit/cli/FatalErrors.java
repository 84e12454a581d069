package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: an {@link Error} (out of memory, a broken installation) or an exception that escaped a
 * thread is one line on the console and exit 3; the stack trace goes to the log file only.
 */
public final class FatalErrors {
    private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

    private FatalErrors() {}

    /** Logs the trace, prints one line, and returns the exit code. */
    public static int report(Throwable t, PrintWriter err) {
        try {
            LOG.error("fatal error", t);
        } catch (Throwable ignored) {
            // logging itself failed (e.g. still out of memory): the console line below is what remains
        }
        err.println("reinit: fatal error: " + describe(t) + " (stack trace in " + Logging.currentLogFile() + ")");
        err.flush();
        return ExitStatus.ABORTED.code();
    }

    /** Any thread that dies of an uncaught throwable ends the process with one line and exit 3. */
    public static void installForThreads(PrintWriter err) {
        Thread.setDefaultUncaughtExceptionHandler((thread, t) -> {
            int code = report(t, err);
            Runtime.getRuntime().halt(code);
        });
    }

    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + t.getMessage() + "); give the JVM more heap, e.g. REINIT_JAVA_OPTS=-Xmx1g";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
