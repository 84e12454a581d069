package io.hathor.reinit.wallet;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A wallet's id: lowercase hex of sha256d over the UTF-8 bytes of its xpubkey string. */
public final class WalletId {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private WalletId() {}

    public static String of(String xpubkey) {
        return Hashes.hex(Hashes.sha256d(xpubkey.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean isWellFormed(String id) {
        return id != null && HEX64.matcher(id).matches();
    }
}
