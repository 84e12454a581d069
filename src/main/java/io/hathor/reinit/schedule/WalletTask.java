package io.hathor.reinit.schedule;

import io.hathor.reinit.wallet.Masking;
import java.time.Instant;

/**
 * One wallet to load.
 *
 * @param invokedAt null to launch it; otherwise an earlier invocation (from the journal) that may still be running,
 *     so the wallet is only polled, with its timeout counted from that invocation
 */
public record WalletTask(String walletId, String xpubkey, int maxGap, Instant invokedAt) {
    public boolean adopted() {
        return invokedAt != null;
    }

    @Override
    public String toString() {
        return "WalletTask[" + walletId + ", " + Masking.xpub(xpubkey) + ", maxGap=" + maxGap + "]";
    }
}
