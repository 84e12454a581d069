package io.hathor.reinit.wallet;

import java.util.Arrays;

/**
 * Bitcoin-alphabet base58 and base58check, as used by xpub strings and Hathor addresses. Plain int/long arithmetic
 * over 32-bit limbs, five base58 digits per step (no BigInteger): an xpub decodes in well under a microsecond.
 */
public final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];
    /** Digits handled per limb operation: 58^5 < 2^31. */
    private static final int CHUNK = 5;
    private static final long[] POW58 = {1, 58, 58 * 58, 58 * 58 * 58, 58L * 58 * 58 * 58, 58L * 58 * 58 * 58 * 58};
    private static final long LIMB = 0xffffffffL;

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
        // the value as little-endian 32-bit limbs, then repeated division by 58^5 (five digits per pass)
        int[] limbs = new int[(input.length - zeros + 3) / 4];
        int used = 0;
        for (int end = input.length; end > zeros; end -= 4) {
            int start = Math.max(zeros, end - 4);
            int limb = 0;
            for (int k = start; k < end; k++) {
                limb = limb << 8 | input[k] & 0xff;
            }
            limbs[used++] = limb;
        }
        while (used > 0 && limbs[used - 1] == 0) {
            used--;
        }
        char[] digits = new char[(int) ((long) (input.length - zeros) * 1366 / 1000) + CHUNK + 1];
        int pos = digits.length;
        while (used > 0) {
            long rem = 0;
            for (int j = used - 1; j >= 0; j--) {
                long cur = rem << 32 | limbs[j] & LIMB;
                limbs[j] = (int) (cur / POW58[CHUNK]);
                rem = cur % POW58[CHUNK];
            }
            if (limbs[used - 1] == 0) {
                used--;
            }
            for (int k = 0; k < CHUNK; k++) {
                digits[--pos] = ALPHABET[(int) (rem % 58)];
                rem /= 58;
            }
        }
        while (pos < digits.length && digits[pos] == ALPHABET[0]) {
            pos++; // the last pass pads with zero digits; the value itself has none in front
        }
        StringBuilder sb = new StringBuilder(zeros + digits.length - pos);
        for (int i = 0; i < zeros; i++) {
            sb.append(ALPHABET[0]);
        }
        return sb.append(digits, pos, digits.length - pos).toString();
    }

    /** Decodes base58; throws {@link InvalidKeyException} naming the first character outside the alphabet. */
    public static byte[] decode(String input) {
        int length = input.length();
        // value < 58^length < 2^(5.86 * length): at most length * 0.1831 limbs of 32 bits
        int[] limbs = new int[(int) ((long) length * 733 / 4000) + 2];
        int used = 0;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < length; ) {
            int n = Math.min(CHUNK, length - i);
            int chunk = 0;
            for (int end = i + n; i < end; i++) {
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
                chunk = chunk * 58 + digit;
            }
            // limbs = limbs * 58^n + chunk
            long multiplier = POW58[n];
            long carry = chunk;
            for (int j = 0; j < used; j++) {
                long t = (limbs[j] & LIMB) * multiplier + carry;
                limbs[j] = (int) t;
                carry = t >>> 32;
            }
            if (carry != 0) {
                limbs[used++] = (int) carry;
            }
        }
        int magnitude = used * 4;
        if (used > 0) {
            magnitude -= Integer.numberOfLeadingZeros(limbs[used - 1]) / 8;
        }
        byte[] out = new byte[zeros + magnitude];
        for (int k = 0; k < magnitude; k++) {
            out[out.length - 1 - k] = (byte) (limbs[k >>> 2] >>> ((k & 3) << 3));
        }
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
