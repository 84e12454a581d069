package io.hathor.reinit.csv;

import io.hathor.reinit.wallet.Hashes;
import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.ShieldedState;
import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes wallet rows exactly as the documented {@code SELECT … INTO OUTFILE} export does: every non-NULL field in
 * double quotes, NULL as an unquoted {@code \N}, and MySQL's escapes ({@code \\}, {@code \"}, {@code \0}, and a
 * backslash before an embedded field separator or newline) — so that {@code LOAD DATA} and our reader both accept it.
 * The sha256 of the bytes is computed while writing; the file is readable by its owner only.
 */
public final class OutfileWriter implements Closeable {
    /** The export's column order (sql/export-wallets.sql). */
    public static final String[] COLUMNS = {"id", "xpubkey", "status", "max_gap", "created_at", "ready_at",
        "retry_count", "auth_xpubkey", "last_used_address_index"};

    /**
     * The shielded export's columns: the legacy ones (status = the legacy side), then ct_status, the scan key's bytes
     * in hex under {@code scan_xpriv_hex} (byte-safe whatever the BLOB holds), spend_xpub and shielded_max_gap.
     */
    public static final String[] SHIELDED_COLUMNS = {"id", "xpubkey", "status", "max_gap", "created_at", "ready_at",
        "retry_count", "auth_xpubkey", "last_used_address_index", "ct_status", "scan_xpriv_hex", "spend_xpub",
        "shielded_max_gap"};

    private final Path file;
    private final boolean shieldedColumns;
    private final MessageDigest digest;
    private final BufferedWriter out;
    private long rows;

    /** Opens {@code file}; with {@code header} a first line names the columns (the reader then sees a header file). */
    public OutfileWriter(Path file, boolean header) {
        this(file, header, false);
    }

    /** With {@code shieldedColumns} the file carries the shielded keys and always starts with a header line. */
    public OutfileWriter(Path file, boolean header, boolean shieldedColumns) {
        this.file = file;
        this.shieldedColumns = shieldedColumns;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
            this.out = new BufferedWriter(new OutputStreamWriter(
                    new DigestOutputStream(OwnerOnlyFiles.newOutputStream(file), digest), StandardCharsets.UTF_8),
                    1 << 16);
            if (header || shieldedColumns) {
                out.write(String.join(",", shieldedColumns ? SHIELDED_COLUMNS : COLUMNS));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(WalletRow row) {
        try {
            field(row.id());
            out.write(',');
            field(row.xpubkey());
            out.write(',');
            WalletStatus status = row.shielded() == null ? row.status() : row.shielded().legacyStatus();
            field(status == null ? null : status.sql());
            out.write(',');
            field(Integer.toString(row.maxGap()));
            out.write(',');
            field(Long.toString(row.createdAt()));
            out.write(',');
            field(row.readyAt() == null ? null : row.readyAt().toString());
            out.write(',');
            field(Integer.toString(row.retryCount()));
            out.write(',');
            field(row.authXpubkey());
            out.write(',');
            field(Integer.toString(row.lastUsedAddressIndex()));
            if (shieldedColumns) {
                writeShielded(row);
            }
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeShielded(WalletRow row) throws IOException {
        ShieldedState sides = row.shielded();
        ShieldedKeys keys = sides == null ? null : sides.keys();
        out.write(',');
        field(sides == null || sides.ctStatus() == null ? "none" : sides.ctStatus().sql());
        out.write(',');
        field(keys == null ? null : HexFormat.of().formatHex(keys.scanXpriv()));
        out.write(',');
        field(keys == null ? null : keys.spendXpub());
        out.write(',');
        field(keys == null || keys.shieldedMaxGap() == null ? null : keys.shieldedMaxGap().toString());
    }

    private void field(String value) throws IOException {
        if (value == null) {
            out.write("\\N");
            return;
        }
        out.write('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '"' -> out.write("\\\"");
                case '\0' -> out.write("\\0");
                case ',' -> out.write("\\,");
                case '\n' -> out.write("\\\n");
                default -> out.write(c);
            }
        }
        out.write('"');
    }

    public long rows() {
        return rows;
    }

    /** Hex sha256 of everything written; valid after {@link #close()}. */
    public String sha256() {
        return Hashes.hex(digest.digest());
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
