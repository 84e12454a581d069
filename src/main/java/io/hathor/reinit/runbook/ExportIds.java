package io.hathor.reinit.runbook;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.csv.WalletRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the wallet ids of an export in chunks, so a large file never sits in memory. */
final class ExportIds {
    static final int CHUNK = 1000;

    /** Handles one chunk of ids. */
    @FunctionalInterface
    interface ChunkHandler {
        void handle(List<String> ids);
    }

    /** Handles one chunk of records (each with an id). */
    @FunctionalInterface
    interface RecordChunkHandler {
        void handle(List<WalletRecord> records);
    }

    /** Result of a pass: the validation summary (valid, invalid rows …). */
    private ExportIds() {}

    static ValidationSummary forEachChunk(Path file, ChunkHandler handler) {
        return forEachRecordChunk(file, records -> handler.handle(records.stream().map(WalletRecord::id).toList()));
    }

    static ValidationSummary forEachRecordChunk(Path file, RecordChunkHandler handler) {
        List<WalletRecord> chunk = new ArrayList<>(CHUNK);
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
    }

    private static void flush(List<WalletRecord> chunk, RecordChunkHandler handler) {
        if (chunk.isEmpty()) {
            return;
        }
        handler.handle(List.copyOf(chunk));
        chunk.clear();
    }
}
