package io.hathor.reinit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one re-initialization run does, validated in one place.
 *
 * @param csv the wallet file (any export format, our failed file, or a list of ids)
 * @param format forced input format, or AUTO
 * @param batchSize wallets loading at once (window) or per batch (batch schedule)
 * @param pollingInterval time between two status polls
 * @param batchDelay pause between batches (batch schedule only)
 * @param timeout how long one wallet may stay {@code creating} after its own invocation
 * @param logDir folder for the run's files
 * @param reportJson extra copy of the JSON report, or null
 * @param skipInvalid proceed with the valid rows when some are invalid
 * @param maxRetries wallets whose retry_count reached this are not invoked (unless forceRetry)
 * @param forceRetry invoke even wallets at the retry cap
 * @param maxGapOverride maxGap sent instead of the row's max_gap, or null
 * @param schedule window or batch
 * @param retryChanged give a wallet that left {@code ready} during the run one more load
 * @param loader lambda or direct
 * @param order the order in which wallets start loading
 */
public record RunSettings(
        Path csv,
        InputFormat format,
        int batchSize,
        Duration pollingInterval,
        Duration batchDelay,
        Duration timeout,
        Path logDir,
        Path reportJson,
        boolean skipInvalid,
        int maxRetries,
        boolean forceRetry,
        Integer maxGapOverride,
        Schedule schedule,
        boolean retryChanged,
        LoaderKind loader,
        Order order) {

    /** How wallets are dispatched. */
    public enum Schedule {
        /** Keep up to batch-size wallets loading; start the next as soon as one ends. */
        WINDOW,
        /** The reference script: invoke a whole batch, wait for all, pause, repeat. */
        BATCH
    }

    /** Who performs the load. */
    public enum LoaderKind {
        LAMBDA,
        DIRECT
    }

    /** Which wallets start first. */
    public enum Order {
        /** Decreasing expected cost (last_used_address_index + max_gap from the file), file order among equals. */
        HEAVIEST_FIRST("heaviest-first"),
        /** The file's order. */
        FILE("file");

        private final String flag;

        Order(String flag) {
            this.flag = flag;
        }

        /** The value as written on the command line. */
        @Override
        public String toString() {
            return flag;
        }
    }

    public RunSettings {
        List<String> problems = new ArrayList<>();
        if (csv == null) {
            problems.add("--csv is required");
        }
        if (batchSize < 1) {
            problems.add("--batch-size must be at least 1 (got " + batchSize + ")");
        }
        requirePositive(problems, "--polling-interval", pollingInterval);
        requireNotNegative(problems, "--batch-delay", batchDelay);
        requirePositive(problems, "--timeout", timeout);
        if (maxRetries < 0) {
            problems.add("--max-retries must not be negative (got " + maxRetries + ")");
        }
        if (maxGapOverride != null && (maxGapOverride < 1 || maxGapOverride > 1000)) {
            problems.add("--max-gap must be between 1 and 1000 (got " + maxGapOverride + ")");
        }
        if (!problems.isEmpty()) {
            throw ReinitException.configuration(String.join("; ", problems));
        }
        format = format == null ? InputFormat.AUTO : format;
        schedule = schedule == null ? Schedule.WINDOW : schedule;
        loader = loader == null ? LoaderKind.LAMBDA : loader;
        order = order == null ? Order.HEAVIEST_FIRST : order;
        logDir = logDir == null ? Path.of("logs") : logDir;
    }

    static void requirePositive(List<String> problems, String flag, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            problems.add(flag + " must be a positive duration (got " + (d == null ? "nothing" : Durations.format(d)) + ")");
        }
    }

    static void requireNotNegative(List<String> problems, String flag, Duration d) {
        if (d == null || d.isNegative()) {
            problems.add(flag + " must not be negative");
        }
    }
}
