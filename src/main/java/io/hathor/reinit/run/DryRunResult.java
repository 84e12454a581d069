package io.hathor.reinit.run;

import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.csv.ValidationSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a dry run found: enough to decide whether to start the real run and how long it would take.
 *
 * @param file the wallet file read
 * @param summary counts from the validation
 * @param firstErrors the first {@link DryRun#SHOWN_ERRORS} problems, in file order
 * @param errorCount all problems found
 * @param rejectedFile where every problem was written, or null when there were none
 * @param estimate expected duration of the real run
 * @param order the start order the real run would use
 * @param sizedWallets valid rows that give last_used_address_index (what heaviest-first sorts by)
 */
public record DryRunResult(Path file, ValidationSummary summary, List<RowError> firstErrors, long errorCount,
        Path rejectedFile, Estimate estimate, RunSettings.Order order, long sizedWallets) {

    public DryRunResult {
        firstErrors = List.copyOf(firstErrors);
    }

    /** How the real run would order its loads, in words. */
    public String orderDescription() {
        if (order == RunSettings.Order.FILE) {
            return "file (as the rows come)";
        }
        if (sizedWallets == 0) {
            return "heaviest-first, but no row gives last_used_address_index: file order";
        }
        return "heaviest-first (last_used_address_index + max_gap, known for " + sizedWallets + " of "
                + summary.valid() + " wallets)";
    }

    /** True when the real run would start without --skip-invalid: no problem at all. */
    public boolean allValid() {
        return errorCount == 0;
    }

    /**
     * Duration range of the real run: batches of {@code batchSize}, each 5–10 minutes as observed with the
     * reference script's batches of 50 (a batch's wallets load in parallel, so the time is per batch).
     */
    public record Estimate(long wallets, int batchSize, long batches, Duration min, Duration max) {
        static final Duration MIN_PER_BATCH = Duration.ofMinutes(5);
        static final Duration MAX_PER_BATCH = Duration.ofMinutes(10);

        static Estimate of(long wallets, int batchSize) {
            long batches = (wallets + batchSize - 1) / batchSize;
            return new Estimate(wallets, batchSize, batches, MIN_PER_BATCH.multipliedBy(batches),
                    MAX_PER_BATCH.multipliedBy(batches));
        }
    }
}
