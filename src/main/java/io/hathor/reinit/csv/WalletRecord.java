package io.hathor.reinit.csv;

import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.WalletStatus;

/**
 * One wallet row from a file; null = NULL/absent. For an ids file only id and line are set.
 *
 * @param line physical line (1-based) where the record starts, so messages point at the file
 * @param keys the shielded key columns, or null when the file has none for this wallet
 */
public record WalletRecord(long line, String id, String xpubkey, WalletStatus status, int maxGap, Long createdAt,
        Long readyAt, Integer retryCount, String authXpubkey, Integer lastUsedAddressIndex, ShieldedKeys keys) {

    /** A row without shielded keys. */
    public WalletRecord(long line, String id, String xpubkey, WalletStatus status, int maxGap, Long createdAt,
            Long readyAt, Integer retryCount, String authXpubkey, Integer lastUsedAddressIndex) {
        this(line, id, xpubkey, status, maxGap, createdAt, readyAt, retryCount, authXpubkey, lastUsedAddressIndex,
                null);
    }

    /** max_gap when the file does not give one (the column's default). */
    public static final int DEFAULT_MAX_GAP = 20;

    /** A record from an ids list: selects a wallet that is already in the database. */
    public static WalletRecord idOnly(long line, String id) {
        return new WalletRecord(line, id, null, null, DEFAULT_MAX_GAP, null, null, null, null, null);
    }

    public boolean idOnly() {
        return xpubkey == null;
    }

    /** The same row at another line; used when a row is compared regardless of where it sits. */
    public WalletRecord atLine(long otherLine) {
        return new WalletRecord(otherLine, id, xpubkey, status, maxGap, createdAt, readyAt, retryCount, authXpubkey,
                lastUsedAddressIndex, keys);
    }

    /** The same row without its shielded keys. */
    public WalletRecord withoutKeys() {
        return new WalletRecord(line, id, xpubkey, status, maxGap, createdAt, readyAt, retryCount, authXpubkey,
                lastUsedAddressIndex, null);
    }

    /** Masks both xpubs: records end up in logs through toString. */
    @Override
    public String toString() {
        return "WalletRecord[line=" + line + ", id=" + id + ", xpubkey=" + io.hathor.reinit.wallet.Masking.xpub(xpubkey)
                + ", status=" + status + ", maxGap=" + maxGap + ", createdAt=" + createdAt + ", readyAt=" + readyAt
                + ", retryCount=" + retryCount + ", authXpubkey=" + io.hathor.reinit.wallet.Masking.xpub(authXpubkey)
                + ", lastUsedAddressIndex=" + lastUsedAddressIndex + (keys == null ? "" : ", " + keys) + "]";
    }
}
