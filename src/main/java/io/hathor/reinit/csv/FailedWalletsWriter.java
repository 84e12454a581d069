package io.hathor.reinit.csv;

import java.io.Closeable;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;

/**
 * Our failed-wallets file: header id,xpubkey,status,max_gap,created_at,ready_at,retry_count,auth_xpubkey,
 * last_used_address_index,reason; full xpubkeys because {@code --csv} must accept it for a retry; NULL as \N.
 * Throws {@link java.io.UncheckedIOException} when the file cannot be written.
 */
public final class FailedWalletsWriter implements Closeable {
    private final Path file;
    private final CSVPrinter printer;

    public FailedWalletsWriter(Path file) {
        this.file = file;
        this.printer = CsvCells.open(file, "id", "xpubkey", "status", "max_gap", "created_at", "ready_at",
                "retry_count", "auth_xpubkey", "last_used_address_index", "reason");
    }

    public void write(WalletRecord r, String reason) {
        CsvCells.print(printer, file, r.id(), r.xpubkey(), r.status() == null ? null : r.status().sql(),
                r.maxGap(), r.createdAt(), r.readyAt(), r.retryCount(), r.authXpubkey(), r.lastUsedAddressIndex(),
                reason);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        CsvCells.close(printer, file);
    }
}
