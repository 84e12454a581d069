package io.hathor.reinit.wallet;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/** secp256k1 from BouncyCastle's optimized custom curve, with fixed-base precomputation for G. */
final class Secp256k1 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECCurve CURVE = PARAMS.getCurve();
    static final ECPoint G = PARAMS.getG();
    static final BigInteger N = PARAMS.getN();
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();
    /** The field prime, little-endian 32-bit words (Nat256 layout). */
    private static final int[] P = {0xFFFFFC2F, 0xFFFFFFFE, -1, -1, -1, -1, -1, -1};
    private static final int[] SEVEN = {7, 0, 0, 0, 0, 0, 0, 0};

    static {
        FixedPointUtil.precompute(G);
    }

    private Secp256k1() {}

    /** Decodes a 33-byte compressed point; throws when it is not on the curve. */
    static ECPoint decodeCompressed(byte[] encoded) {
        if (encoded.length != 33 || (encoded[0] != 0x02 && encoded[0] != 0x03)) {
            throw new InvalidKeyException("public key is not a compressed secp256k1 point");
        }
        try {
            ECPoint point = CURVE.decodePoint(encoded);
            if (!point.isValid()) {
                throw new InvalidKeyException("public key is not a valid secp256k1 point");
            }
            return point;
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("public key is not a valid secp256k1 point");
        }
    }

    /**
     * The same accept/reject decision and message as {@link #decodeCompressed}, without decompressing: the point
     * exists iff x &lt; p and x³ + 7 is a square mod p, which the Jacobi symbol (a binary-GCD-like loop, ~1 µs) tells
     * far more cheaply than the modular square root (an exponentiation, ~8 µs) that decompression needs.
     */
    static void checkCompressed(byte[] encoded) {
        if (encoded.length != 33 || (encoded[0] != 0x02 && encoded[0] != 0x03)) {
            throw new InvalidKeyException("public key is not a compressed secp256k1 point");
        }
        int[] x = new int[8];
        for (int k = 0; k < 8; k++) {
            int o = 33 - 4 * (k + 1);
            x[k] = (encoded[o] & 0xff) << 24 | (encoded[o + 1] & 0xff) << 16 | (encoded[o + 2] & 0xff) << 8
                    | encoded[o + 3] & 0xff;
        }
        if (Nat256.gte(x, P)) {
            throw new InvalidKeyException("public key is not a valid secp256k1 point");
        }
        int[] rhs = new int[8];
        SecP256K1Field.square(x, rhs);
        SecP256K1Field.multiply(rhs, x, rhs);
        SecP256K1Field.add(rhs, SEVEN, rhs);
        if (Jacobi.symbolModOdd(rhs, P) < 0) {
            throw new InvalidKeyException("public key is not a valid secp256k1 point");
        }
    }

    /** k·G with BouncyCastle's constant-time comb; the reference path ({@link ExtendedPublicKey#child}). */
    static ECPoint multiplyG(BigInteger k) {
        return MULTIPLIER.multiply(G, k);
    }

    /** True when the 32-byte big-endian value at {@code k[offset]} is ≥ n (BIP32: such a child is invalid). */
    static boolean atLeastN(byte[] k, int offset) {
        for (int i = 0; i < 32; i++) {
            int a = k[offset + i] & 0xff;
            int b = N_BYTES[i] & 0xff;
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }

    private static final byte[] N_BYTES = nBytes();

    private static byte[] nBytes() {
        byte[] raw = N.toByteArray(); // 33 bytes, a leading 0 for the sign
        byte[] out = new byte[32];
        System.arraycopy(raw, raw.length - 32, out, 0, 32);
        return out;
    }
}
