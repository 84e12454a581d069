package io.hathor.reinit.csv;

import java.util.List;
import java.util.Locale;

/** The columns of the wallet-service {@code wallet} table, in the table's own order. */
enum Column {
    ID("id", 64),
    XPUBKEY("xpubkey", 120),
    STATUS("status", 0),
    MAX_GAP("max_gap", 0),
    CREATED_AT("created_at", 0),
    READY_AT("ready_at", 0),
    RETRY_COUNT("retry_count", 0),
    AUTH_XPUBKEY("auth_xpubkey", 120),
    LAST_USED_ADDRESS_INDEX("last_used_address_index", 0);

    /** Column order of the table; headerless exports use it. */
    static final List<Column> STANDARD_ORDER = List.of(values());

    private final String sqlName;
    private final int maxLength;

    Column(String sqlName, int maxLength) {
        this.sqlName = sqlName;
        this.maxLength = maxLength;
    }

    String sqlName() {
        return sqlName;
    }

    /** VARCHAR length, or 0 for columns whose length follows from their type. */
    int maxLength() {
        return maxLength;
    }

    /** The column a header cell names (case-insensitive, quotes, backticks and spaces ignored), or null. */
    static Column byName(String cell) {
        if (cell == null) {
            return null;
        }
        String name = cell.strip().replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
        for (Column c : values()) {
            if (c.sqlName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
