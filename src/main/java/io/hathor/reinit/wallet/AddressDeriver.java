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
 * form and {@link #addresses} derives a whole range with one HMAC key schedule, the allocation-free
 * {@link GeneratorTable} for IL·G + K, and one batched field inversion for the range; the result is identical to
 * deriving each child through {@link ExtendedPublicKey#child} (the tests compare both).
 */
public final class AddressDeriver {
    private static final int XPUB_CHAIN_CODE_OFFSET = 13;
    private static final int XPUB_KEY_OFFSET = 45;

    /** The reference path; null on the fast path. */
    private final ExtendedPublicKey changeChain;
    private final byte version;
    /** Raw change-chain key for the fast path; null when only an {@link ExtendedPublicKey} was given. */
    private final byte[] changeChainCode;
    private final byte[] changeCompressed;
    private final ECPoint changePoint;
    private final int[] changeX;
    private final int[] changeY;

    public AddressDeriver(ExtendedPublicKey accountKey, Network network) {
        this.changeChain = accountKey.child(0);
        this.version = network.p2pkhVersion();
        this.changeChainCode = null;
        this.changeCompressed = null;
        this.changePoint = null;
        this.changeX = null;
        this.changeY = null;
    }

    private AddressDeriver(byte[] accountChainCode, byte[] accountCompressed, Network network) {
        this.changeChain = null;
        this.version = network.p2pkhVersion();
        byte[] i = hmacSha512(mac(accountChainCode), accountCompressed, 0);
        if (Secp256k1.atLeastN(i, 0)) {
            throw new IllegalStateException("invalid change chain (IL >= n); BIP32 says skip it");
        }
        ECPoint account = Secp256k1.decodeCompressed(accountCompressed);
        GeneratorTable.Work work = new GeneratorTable.Work();
        if (GeneratorTable.multiplyAdd(i, 0, GeneratorTable.affineX(account), GeneratorTable.affineY(account), work)) {
            int[][] affine = Jacobian.toAffine(work.x, work.y, work.z);
            this.changeX = affine[0];
            this.changeY = affine[1];
            this.changePoint = Secp256k1.CURVE.createPoint(new BigInteger(1, Jacobian.bigEndian(changeX)),
                    new BigInteger(1, Jacobian.bigEndian(changeY)));
        } else {
            ECPoint point = Secp256k1.multiplyG(new BigInteger(1, Arrays.copyOfRange(i, 0, 32))).add(account).normalize();
            if (point.isInfinity()) {
                throw new IllegalStateException("invalid change chain (point at infinity)");
            }
            this.changePoint = point;
            this.changeX = GeneratorTable.affineX(point);
            this.changeY = GeneratorTable.affineY(point);
        }
        this.changeChainCode = Arrays.copyOfRange(i, 32, 64);
        this.changeCompressed = changePoint.getEncoded(true);
    }

    /** Parses (strictly, via {@link ExtendedPublicKey#parse}) and builds a deriver using the fast path. */
    public static AddressDeriver forXpub(String xpubkey, Network network) {
        ExtendedPublicKey.parse(xpubkey);
        byte[] payload = Base58.decodeChecked(xpubkey);
        byte[] chainCode = Arrays.copyOfRange(payload, XPUB_CHAIN_CODE_OFFSET, XPUB_CHAIN_CODE_OFFSET + 32);
        byte[] key = Arrays.copyOfRange(payload, XPUB_KEY_OFFSET, XPUB_KEY_OFFSET + 33);
        return new AddressDeriver(chainCode, key, network);
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
        GeneratorTable.Work work = new GeneratorTable.Work();
        int[][] xs = new int[count][];
        int[][] ys = new int[count][];
        int[][] zs = new int[count][];
        byte[][] exceptional = new byte[count][];
        for (int k = 0; k < count; k++) {
            int index = from + k;
            byte[] i = hmacSha512(mac, changeCompressed, index);
            if (Secp256k1.atLeastN(i, 0)) {
                throw new IllegalStateException("invalid child " + index + " (IL >= n); BIP32 says skip it");
            }
            if (GeneratorTable.multiplyAdd(i, 0, changeX, changeY, work) && !work.infinity) {
                xs[k] = work.x.clone();
                ys[k] = work.y.clone();
                zs[k] = work.z.clone();
            } else {
                exceptional[k] = generalChild(i, index);
            }
        }
        byte[][] compressed = Jacobian.compressAll(xs, ys, zs);
        for (int k = 0; k < count; k++) {
            out[k] = encode(exceptional[k] != null ? exceptional[k] : compressed[k]);
        }
        return out;
    }

    /** IL·G + K through BouncyCastle's general point arithmetic, for the cases the table path leaves out. */
    private byte[] generalChild(byte[] i, int index) {
        ECPoint child = Secp256k1.multiplyG(new BigInteger(1, Arrays.copyOfRange(i, 0, 32))).add(changePoint);
        if (child.isInfinity()) {
            throw new IllegalStateException("invalid child " + index + " (point at infinity)");
        }
        return child.normalize().getEncoded(true);
    }

    private String encode(byte[] compressedPublicKey) {
        byte[] hash = Hashes.hash160(compressedPublicKey);
        byte[] payload = new byte[21];
        payload[0] = version;
        System.arraycopy(hash, 0, payload, 1, 20);
        return Base58.encodeChecked(payload);
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
