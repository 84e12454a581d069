package io.hathor.reinit.run;

import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * The validated wallet file of a run.
 *
 * @param records valid rows, each id once, in file order
 * @param errors every invalid row (all of them are also in {@code rejectedFile})
 * @param rejectedFile where the invalid rows were written, or null when there are none
 * @param sha256 of the file's bytes, recorded in the journal
 */
public record RunInput(Path file, ValidationSummary summary, List<WalletRecord> records, List<RowError> errors,
        Path rejectedFile, String sha256) {

    public boolean hasInvalidRows() {
        return summary.invalid() > 0;
    }
}
