package io.hathor.reinit.wallet;

/** What a run did for one wallet, as reported in {@code outcomes}. */
public enum Outcome {
    /** Loaded, or found ready after its load: status ready. */
    READY,
    /** The load ended with status error (or the wallet is at the retry cap and was left alone). */
    ERROR,
    /** Still {@code creating} after --timeout from its own invocation. */
    TIMEOUT,
    /** The invocation itself failed after bounded retries; the row was put back as it was. */
    INVOKE_FAILED,
    /** Already ready in the database: never invoked. */
    SKIPPED_READY,
    /** The database holds this id with a different xpubkey: never invoked. */
    CONFLICT;

    /** Outcomes that go to the failed-wallets file. */
    public boolean failed() {
        return this == ERROR || this == TIMEOUT || this == INVOKE_FAILED || this == CONFLICT;
    }
}
