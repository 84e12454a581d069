package io.hathor.reinit.wallet;

import java.util.Locale;

/** Hathor networks and their P2PKH version byte (wallet-lib {@code pubkeyhash}). */
public enum Network {
    MAINNET((byte) 0x28),
    TESTNET((byte) 0x49),
    PRIVATENET((byte) 0x49);

    private final byte p2pkhVersion;

    Network(byte p2pkhVersion) {
        this.p2pkhVersion = p2pkhVersion;
    }

    public byte p2pkhVersion() {
        return p2pkhVersion;
    }

    /** Accepts the wallet-service's NETWORK values (mainnet, testnet, privatenet), any case. */
    public static Network parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown network '" + name + "' (expected mainnet, testnet or privatenet)");
        }
    }
}
