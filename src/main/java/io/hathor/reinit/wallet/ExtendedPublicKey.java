package io.hathor.reinit.wallet;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A BIP32 extended public key ("xpub", version 0488b21e), validated strictly: base58check, a 78-byte payload and a
 * compressed point on secp256k1. Derives non-hardened children (CKDpub).
 */
public final class ExtendedPublicKey {
    private static final int XPUB_VERSION = 0x0488B21E;
    private static final int XPRV_VERSION = 0x0488ADE4;
    private static final int PAYLOAD_LENGTH = 78;

    private final int depth;
    private final byte[] chainCode;
    private final byte[] compressed;
    /** Decompressed on first use: validation only needs the (much cheaper) on-curve check of parse. */
    private volatile ECPoint point;

    private ExtendedPublicKey(int depth, byte[] chainCode, ECPoint point) {
        this.depth = depth;
        this.chainCode = chainCode;
        this.point = point.normalize();
        this.compressed = this.point.getEncoded(true);
    }

    /** {@code compressed} is a checked, canonical encoding: the one {@code decodeCompressed(compressed)} encodes to. */
    private ExtendedPublicKey(int depth, byte[] chainCode, byte[] compressed) {
        this.depth = depth;
        this.chainCode = chainCode;
        this.compressed = compressed;
    }

    private ECPoint point() {
        ECPoint p = point;
        if (p == null) {
            p = Secp256k1.decodeCompressed(compressed);
            point = p;
        }
        return p;
    }

    /** Parses and validates; the exception message is the reason, without key material. */
    public static ExtendedPublicKey parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidKeyException("empty value");
        }
        if (!text.equals(text.strip())) {
            throw new InvalidKeyException(text.endsWith("\r") ? "trailing carriage return" : "leading or trailing whitespace");
        }
        byte[] payload = Base58.decodeChecked(text);
        if (payload.length != PAYLOAD_LENGTH) {
            throw new InvalidKeyException("decoded payload is " + payload.length + " bytes, expected 78");
        }
        ByteBuffer buf = ByteBuffer.wrap(payload);
        int version = buf.getInt();
        if (version == XPRV_VERSION) {
            throw new InvalidKeyException("extended private key (xprv), not a public key");
        }
        if (version != XPUB_VERSION) {
            throw new InvalidKeyException(String.format("wrong version bytes %08x, expected 0488b21e (xpub)", version));
        }
        int depth = buf.get() & 0xff;
        buf.position(buf.position() + 8); // parent fingerprint and child number are not needed
        byte[] chainCode = new byte[32];
        buf.get(chainCode);
        byte[] key = new byte[33];
        buf.get(key);
        if (key[0] == 0x00) {
            throw new InvalidKeyException("key data starts with 0x00 (private key marker) under an xpub version");
        }
        Secp256k1.checkCompressed(key);
        return new ExtendedPublicKey(depth, chainCode, key);
    }

    public int depth() {
        return depth;
    }

    /** The 33-byte compressed public key. */
    public byte[] publicKey() {
        return compressed.clone();
    }

    /** CKDpub: non-hardened child {@code index}. */
    public ExtendedPublicKey child(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("hardened or negative index " + index + " cannot be derived from a public key");
        }
        byte[] i = hmacSha512(chainCode, ByteBuffer.allocate(37).put(compressed).putInt(index).array());
        BigInteger tweak = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
        if (tweak.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalStateException("invalid child " + index + " (IL >= n); BIP32 says skip it");
        }
        ECPoint childPoint = Secp256k1.multiplyG(tweak).add(point());
        if (childPoint.isInfinity()) {
            throw new IllegalStateException("invalid child " + index + " (point at infinity)");
        }
        return new ExtendedPublicKey(depth + 1, Arrays.copyOfRange(i, 32, 64), childPoint);
    }

    private static byte[] hmacSha512(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every JRE", e);
        }
    }
}
