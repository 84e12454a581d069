package io.hathor.reinit.wallet;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointUtil;

/** secp256k1 from BouncyCastle's optimized custom curve, with fixed-base precomputation for G. */
final class Secp256k1 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECCurve CURVE = PARAMS.getCurve();
    static final ECPoint G = PARAMS.getG();
    static final BigInteger N = PARAMS.getN();
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

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

    static ECPoint multiplyG(BigInteger k) {
        return MULTIPLIER.multiply(G, k);
    }
}
