package io.hathor.reinit.loader;

/** One wallet to load: its id (sha256d of the xpub), the account-level xpub and the gap limit to scan with. */
public record LoadRequest(String walletId, String xpubkey, int maxGap) {
    @Override
    public String toString() {
        return "LoadRequest[walletId=" + walletId + ", xpubkey=" + io.hathor.reinit.wallet.Masking.xpub(xpubkey)
                + ", maxGap=" + maxGap + "]";
    }
}
