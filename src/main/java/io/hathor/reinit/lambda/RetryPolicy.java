package io.hathor.reinit.lambda;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently one wallet's invoke is retried on throttling, 5xx and I/O errors: at most
 * {@code maxAttempts} calls, and before retry <i>n</i> (n = 1, 2, …) a pause drawn uniformly from
 * {@code [0, min(maxDelay, baseDelay · 2^(n-1))]} ("full jitter", so many wallets throttled together spread out).
 *
 * <p>The invoker runs this loop itself and switches the SDK's own retries off. Reasons: the bound must be per wallet
 * and exact (the SDK's standard and adaptive strategies share a client-wide token bucket, so under a long throttling
 * stretch they either fail fast without trying or, in adaptive mode, block the calling thread on a client-side rate
 * limiter the scheduler can't see); the scheduler needs to know how many 429s each wallet met to halve its window
 * (AIMD), which the SDK doesn't report; and a configuration failure must stop at the first answer, not after retries.
 *
 * @param maxAttempts calls per wallet, including the first (at least 1)
 * @param baseDelay cap of the first pause
 * @param maxDelay cap of any pause
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(20);

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is below baseDelay " + baseDelay);
        }
    }

    /** 6 attempts, 200 ms base, 20 s cap: about 6 s of waiting on average before a wallet is given up. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
    }

    /** Same delays, another bound. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay);
    }

    /** The largest pause before retry number {@code retry} (1-based): min(maxDelay, baseDelay · 2^(retry-1)). */
    public Duration delayCap(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based, was " + retry);
        }
        long baseNanos = baseDelay.toNanos();
        long maxNanos = maxDelay.toNanos();
        int shift = Math.min(retry - 1, 62);
        long cap = baseNanos > (maxNanos >> shift) ? maxNanos : baseNanos << shift;
        return Duration.ofNanos(Math.min(cap, maxNanos));
    }

    /** A full-jitter pause before retry number {@code retry}: uniform in [0, {@link #delayCap(int)}]. */
    public Duration delayBeforeRetry(int retry, RandomGenerator random) {
        long cap = delayCap(retry).toNanos();
        return cap == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(cap + 1));
    }
}
