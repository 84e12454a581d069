package io.hathor.reinit.run;

import io.hathor.reinit.config.ReinitException;

/**
 * A run-wide failure in the middle of a run (configuration, database gone): keeps the failure's exit status and
 * carries the summary of what was done before it, so the report and the failed file are still written.
 */
public final class RunFailedException extends ReinitException {
    private static final long serialVersionUID = 1L;
    private final transient RunSummary summary;

    public RunFailedException(ReinitException cause, RunSummary summary) {
        super(cause.status(), cause.getMessage(), cause);
        this.summary = summary;
    }

    public RunSummary summary() {
        return summary;
    }
}
