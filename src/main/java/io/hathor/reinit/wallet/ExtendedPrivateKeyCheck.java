package io.hathor.reinit.wallet;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks that a {@code scan_xpriv} value is a BIP32 extended private key with the version bytes that go with the
 * wallets' xpubs (xprv, 0488ade4): base58check, a 78-byte payload, a 0x00 marker and a scalar in [1, n-1]. The key
 * is only checked, never kept; exception messages hold no key material.
 */
public final class ExtendedPrivateKeyCheck {
    private static final int XPRV_VERSION = 0x0488ADE4;
    private static final int XPUB_VERSION = 0x0488B21E;
    private static final int PAYLOAD_LENGTH = 78;

    private ExtendedPrivateKeyCheck() {}

    /** {@code raw}: the BLOB's bytes, which must be the UTF-8 text of the base58 key. */
    public static void check(byte[] raw) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidKeyException("the bytes are not UTF-8 text");
        }
        if (text.isEmpty()) {
            throw new InvalidKeyException("empty value");
        }
        if (!text.equals(text.strip())) {
            throw new InvalidKeyException("leading or trailing whitespace");
        }
        byte[] payload = Base58.decodeChecked(text);
        try {
            if (payload.length != PAYLOAD_LENGTH) {
                throw new InvalidKeyException("decoded payload is " + payload.length + " bytes, expected 78");
            }
            int version = ByteBuffer.wrap(payload).getInt();
            if (version == XPUB_VERSION) {
                throw new InvalidKeyException("extended public key (xpub), not a private key");
            }
            if (version != XPRV_VERSION) {
                throw new InvalidKeyException(String.format("wrong version bytes %08x, expected 0488ade4 (xprv)",
                        version));
            }
            if (payload[45] != 0x00) {
                throw new InvalidKeyException("key data does not start with the private key marker 0x00");
            }
            BigInteger k = new BigInteger(1, Arrays.copyOfRange(payload, 46, 78));
            if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
                throw new InvalidKeyException("private key out of range");
            }
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }
}
