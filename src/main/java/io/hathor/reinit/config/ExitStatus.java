package io.hathor.reinit.config;

/** The tool's exit codes, in one place. */
public enum ExitStatus {
    /** Every selected wallet is ready (or was already). */
    OK(0),
    /** Some wallets failed, or the input has invalid rows. */
    FAILED(1),
    /** Usage or configuration error: nothing was changed. */
    USAGE(2),
    /** The run stopped itself (circuit breaker, Ctrl+C, database gone); the report says why. */
    ABORTED(3);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
