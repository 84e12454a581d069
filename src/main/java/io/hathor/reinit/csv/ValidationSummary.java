package io.hathor.reinit.csv;

import io.hathor.reinit.config.InputFormat;
import java.util.Map;

/**
 * What one pass over a wallet file found.
 *
 * @param format the format read (detected or forced); AUTO when it could not be detected
 * @param rows data records read (header excluded)
 * @param valid rows delivered to the consumer, each id once
 * @param invalid rows with at least one error
 * @param duplicates repeats of an earlier row with identical content (skipped)
 * @param statusCounts valid rows per status ({@code creating}, {@code ready}, {@code error}, {@code none})
 * @param keyColumns whether the file has a shielded key column ({@code scan_xpriv} or {@code scan_xpriv_hex})
 * @param withKeys valid rows that carry shielded keys
 */
public record ValidationSummary(InputFormat format, long rows, long valid, long invalid, long duplicates,
        Map<String, Long> statusCounts, boolean keyColumns, long withKeys) {

    public ValidationSummary(InputFormat format, long rows, long valid, long invalid, long duplicates,
            Map<String, Long> statusCounts) {
        this(format, rows, valid, invalid, duplicates, statusCounts, false, 0);
    }

    public ValidationSummary {
        statusCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statusCounts));
    }
}
