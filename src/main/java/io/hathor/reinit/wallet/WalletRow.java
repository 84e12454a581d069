package io.hathor.reinit.wallet;

/**
 * The columns of a {@code wallet} row that this tool reads.
 *
 * @param status the unified status: on the shielded schema it combines status and ct_status (either side error →
 *     error, either side creating → creating, else ready; ct_status 'none' → status)
 * @param shielded both sides and the keys on the shielded schema; null on the legacy schema
 * @param readyAt unix seconds or null
 * @param createdAt unix seconds (INT UNSIGNED, so a long)
 */
public record WalletRow(
        String id,
        String xpubkey,
        WalletStatus status,
        int maxGap,
        long createdAt,
        Long readyAt,
        int retryCount,
        String authXpubkey,
        int lastUsedAddressIndex,
        ShieldedState shielded) {

    /** A row of the legacy schema. */
    public WalletRow(String id, String xpubkey, WalletStatus status, int maxGap, long createdAt, Long readyAt,
            int retryCount, String authXpubkey, int lastUsedAddressIndex) {
        this(id, xpubkey, status, maxGap, createdAt, readyAt, retryCount, authXpubkey, lastUsedAddressIndex, null);
    }

    /** The shielded keys, or null. */
    public ShieldedKeys keys() {
        return shielded == null ? null : shielded.keys();
    }

    @Override
    public String toString() {
        return "WalletRow[id=" + id + ", xpubkey=" + Masking.xpub(xpubkey) + ", status=" + status + ", retryCount="
                + retryCount + (shielded == null ? "" : ", legacyStatus=" + shielded.legacyStatus() + ", ctStatus="
                + shielded.ctStatus() + ", keys=" + (shielded.keys() != null)) + "]";
    }
}
