package io.hathor.reinit.lambda;

/**
 * What became of one wallet's invoke.
 *
 * @param accepted true when AWS answered StatusCode 202 (the event is queued; nothing says it will succeed)
 * @param attempts calls made, 1 … {@link io.hathor.reinit.retry.RetryPolicy#maxAttempts()}
 * @param throttled how many of those calls got 429 TooManyRequestsException; a scheduler doing AIMD halves its
 *     window when this is above 0
 * @param failureReason one line, without the xpub or any secret; null when accepted
 */
public record InvokeOutcome(boolean accepted, int attempts, int throttled, String failureReason) {

    public InvokeOutcome {
        if (accepted && failureReason != null) {
            throw new IllegalArgumentException("an accepted invoke has no failure reason");
        }
        if (!accepted && (failureReason == null || failureReason.isBlank())) {
            throw new IllegalArgumentException("a failed invoke needs a reason");
        }
    }

    public static InvokeOutcome accepted(int attempts, int throttled) {
        return new InvokeOutcome(true, attempts, throttled, null);
    }

    public static InvokeOutcome failed(int attempts, int throttled, String reason) {
        return new InvokeOutcome(false, attempts, throttled, reason);
    }
}
