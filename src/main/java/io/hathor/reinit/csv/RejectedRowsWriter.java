package io.hathor.reinit.csv;

import io.hathor.reinit.wallet.Masking;
import io.hathor.reinit.wallet.WalletId;
import java.io.Closeable;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code logs/rejected_<stamp>.csv}: every input problem as line, column, reason and the raw id. Reasons hold masked
 * xpubs only, and an id cell that is not a wallet id is masked too (it may be a key from a shifted column).
 * Throws {@link java.io.UncheckedIOException} when the file cannot be written.
 */
public final class RejectedRowsWriter implements Closeable {
    private final Path file;
    private final CSVPrinter printer;

    public RejectedRowsWriter(Path file) {
        this.file = file;
        this.printer = CsvCells.open(file, "line", "column", "reason", "id");
    }

    public void write(RowError e) {
        CsvCells.print(printer, file, e.line(), e.column() == null ? "" : e.column(), e.reason(), shownId(e.id()));
    }

    public Path file() {
        return file;
    }

    /** The id as read when it is a wallet id; anything else masked. */
    static String shownId(String raw) {
        if (raw == null || WalletId.isWellFormed(raw)) {
            return raw;
        }
        return Masking.xpub(raw);
    }

    @Override
    public void close() {
        CsvCells.close(printer, file);
    }
}
