package io.hathor.reinit.lambda;

/**
 * Observes the invoker as it goes, before a wallet's {@link InvokeOutcome} is final (that can take the whole retry
 * budget). A scheduler doing AIMD can halve its window on the first 429 instead of waiting. Called on the invoking
 * thread; must be quick and must not throw.
 */
public interface InvokeListener {
    InvokeListener NONE = new InvokeListener() {};

    /** A call got 429 TooManyRequestsException; {@code attempt} is 1-based. */
    default void onThrottled(int attempt) {}

    /** A call failed for a reason worth retrying and the invoker will pause, then retry. */
    default void onRetry(int attempt, String reason) {}
}
