package io.hathor.reinit.db;

import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;

/**
 * What a load's compare-and-set expects of a wallet row, and what a withdrawn load puts back: the row's state as the
 * selection read it, without the keys and the columns no later decision reads.
 *
 * @param status the unified status
 * @param readyAt unix seconds or null
 * @param sides both sides' statuses on the shielded schema, or null on the legacy schema
 */
public record ClaimState(String walletId, WalletStatus status, int retryCount, Long readyAt, Sides sides) {

    /**
     * The two statuses of a shielded-schema row.
     *
     * @param ctStatus {@code ct_status}; null for 'none'
     */
    public record Sides(WalletStatus legacyStatus, WalletStatus ctStatus) {
        /** Only the shielded side needs a load: the legacy side is ready. */
        public boolean onlyShieldedSide() {
            return legacyStatus == WalletStatus.READY && ctStatus != null && ctStatus != WalletStatus.READY;
        }
    }

    public static ClaimState of(WalletRow row) {
        Sides sides = row.shielded() == null ? null
                : new Sides(row.shielded().legacyStatus(), row.shielded().ctStatus());
        return new ClaimState(row.id(), row.status(), row.retryCount(), row.readyAt(), sides);
    }
}
