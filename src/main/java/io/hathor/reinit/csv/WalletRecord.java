package io.hathor.reinit.csv;

import io.hathor.reinit.wallet.WalletStatus;

/** One wallet row from a file; null = NULL/absent. For an ids file only id and line are set. */
public record WalletRecord(long line, String id, String xpubkey, WalletStatus status, int maxGap, Long createdAt,
        Long readyAt, Integer retryCount, String authXpubkey, Integer lastUsedAddressIndex) {
    public boolean idOnly() {
        return xpubkey == null;
    }
}
