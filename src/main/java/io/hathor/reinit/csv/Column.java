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
    LAST_USED_ADDRESS_INDEX("last_used_address_index", 0),
    /** BLOB: raw bytes (the UTF-8 of a base58 xpriv), or MySQL's HEX() of them. */
    SCAN_XPRIV("scan_xpriv", 0),
    SPEND_XPUB("spend_xpub", 120),
    SHIELDED_MAX_GAP("shielded_max_gap", 0),
    LAST_USED_SHIELDED_INDEX("last_used_shielded_index", 0),
    CT_STATUS("ct_status", 0),
    /** Our own export's byte-safe form of scan_xpriv: the BLOB's bytes in hex. */
    SCAN_XPRIV_HEX("scan_xpriv_hex", 0);

    /** Column order of the legacy table; headerless exports use it. */
    static final List<Column> STANDARD_ORDER = List.of(ID, XPUBKEY, STATUS, MAX_GAP, CREATED_AT, READY_AT,
            RETRY_COUNT, AUTH_XPUBKEY, LAST_USED_ADDRESS_INDEX);

    /** Column order of the shielded table (the legacy columns, then those of migration 20260512100007). */
    static final List<Column> SHIELDED_ORDER = List.of(ID, XPUBKEY, STATUS, MAX_GAP, CREATED_AT, READY_AT,
            RETRY_COUNT, AUTH_XPUBKEY, LAST_USED_ADDRESS_INDEX, SCAN_XPRIV, SPEND_XPUB, SHIELDED_MAX_GAP,
            LAST_USED_SHIELDED_INDEX, CT_STATUS);

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
