package io.hathor.reinit.csv;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.wallet.ExtendedPrivateKeyCheck;
import io.hathor.reinit.wallet.ExtendedPublicKey;
import io.hathor.reinit.wallet.InvalidKeyException;
import io.hathor.reinit.wallet.Masking;
import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.WalletId;
import io.hathor.reinit.wallet.WalletStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks one record against the {@code wallet} table's rules and turns it into a {@link WalletRecord}. Stateless
 * and thread-safe: every column is checked and every problem reported, so one pass shows all of them.
 */
final class RowValidator {
    static final int ACCOUNT_DEPTH = 3;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    /** MySQL HEX() output, or a 0x literal; base58 text never matches (it has no 0 and starts with a letter). */
    private static final Pattern HEX = Pattern.compile("(0[xX])?[0-9A-Fa-f]+");
    private static final long UINT_MAX = 4_294_967_295L;

    /** The record when valid (else null) and every problem found. */
    record Result(WalletRecord record, List<RowError> errors) {}

    private final String file;
    private final ColumnLayout layout;
    private final boolean headerNulls;

    /**
     * @param headerNulls header files (mysql --batch, spreadsheets) also write NULL as {@code NULL} or an empty field
     */
    RowValidator(String file, ColumnLayout layout, InputFormat format) {
        this.file = file;
        this.layout = layout;
        this.headerNulls = format == InputFormat.HEADER;
    }

    /** A record the tokenizer could not read. */
    Result unreadable(long line, String problem) {
        return new Result(null, List.of(new RowError(file, line, null, problem)));
    }

    Result validate(long line, String[] fields) {
        Checks c = new Checks(line, layout.get(fields, Column.ID));
        if (fields.length != layout.width()) {
            c.error(null, "has " + fields.length + " fields, expected " + layout.width());
            return new Result(null, c.errors);
        }
        String id = c.text(fields, Column.ID, true);
        if (layout.idOnly()) {
            if (id != null && !WalletId.isWellFormed(id)) {
                c.error(Column.ID, "is not a wallet id (64 lowercase hex characters)");
            }
            return c.errors.isEmpty() ? new Result(WalletRecord.idOnly(line, id), List.of()) : new Result(null, c.errors);
        }
        String xpub = c.text(fields, Column.XPUBKEY, true);
        String auth = c.text(fields, Column.AUTH_XPUBKEY, true);
        boolean xpubOk = xpub != null && c.xpub(Column.XPUBKEY, xpub, true);
        if (auth != null) {
            c.xpub(Column.AUTH_XPUBKEY, auth, false);
        }
        if (id != null && xpubOk) {
            String expected = WalletId.of(xpub);
            if (!expected.equals(id)) {
                c.error(Column.ID, "does not match the xpubkey " + Masking.xpub(xpub) + " (its wallet id starts with "
                        + expected.substring(0, 8) + ")");
            }
        } else if (id != null && id.length() <= Column.ID.maxLength() && !WalletId.isWellFormed(id)) {
            c.error(Column.ID, "is not a wallet id (64 lowercase hex characters)");
        }
        WalletStatus status = c.status(fields);
        Long maxGap = c.integer(fields, Column.MAX_GAP, 1, 1000);
        Long createdAt = c.integer(fields, Column.CREATED_AT, 0, UINT_MAX);
        Long readyAt = c.integer(fields, Column.READY_AT, 0, UINT_MAX);
        Long retryCount = c.integer(fields, Column.RETRY_COUNT, 0, 65_535);
        Long lastUsed = c.integer(fields, Column.LAST_USED_ADDRESS_INDEX, -1, Integer.MAX_VALUE);
        ShieldedKeys keys = c.keys(fields);
        if (!c.errors.isEmpty()) {
            return new Result(null, c.errors);
        }
        return new Result(new WalletRecord(line, id, xpub, status,
                maxGap == null ? WalletRecord.DEFAULT_MAX_GAP : maxGap.intValue(), createdAt, readyAt,
                retryCount == null ? null : retryCount.intValue(), auth,
                lastUsed == null ? null : lastUsed.intValue(), keys), List.of());
    }

    /** Collects the problems of one record. */
    private final class Checks {
        final long line;
        final String rawId;
        final List<RowError> errors = new ArrayList<>(2);

        Checks(long line, String rawId) {
            this.line = line;
            this.rawId = rawId;
        }

        void error(Column column, String reason) {
            errors.add(new RowError(file, line, column == null ? null : column.sqlName(), reason, rawId));
        }

        /** A NULL-able cell as a value: null when absent or NULL (and, in header files, {@code NULL} or empty). */
        String value(String[] fields, Column column) {
            String raw = layout.get(fields, column);
            if (raw != null && headerNulls && (raw.isEmpty() || raw.equals("NULL"))) {
                return null;
            }
            return raw;
        }

        String text(String[] fields, Column column, boolean required) {
            String raw = layout.get(fields, column);
            if (raw == null || raw.isEmpty() || headerNulls && raw.equals("NULL")) {
                if (required) {
                    error(column, raw == null ? (layout.has(column) ? "is NULL" : "is missing") : "is empty");
                }
                return null;
            }
            if (raw.length() > column.maxLength()) {
                error(column, "is " + raw.length() + " characters long, the column holds " + column.maxLength());
            }
            return raw;
        }

        boolean xpub(Column column, String value, boolean accountLevel) {
            if (value.length() > column.maxLength()) {
                return false;
            }
            try {
                ExtendedPublicKey key = ExtendedPublicKey.parse(value);
                if (accountLevel && key.depth() != ACCOUNT_DEPTH) {
                    error(column, "xpub at depth " + key.depth() + ", expected the account level (depth 3)");
                    return false;
                }
                return true;
            } catch (InvalidKeyException e) {
                error(column, "invalid xpub " + Masking.xpub(value) + ": " + e.getMessage());
                return false;
            }
        }

        /**
         * The shielded key columns: null when the file has none or both are NULL. scan_xpriv is read from
         * {@code scan_xpriv_hex} (hex), or from {@code scan_xpriv} as raw bytes or as MySQL's HEX() of them.
         */
        ShieldedKeys keys(String[] fields) {
            if (!layout.hasKeyColumns()) {
                return null;
            }
            Column scanColumn = layout.has(Column.SCAN_XPRIV_HEX) ? Column.SCAN_XPRIV_HEX : Column.SCAN_XPRIV;
            String scanText = value(fields, scanColumn);
            String spend = value(fields, Column.SPEND_XPUB);
            Long gap = integer(fields, Column.SHIELDED_MAX_GAP, 1, 1000);
            if (scanText == null && spend == null) {
                return null;
            }
            if (scanText == null) {
                error(scanColumn, "is NULL while spend_xpub is set");
                return null;
            }
            if (spend == null) {
                error(Column.SPEND_XPUB, "is NULL while " + scanColumn.sqlName() + " is set");
                return null;
            }
            byte[] scan = scanBytes(scanColumn, scanText);
            if (scan == null) {
                return null;
            }
            boolean ok = true;
            try {
                ExtendedPrivateKeyCheck.check(scan);
            } catch (InvalidKeyException e) {
                error(scanColumn, "is not an extended private key: " + e.getMessage());
                ok = false;
            }
            if (spend.startsWith("xprv") || spend.startsWith("tprv")) {
                error(Column.SPEND_XPUB, "is an extended private key, not the spend xpub (value not shown)");
                ok = false;
            } else if (spend.length() > Column.SPEND_XPUB.maxLength()) {
                error(Column.SPEND_XPUB, "is " + spend.length() + " characters long, the column holds "
                        + Column.SPEND_XPUB.maxLength());
                ok = false;
            } else {
                ok &= xpub(Column.SPEND_XPUB, spend, false);
            }
            return ok ? new ShieldedKeys(scan, spend, gap == null ? null : gap.intValue()) : null;
        }

        private byte[] scanBytes(Column column, String text) {
            boolean hex = HEX.matcher(text).matches() && text.length() % 2 == 0;
            if (column == Column.SCAN_XPRIV_HEX && !hex) {
                error(column, "is not an even number of hex digits");
                return null;
            }
            if (!hex) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
            return HexFormat.of().parseHex(digits);
        }

        WalletStatus status(String[] fields) {
            String raw = value(fields, Column.STATUS);
            if (raw == null) {
                return null;
            }
            WalletStatus status = WalletStatus.fromSql(raw);
            if (status == null) {
                error(Column.STATUS, "'" + shown(raw) + "' is not one of creating, ready, error");
            }
            return status;
        }

        Long integer(String[] fields, Column column, long min, long max) {
            String raw = value(fields, column);
            if (raw == null) {
                return null;
            }
            if (!INTEGER.matcher(raw).matches()) {
                error(column, "'" + shown(raw) + "' is not an integer");
                return null;
            }
            long v = Long.parseLong(raw);
            if (v < min || v > max) {
                error(column, v + " is out of range " + min + ".." + max);
                return null;
            }
            return v;
        }
    }

    /** A short, printable excerpt of a bad cell (huge or binary cells cut; a private key is never shown). */
    static String shown(String raw) {
        if (raw.startsWith("xprv") || raw.startsWith("tprv")) {
            return "(a private key, not shown)";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < raw.length() && sb.length() < 24; k++) {
            char ch = raw.charAt(k);
            sb.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        }
        return raw.length() > 24 ? sb + "…" : sb.toString();
    }
}
