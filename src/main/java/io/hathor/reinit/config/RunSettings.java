package io.hathor.reinit.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one re-initialization run reads, sends and writes; the command line's values are validated where they are
 * built (the run's settings builder), this record only fills in defaults.
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
        format = format == null ? InputFormat.AUTO : format;
        schedule = schedule == null ? Schedule.WINDOW : schedule;
        loader = loader == null ? LoaderKind.LAMBDA : loader;
        order = order == null ? Order.HEAVIEST_FIRST : order;
        logDir = logDir == null ? Path.of("logs") : logDir;
    }
}
