package io.hathor.reinit.wallet;

import java.util.Arrays;
import java.util.Objects;

/**
 * A wallet's shielded keys as the {@code wallet} row holds them. {@code scanXpriv} is a private key: it is compared
 * and copied, never shown ({@link #toString()} leaves it out).
 *
 * @param scanXpriv the raw {@code scan_xpriv} BLOB (the UTF-8 bytes of a base58 extended private key)
 * @param spendXpub {@code spend_xpub}
 * @param shieldedMaxGap {@code shielded_max_gap}, or null
 */
public record ShieldedKeys(byte[] scanXpriv, String spendXpub, Integer shieldedMaxGap) {
    /** The column's default. */
    public static final int DEFAULT_SHIELDED_MAX_GAP = 20;

    public ShieldedKeys {
        Objects.requireNonNull(scanXpriv, "scanXpriv");
        scanXpriv = scanXpriv.clone();
    }

    @Override
    public byte[] scanXpriv() {
        return scanXpriv.clone();
    }

    /** Whether both rows hold the same keys (byte for byte); a missing shielded_max_gap means the default. */
    public boolean sameKeys(ShieldedKeys other) {
        return other != null && Arrays.equals(scanXpriv, other.scanXpriv) && Objects.equals(spendXpub, other.spendXpub);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShieldedKeys k && sameKeys(k) && Objects.equals(shieldedMaxGap, k.shieldedMaxGap);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(scanXpriv) + Objects.hashCode(spendXpub)) + Objects.hashCode(shieldedMaxGap);
    }

    @Override
    public String toString() {
        return "ShieldedKeys[scanXpriv=(secret, " + scanXpriv.length + " bytes), spendXpub=" + Masking.xpub(spendXpub)
                + ", shieldedMaxGap=" + shieldedMaxGap + "]";
    }
}
