package io.hathor.reinit.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The allocation-free k·G + Q and the batched compression agree with BouncyCastle's general arithmetic. */
class GeneratorTableTest {
    private static final BigInteger N = Secp256k1.N;

    @Test
    void should_match_bouncycastle_for_random_and_edge_scalars() {
        // given
        Random random = new Random(2026);
        List<BigInteger> scalars = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) {
            scalars.add(new BigInteger(256, random).mod(N));
        }
        // digits at the window's edges: 4095, 4096 (largest positive), 4097 and 8191 (negative with a carry), runs of carries
        for (long edge : new long[] {1, 2, 4095, 4096, 4097, 8191, 8192, 8193, (1L << 26) - 1, (1L << 39) + 4096}) {
            scalars.add(BigInteger.valueOf(edge));
        }
        scalars.add(N.subtract(BigInteger.ONE));
        scalars.add(BigInteger.ONE.shiftLeft(255));
        scalars.add(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).mod(N));
        ECPoint q = Secp256k1.multiplyG(new BigInteger(256, random).mod(N)).normalize();
        GeneratorTable.Work work = new GeneratorTable.Work();
        int[][] xs = new int[scalars.size()][];
        int[][] ys = new int[scalars.size()][];
        int[][] zs = new int[scalars.size()][];
        // when
        for (int k = 0; k < scalars.size(); k++) {
            assertThat(GeneratorTable.multiplyAdd(bytes(scalars.get(k)), 0, GeneratorTable.affineX(q), GeneratorTable.affineY(q), work))
                    .isTrue();
            xs[k] = work.x.clone();
            ys[k] = work.y.clone();
            zs[k] = work.z.clone();
        }
        byte[][] compressed = Jacobian.compressAll(xs, ys, zs);
        // then
        for (int k = 0; k < scalars.size(); k++) {
            byte[] expected = Secp256k1.multiplyG(scalars.get(k)).add(q).normalize().getEncoded(true);
            assertThat(compressed[k]).as("scalar %s", scalars.get(k).toString(16)).isEqualTo(expected);
        }
    }

    @Test
    void should_report_the_exceptional_cases_instead_of_a_wrong_point() {
        // given k·G + Q with Q = k·G (a doubling) and with Q = −k·G (the point at infinity)
        BigInteger k = new BigInteger("1234567890abcdef1234567890abcdef", 16);
        ECPoint kg = Secp256k1.multiplyG(k).normalize();
        ECPoint minus = kg.negate().normalize();
        GeneratorTable.Work work = new GeneratorTable.Work();
        // when / then
        assertThat(GeneratorTable.multiplyAdd(bytes(k), 0, GeneratorTable.affineX(kg), GeneratorTable.affineY(kg), work)).isFalse();
        assertThat(GeneratorTable.multiplyAdd(bytes(k), 0, GeneratorTable.affineX(minus), GeneratorTable.affineY(minus), work)).isFalse();
    }

    @Test
    void should_compress_around_entries_left_out() {
        // given three points, the middle one left to the caller (null)
        GeneratorTable.Work work = new GeneratorTable.Work();
        ECPoint q = Secp256k1.G;
        int[][] xs = new int[3][];
        int[][] ys = new int[3][];
        int[][] zs = new int[3][];
        for (int k : new int[] {0, 2}) {
            GeneratorTable.multiplyAdd(bytes(BigInteger.valueOf(1000 + k)), 0, GeneratorTable.affineX(q), GeneratorTable.affineY(q), work);
            xs[k] = work.x.clone();
            ys[k] = work.y.clone();
            zs[k] = work.z.clone();
        }
        // when
        byte[][] compressed = Jacobian.compressAll(xs, ys, zs);
        // then
        assertThat(compressed[1]).isNull();
        assertThat(compressed[0]).isEqualTo(Secp256k1.multiplyG(BigInteger.valueOf(1001)).normalize().getEncoded(true));
        assertThat(compressed[2]).isEqualTo(Secp256k1.multiplyG(BigInteger.valueOf(1003)).normalize().getEncoded(true));
    }

    private static byte[] bytes(BigInteger k) {
        byte[] raw = k.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }
}
