package io.hathor.reinit.wallet;

/**
 * The two sides of a wallet row on the shielded schema.
 *
 * @param legacyStatus {@code status}
 * @param ctStatus {@code ct_status}; null for 'none' (the wallet has no shielded keys)
 * @param keys the key columns, or null when {@code scan_xpriv} is NULL
 */
public record ShieldedState(WalletStatus legacyStatus, WalletStatus ctStatus, ShieldedKeys keys) {
    /** Only the shielded side needs a load: the legacy side is ready. */
    public boolean onlyShieldedSide() {
        return legacyStatus == WalletStatus.READY && ctStatus != null && ctStatus != WalletStatus.READY;
    }
}
