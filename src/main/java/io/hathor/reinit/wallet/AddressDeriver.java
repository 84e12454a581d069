package io.hathor.reinit.wallet;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Derives a wallet's P2PKH addresses the way the wallet-service does: change chain 0 of the
 * account xpub, then child i, then base58check(version byte ‖ HASH160(compressed pubkey)).
 *
 * <p>Instances are immutable and thread-safe. When built with {@link #forXpub} the change-chain key is kept in raw
 * form and {@link #addresses} derives a whole range with one HMAC key schedule and one batched field inversion
 * (BouncyCastle {@code normalizeAll}); the result is identical to deriving each child through
 * {@link ExtendedPublicKey#child}.
 */
public final class AddressDeriver {
    private static final int XPUB_CHAIN_CODE_OFFSET = 13;
    private static final int XPUB_KEY_OFFSET = 45;

    private final ExtendedPublicKey changeChain;
    private final byte version;
    /** Raw change-chain key for the fast path; null when only an {@link ExtendedPublicKey} was given. */
    private final byte[] changeChainCode;
    private final byte[] changeCompressed;
    private final ECPoint changePoint;

    public AddressDeriver(ExtendedPublicKey accountKey, Network network) {
        this.changeChain = accountKey.child(0);
        this.version = network.p2pkhVersion();
        this.changeChainCode = null;
        this.changeCompressed = null;
        this.changePoint = null;
    }

    private AddressDeriver(ExtendedPublicKey accountKey, byte[] accountChainCode, byte[] accountCompressed, Network network) {
        this.changeChain = accountKey.child(0);
        this.version = network.p2pkhVersion();
        byte[] i = hmacSha512(mac(accountChainCode), accountCompressed, 0);
        ECPoint account = Secp256k1.decodeCompressed(accountCompressed);
        ECPoint point = Secp256k1.multiplyG(tweak(i, 0)).add(account).normalize();
        this.changeChainCode = Arrays.copyOfRange(i, 32, 64);
        this.changeCompressed = point.getEncoded(true);
        this.changePoint = point;
        if (!Arrays.equals(changeCompressed, changeChain.publicKey())) {
            throw new IllegalStateException("fast change-chain derivation disagrees with ExtendedPublicKey.child(0)");
        }
    }

    /** Parses (strictly, via {@link ExtendedPublicKey#parse}) and builds a deriver using the fast path. */
    public static AddressDeriver forXpub(String xpubkey, Network network) {
        ExtendedPublicKey account = ExtendedPublicKey.parse(xpubkey);
        byte[] payload = Base58.decodeChecked(xpubkey);
        byte[] chainCode = Arrays.copyOfRange(payload, XPUB_CHAIN_CODE_OFFSET, XPUB_CHAIN_CODE_OFFSET + 32);
        byte[] key = Arrays.copyOfRange(payload, XPUB_KEY_OFFSET, XPUB_KEY_OFFSET + 33);
        return new AddressDeriver(account, chainCode, key, network);
    }

    public String address(int index) {
        if (changePoint != null) {
            return addresses(index, 1)[0];
        }
        return encode(changeChain.child(index).publicKey());
    }

    /** Addresses for indices {@code from} … {@code from + count - 1}, in index order. */
    public String[] addresses(int from, int count) {
        if (from < 0 || count < 0 || (long) from + count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad address range from " + from + " count " + count);
        }
        String[] out = new String[count];
        if (changePoint == null) {
            for (int i = 0; i < count; i++) {
                out[i] = encode(changeChain.child(from + i).publicKey());
            }
            return out;
        }
        Mac mac = mac(changeChainCode);
        ECPoint[] points = new ECPoint[count];
        for (int k = 0; k < count; k++) {
            int index = from + k;
            byte[] i = hmacSha512(mac, changeCompressed, index);
            if (Secp256k1.atLeastN(i, 0)) {
                throw new IllegalStateException("invalid child " + index + " (IL >= n); BIP32 says skip it");
            }
            ECPoint child = Secp256k1.multiplyGPublic(i, 0).add(changePoint);
            if (child.isInfinity()) {
                throw new IllegalStateException("invalid child " + index + " (point at infinity)");
            }
            points[k] = child;
        }
        Secp256k1.CURVE.normalizeAll(points);
        for (int k = 0; k < count; k++) {
            out[k] = encode(points[k].getEncoded(true));
        }
        return out;
    }

    private String encode(byte[] compressedPublicKey) {
        byte[] hash = Hashes.hash160(compressedPublicKey);
        byte[] payload = new byte[21];
        payload[0] = version;
        System.arraycopy(hash, 0, payload, 1, 20);
        return Base58.encodeChecked(payload);
    }

    private static BigInteger tweak(byte[] i, int index) {
        BigInteger tweak = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
        if (tweak.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalStateException("invalid child " + index + " (IL >= n); BIP32 says skip it");
        }
        return tweak;
    }

    private static Mac mac(byte[] chainCode) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(chainCode, "HmacSHA512"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every JRE", e);
        }
    }

    private static byte[] hmacSha512(Mac mac, byte[] compressed, int index) {
        return mac.doFinal(ByteBuffer.allocate(37).put(compressed).putInt(index).array());
    }
}
