package io.hathor.reinit.runbook;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.csv.WalletRecord;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the wallet ids of an export in chunks, so a large file never sits in memory. */
final class ExportIds {
    static final int CHUNK = 1000;

    /** Handles one chunk of ids. */
    @FunctionalInterface
    interface ChunkHandler {
        void handle(List<String> ids) throws SQLException;
    }

    /** Handles one chunk of records (each with an id). */
    @FunctionalInterface
    interface RecordChunkHandler {
        void handle(List<WalletRecord> records) throws SQLException;
    }

    /** Result of a pass: the validation summary (valid, invalid rows …). */
    private ExportIds() {}

    static ValidationSummary forEachChunk(Path file, ChunkHandler handler) throws SQLException {
        return forEachRecordChunk(file, records -> handler.handle(records.stream().map(WalletRecord::id).toList()));
    }

    static ValidationSummary forEachRecordChunk(Path file, RecordChunkHandler handler) throws SQLException {
        List<WalletRecord> chunk = new ArrayList<>(CHUNK);
        try {
            ValidationSummary summary = WalletFileValidator.validate(file, InputFormat.AUTO, record -> {
                if (record.id() == null) {
                    return;
                }
                chunk.add(record);
                if (chunk.size() == CHUNK) {
                    flush(chunk, handler);
                }
            }, error -> {});
            flush(chunk, handler);
            return summary;
        } catch (Unchecked e) {
            throw e.getCause();
        }
    }

    private static void flush(List<WalletRecord> chunk, RecordChunkHandler handler) {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            handler.handle(List.copyOf(chunk));
        } catch (SQLException e) {
            throw new Unchecked(e);
        }
        chunk.clear();
    }

    private static final class Unchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unchecked(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
