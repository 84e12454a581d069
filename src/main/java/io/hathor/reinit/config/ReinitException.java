package io.hathor.reinit.config;

/** An expected failure: shown as one line on the console, the trace only in the log file. */
public class ReinitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitStatus status;

    public ReinitException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public ReinitException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }

    /** A setting is missing or wrong; exit 2 before anything is changed. */
    public static ReinitException configuration(String message) {
        return new ReinitException(ExitStatus.USAGE, message);
    }
}
