package io.hathor.reinit.wallet;

/** The one way an xpubkey is shown outside the failed-wallets file: first 8 and last 4 characters. */
public final class Masking {
    private Masking() {}

    public static String xpub(String xpubkey) {
        if (xpubkey == null) {
            return "null";
        }
        if (xpubkey.length() <= 12) {
            return "*".repeat(xpubkey.length());
        }
        return xpubkey.substring(0, 8) + "…" + xpubkey.substring(xpubkey.length() - 4);
    }
}
