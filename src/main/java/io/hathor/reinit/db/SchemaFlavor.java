package io.hathor.reinit.db;

/**
 * Which wallet-service schema the database carries: {@code LEGACY} = migrations up to
 * 20260123000000; {@code SHIELDED} = plus the 20260512… shielded migrations ({@code wallet.ct_status},
 * {@code address.bip32_account} and the shielded balance columns).
 */
public enum SchemaFlavor {
    LEGACY,
    SHIELDED
}
