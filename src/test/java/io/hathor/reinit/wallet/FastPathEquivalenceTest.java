package io.hathor.reinit.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The int-arithmetic Base58 and the Jacobi-symbol curve check agree with the BigInteger / BouncyCastle originals. */
class FastPathEquivalenceTest {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);

    @Test
    void base58MatchesTheBigIntegerReference() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[random.nextInt(90)];
            random.nextBytes(bytes);
            int zeros = random.nextInt(4);
            for (int k = 0; k < zeros && k < bytes.length; k++) {
                bytes[k] = 0;
            }
            if (n % 97 == 0) {
                Arrays.fill(bytes, (byte) 0);
            }
            String reference = referenceEncode(bytes);
            assertThat(Base58.encode(bytes)).isEqualTo(reference);
            assertThat(Base58.decode(reference)).isEqualTo(bytes);
        }
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(120);
            for (int k = 0; k < length; k++) {
                sb.append(ALPHABET.charAt(random.nextInt(k < 3 && n % 3 == 0 ? 2 : 58)));
            }
            String text = sb.toString();
            assertThat(Base58.decode(text)).isEqualTo(referenceDecode(text));
        }
    }

    @Test
    void base58RejectsTheSameCharacters() {
        assertThatThrownBy(() -> Base58.decode("11O1")).hasMessage("invalid base58 character at position 3");
        assertThatThrownBy(() -> Base58.decode("abc\u00e9")).hasMessage("invalid base58 character at position 4");
        assertThatThrownBy(() -> Base58.decode("xpub0")).hasMessage("invalid base58 character at position 5");
    }

    @Test
    void jacobiMatchesEulersCriterion() {
        Random random = new Random(7);
        BigInteger half = P.shiftRight(1);
        for (int n = 0; n < 5_000; n++) {
            BigInteger a = new BigInteger(random.nextInt(257), random).mod(P);
            BigInteger e = a.modPow(half, P);
            int expected = e.signum() == 0 ? 0 : e.equals(BigInteger.ONE) ? 1 : -1;
            assertThat(Jacobi.symbolModOdd(words(a), words(P))).as("a=%s", a).isEqualTo(expected);
        }
        for (int n = 0; n < 5_000; n++) { // small odd moduli, checked against the naive definition via Euler on primes
            BigInteger m = BigInteger.probablePrime(3 + random.nextInt(120), random);
            BigInteger a = new BigInteger(m.bitLength() + 3, random).mod(m);
            BigInteger e = a.modPow(m.shiftRight(1), m);
            int expected = e.signum() == 0 ? 0 : e.equals(BigInteger.ONE) ? 1 : -1;
            assertThat(Jacobi.symbolModOdd(words(a), words(m))).as("a=%s m=%s", a, m).isEqualTo(expected);
        }
    }

    @Test
    void curveCheckAgreesWithDecompression() {
        Random random = new Random(11);
        int valid = 0;
        for (int n = 0; n < 4_000; n++) {
            byte[] encoded = new byte[33];
            random.nextBytes(encoded);
            encoded[0] = (byte) (2 + (n & 1));
            if (n % 50 == 0) {
                Arrays.fill(encoded, 1, 33, (byte) 0xff); // x >= p
            }
            if (n % 50 == 1) {
                Arrays.fill(encoded, 1, 33, (byte) 0); // x = 0
            }
            Throwable slow = catchThrowable(() -> Secp256k1.decodeCompressed(encoded));
            Throwable fast = catchThrowable(() -> Secp256k1.checkCompressed(encoded));
            if (slow == null) {
                valid++;
                assertThat(fast).isNull();
            } else {
                assertThat(fast).isInstanceOf(InvalidKeyException.class).hasMessage(slow.getMessage());
            }
        }
        assertThat(valid).isBetween(1_500, 2_500);
    }

    @Test
    void windowedFixedBaseMatchesTheComb() {
        java.util.Random random = new java.util.Random(256);
        org.bouncycastle.math.ec.ECPoint q = Secp256k1.multiplyG(java.math.BigInteger.valueOf(977_123_456_789L)).normalize();
        GeneratorTable.Work work = new GeneratorTable.Work();
        for (int n = 0; n < 3_000; n++) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            if (n % 7 == 0) { // sparse scalars: zero windows, and the top and bottom bytes alone
                for (int b = 0; b < 32; b++) {
                    if (random.nextInt(4) != 0) {
                        k[b] = 0;
                    }
                }
            }
            java.math.BigInteger scalar = new java.math.BigInteger(1, k);
            assertThat(Secp256k1.atLeastN(k, 0)).isEqualTo(scalar.compareTo(Secp256k1.N) >= 0);
            if (scalar.compareTo(Secp256k1.N) < 0) {
                assertThat(GeneratorTable.multiplyAdd(k, 0, GeneratorTable.affineX(q), GeneratorTable.affineY(q), work)).isTrue();
                byte[] compressed = Jacobian.compressAll(new int[][] {work.x.clone()}, new int[][] {work.y.clone()},
                        new int[][] {work.z.clone()})[0];
                assertThat(compressed).isEqualTo(Secp256k1.multiplyG(scalar).add(q).normalize().getEncoded(true));
            }
        }
        byte[] n = Secp256k1.N.toByteArray();
        byte[] nMinusOne = Secp256k1.N.subtract(java.math.BigInteger.ONE).toByteArray();
        assertThat(Secp256k1.atLeastN(java.util.Arrays.copyOfRange(n, 1, 33), 0)).isTrue();
        assertThat(Secp256k1.atLeastN(java.util.Arrays.copyOfRange(nMinusOne, 1, 33), 0)).isFalse();
    }

    @Test
    void lazyPointDerivesTheSameChildren() {
        ExtendedPublicKey key = ExtendedPublicKey.parse("xpub6CxfK7qFCANK6MqkiW88tAoNQZptDouSrhc2sYhRztSvnD1Z3zVwzfMQZX"
                + "niG89fFpszB4a8UyMpZD82cXhWqGk5J7QehbZdHijtxeJmg7S");
        ExtendedPublicKey child = key.child(5);
        assertThat(child.publicKey()).isEqualTo(Secp256k1.decodeCompressed(child.publicKey()).getEncoded(true));
        assertThat(key.publicKey()).isEqualTo(Secp256k1.decodeCompressed(key.publicKey()).normalize().getEncoded(true));
    }

    private static int[] words(BigInteger v) {
        int[] w = new int[8];
        for (int k = 0; k < 8; k++) {
            w[k] = v.shiftRight(32 * k).intValue();
        }
        return w;
    }

    private static String referenceEncode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger value = new BigInteger(1, input);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BigInteger.valueOf(58));
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < zeros; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    private static byte[] referenceDecode(String input) {
        BigInteger value = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < input.length(); i++) {
            int digit = ALPHABET.indexOf(input.charAt(i));
            if (leading && digit == 0) {
                zeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int strip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + magnitude.length - strip];
        System.arraycopy(magnitude, strip, out, zeros, magnitude.length - strip);
        return out;
    }
}
