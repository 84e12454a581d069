package io.hathor.reinit.run;

import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.csv.ValidationSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * The validated wallet file of a run.
 *
 * @param wallets valid rows, each id once, in file order (on disk, read back a chunk at a time)
 * @param errors the first {@link InputReader#SHOWN_ERRORS} invalid rows (all of them are in {@code rejectedFile})
 * @param errorCount every problem found
 * @param rejectedFile where the invalid rows were written, or null when there are none
 * @param sha256 of the bytes that were validated, recorded in the journal
 */
public record RunInput(Path file, ValidationSummary summary, ValidatedWallets wallets, List<RowError> errors,
        long errorCount, Path rejectedFile, String sha256) implements AutoCloseable {

    public boolean hasInvalidRows() {
        return summary.invalid() > 0;
    }

    /** Deletes the spill file of the valid rows. */
    @Override
    public void close() {
        wallets.close();
    }
}
