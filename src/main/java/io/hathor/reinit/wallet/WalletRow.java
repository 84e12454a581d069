package io.hathor.reinit.wallet;

/**
 * The columns of a {@code wallet} row that this tool reads.
 *
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
        int lastUsedAddressIndex) {

    @Override
    public String toString() {
        return "WalletRow[id=" + id + ", xpubkey=" + Masking.xpub(xpubkey) + ", status=" + status + ", retryCount="
                + retryCount + "]";
    }
}
