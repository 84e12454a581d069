package io.hathor.reinit.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a call is retried: at most {@code maxAttempts} calls, and before retry <i>n</i>
 * (n = 1, 2, …) a pause drawn uniformly from {@code [0, min(maxDelay, baseDelay · 2^(n-1))]} ("full jitter", so
 * many callers failing together spread out). Which failures are worth a retry, and any deadline over several calls,
 * are the caller's: the invoker retries throttling, 5xx and I/O errors; the database retries a lost connection or a
 * deadlock until its outage deadline; the loader retries a transaction on a deadlock or lock-wait timeout.
 *
 * @param maxAttempts calls, including the first (at least 1; {@link Integer#MAX_VALUE} for "until a deadline")
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

    /** 6 attempts, 200 ms base, 20 s cap: about 6 s of waiting on average before a wallet's invoke is given up. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
    }

    /** Retries without a bound on their number: the caller stops at its own deadline. */
    public static RetryPolicy untilDeadline(Duration baseDelay, Duration maxDelay) {
        return new RetryPolicy(Integer.MAX_VALUE, baseDelay, maxDelay);
    }

    /** Retries at once, without a pause. */
    public static RetryPolicy immediate(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ZERO, Duration.ZERO);
    }

    /** Same delays, another bound. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay);
    }

    /** True when the call that has just failed as attempt number {@code attempt} (1-based) may be tried again. */
    public boolean allowsRetryAfter(int attempt) {
        return attempt < maxAttempts;
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
        return jitter(delayCap(retry), random);
    }

    /** A full-jitter pause before retry number {@code retry}, capped further by {@code limit}. */
    public Duration delayBeforeRetry(int retry, Duration limit, RandomGenerator random) {
        Duration cap = delayCap(retry);
        return jitter(limit.compareTo(cap) < 0 ? limit : cap, random);
    }

    private static Duration jitter(Duration cap, RandomGenerator random) {
        long nanos = cap.toNanos();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(nanos + 1));
    }
}
