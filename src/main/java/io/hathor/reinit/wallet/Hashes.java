package io.hathor.reinit.wallet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * The hashes the wallet-service uses: sha256d for ids and checksums, hash160 for addresses. Each thread keeps its
 * own digest objects (address derivation hashes three times per address; a digest lookup costs as much as a hash).
 */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newSha256);
    private static final ThreadLocal<RIPEMD160Digest> RIPEMD160 = ThreadLocal.withInitial(RIPEMD160Digest::new);

    private Hashes() {}

    public static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    public static byte[] sha256d(byte[] data) {
        MessageDigest sha = SHA256.get();
        return sha.digest(sha.digest(data));
    }

    public static byte[] hash160(byte[] data) {
        byte[] sha = sha256(data);
        RIPEMD160Digest ripemd = RIPEMD160.get();
        ripemd.update(sha, 0, sha.length);
        byte[] out = new byte[20];
        ripemd.doFinal(out, 0);
        return out;
    }

    public static String hex(byte[] data) {
        return HEX.formatHex(data);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
