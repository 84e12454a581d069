package io.hathor.reinit.wallet;

/**
 * Derives a wallet's P2PKH addresses the way the wallet-service does (fact sheet §4.1): change chain 0 of the
 * account xpub, then child i, then base58check(version byte ‖ HASH160(compressed pubkey)).
 */
public final class AddressDeriver {
    private final ExtendedPublicKey changeChain;
    private final byte version;

    public AddressDeriver(ExtendedPublicKey accountKey, Network network) {
        this.changeChain = accountKey.child(0);
        this.version = network.p2pkhVersion();
    }

    public static AddressDeriver forXpub(String xpubkey, Network network) {
        return new AddressDeriver(ExtendedPublicKey.parse(xpubkey), network);
    }

    public String address(int index) {
        byte[] hash = Hashes.hash160(changeChain.child(index).publicKey());
        byte[] payload = new byte[21];
        payload[0] = version;
        System.arraycopy(hash, 0, payload, 1, 20);
        return Base58.encodeChecked(payload);
    }

    /** Addresses for indices {@code from} … {@code from + count - 1}, in index order. */
    public String[] addresses(int from, int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = address(from + i);
        }
        return out;
    }
}
