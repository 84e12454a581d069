package io.hathor.reinit.demo;

import io.hathor.reinit.wallet.Base58;
import io.hathor.reinit.wallet.ShieldedKeys;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Synthetic shielded keys for the demo and the tests: a change-level scan xpriv (stored as the UTF-8 bytes of its
 * base58 text, as the service stores it) and a change-level spend xpub, from a seeded random source.
 */
public final class DemoShieldedKeys {
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();
    private static final int XPRV_VERSION = 0x0488ADE4;
    private static final int XPUB_VERSION = 0x0488B21E;
    private static final byte CHANGE_DEPTH = 4;

    private DemoShieldedKeys() {}

    public static ShieldedKeys random(Random random) {
        return new ShieldedKeys(scanXpriv(random).getBytes(StandardCharsets.UTF_8), spendXpub(random), 20);
    }

    /** A base58 extended private key (xprv) at the change level. */
    public static String scanXpriv(Random random) {
        BigInteger k = scalar(random);
        byte[] key = new byte[33];
        byte[] raw = k.toByteArray();
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, key, 33 - len, len);
        return Base58.encodeChecked(payload(random, XPRV_VERSION, key));
    }

    /** A base58 extended public key (xpub) at the change level. */
    public static String spendXpub(Random random) {
        byte[] key = MULTIPLIER.multiply(SECP256K1.getG(), scalar(random)).normalize().getEncoded(true);
        return Base58.encodeChecked(payload(random, XPUB_VERSION, key));
    }

    private static byte[] payload(Random random, int version, byte[] key) {
        byte[] chainCode = new byte[32];
        random.nextBytes(chainCode);
        ByteBuffer payload = ByteBuffer.allocate(78);
        payload.putInt(version).put(CHANGE_DEPTH).putInt(random.nextInt()).putInt(0).put(chainCode).put(key);
        return payload.array();
    }

    private static BigInteger scalar(Random random) {
        BigInteger n = SECP256K1.getN();
        return new BigInteger(256, random).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }
}
