package io.hathor.reinit.wallet;

import java.math.BigInteger;
import java.util.Arrays;

/** Bitcoin-alphabet base58 and base58check, as used by xpub strings and Hathor addresses. */
public final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];
    private static final BigInteger BASE = BigInteger.valueOf(58);

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Base58() {}

    public static String encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger value = new BigInteger(1, input);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            sb.append(ALPHABET[qr[1].intValue()]);
            value = qr[0];
        }
        for (int i = 0; i < zeros; i++) {
            sb.append(ALPHABET[0]);
        }
        return sb.reverse().toString();
    }

    /** Decodes base58; throws {@link InvalidKeyException} naming the first character outside the alphabet. */
    public static byte[] decode(String input) {
        BigInteger value = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new InvalidKeyException("invalid base58 character at position " + (i + 1));
            }
            if (leading && digit == 0) {
                zeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int strip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + magnitude.length - strip];
        System.arraycopy(magnitude, strip, out, zeros, magnitude.length - strip);
        return out;
    }

    public static String encodeChecked(byte[] payload) {
        byte[] checksum = Hashes.sha256d(payload);
        byte[] full = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum, 0, full, payload.length, 4);
        return encode(full);
    }

    /** Decodes base58check and returns the payload without its 4-byte checksum. */
    public static byte[] decodeChecked(String input) {
        byte[] full = decode(input);
        if (full.length < 4) {
            throw new InvalidKeyException("too short for base58check");
        }
        byte[] payload = Arrays.copyOf(full, full.length - 4);
        byte[] checksum = Hashes.sha256d(payload);
        for (int i = 0; i < 4; i++) {
            if (checksum[i] != full[payload.length + i]) {
                throw new InvalidKeyException("checksum mismatch");
            }
        }
        return payload;
    }
}
