package io.hathor.reinit.wallet;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * k·G + Q on secp256k1 for public scalars, without allocation, on BouncyCastle's field arithmetic
 * ({@link SecP256K1Field}, 8 × 32-bit limbs): the scalar is split into 20 signed 13-bit digits, each digit picks
 * ±j·2^(13r)·G from a precomputed affine table (r = 0 … 19, j = 1 … 4096; 5.2 MB, built on first use in about
 * 0.3 s), and the points are summed with mixed Jacobian-affine additions (8 multiplications and 3 squarings each),
 * at most 21 of them. BouncyCastle's own point addition allocates new field elements for every step and needs 32
 * additions with 8-bit windows; this is about 1.5 times as fast per derivation.
 *
 * <p>Not constant-time: for public derivation only (the scalar is an HMAC of public xpub data). The two exceptional
 * cases of the addition formula (adding a point to itself or to its negation) are not handled here: {@link #multiplyAdd}
 * then returns false and the caller takes BouncyCastle's general path.
 */
final class GeneratorTable {
    static final int WINDOW = 13;
    static final int ROWS = 20;
    private static final int HALF = 1 << (WINDOW - 1);
    private static final int MASK = (1 << WINDOW) - 1;

    private GeneratorTable() {}

    /** The accumulator (Jacobian x, y, z) and the temporaries of one caller; not thread-safe, reuse it per thread. */
    static final class Work {
        final int[] x = Nat256.create();
        final int[] y = Nat256.create();
        final int[] z = Nat256.create();
        boolean infinity;
        private final int[] scalar = new int[9];
        private final int[] qx = Nat256.create();
        private final int[] qy = Nat256.create();
        private final int[] z1z1 = Nat256.create();
        private final int[] u2 = Nat256.create();
        private final int[] s2 = Nat256.create();
        private final int[] h = Nat256.create();
        private final int[] r = Nat256.create();
        private final int[] hh = Nat256.create();
        private final int[] hhh = Nat256.create();
        private final int[] v = Nat256.create();
        private final int[] x3 = Nat256.create();
        private final int[] t = Nat256.create();
        private final int[] tt = Nat256.createExt();
    }

    /**
     * Sets {@code work}'s accumulator to k·G + Q, k the 32-byte big-endian scalar at {@code k[offset]} (k &lt; n; 0 is
     * allowed) and Q the affine point (qx, qy). Returns false, leaving the accumulator undefined, when an exceptional
     * case of the addition came up (probability about 2^-250 for a random k).
     */
    static boolean multiplyAdd(byte[] k, int offset, int[] qx, int[] qy, Work work) {
        int[] scalar = work.scalar;
        for (int i = 0; i < 8; i++) {
            int o = offset + 28 - 4 * i;
            scalar[i] = (k[o] & 0xff) << 24 | (k[o + 1] & 0xff) << 16 | (k[o + 2] & 0xff) << 8 | k[o + 3] & 0xff;
        }
        scalar[8] = 0;
        int[] xs = Table.X;
        int[] ys = Table.Y;
        work.infinity = true;
        int carry = 0;
        for (int row = 0; row < ROWS; row++) {
            int bit = row * WINDOW;
            int limb = bit >>> 5;
            long bits = ((scalar[limb] & 0xffffffffL) | (long) scalar[limb + 1] << 32) >>> (bit & 31);
            int digit = (int) (bits & MASK) + carry;
            if (digit > HALF) {
                digit -= 1 << WINDOW;
                carry = 1;
            } else {
                carry = 0;
            }
            // the top digit holds bits 247 … 255 only, so no carry is left after the last row
            if (digit != 0) {
                int at = (row * HALF + Math.abs(digit) - 1) * 8;
                System.arraycopy(xs, at, work.qx, 0, 8);
                if (digit > 0) {
                    System.arraycopy(ys, at, work.qy, 0, 8);
                } else {
                    System.arraycopy(ys, at, work.t, 0, 8);
                    SecP256K1Field.negate(work.t, work.qy);
                }
                if (!addAffine(work)) {
                    return false;
                }
            }
        }
        System.arraycopy(qx, 0, work.qx, 0, 8);
        System.arraycopy(qy, 0, work.qy, 0, 8);
        return addAffine(work);
    }

    /** Accumulator += (work.qx, work.qy), "madd-2004-hmv"; false on the exceptional case (equal x coordinates). */
    private static boolean addAffine(Work w) {
        if (w.infinity) {
            System.arraycopy(w.qx, 0, w.x, 0, 8);
            System.arraycopy(w.qy, 0, w.y, 0, 8);
            java.util.Arrays.fill(w.z, 0);
            w.z[0] = 1;
            w.infinity = false;
            return true;
        }
        int[] tt = w.tt;
        SecP256K1Field.square(w.z, w.z1z1, tt);
        SecP256K1Field.multiply(w.qx, w.z1z1, w.u2, tt);
        SecP256K1Field.multiply(w.z, w.z1z1, w.s2, tt);
        SecP256K1Field.multiply(w.s2, w.qy, w.s2, tt);
        SecP256K1Field.subtract(w.u2, w.x, w.h);
        SecP256K1Field.subtract(w.s2, w.y, w.r);
        if (Nat256.isZero(w.h)) {
            return false;
        }
        SecP256K1Field.square(w.h, w.hh, tt);
        SecP256K1Field.multiply(w.h, w.hh, w.hhh, tt);
        SecP256K1Field.multiply(w.x, w.hh, w.v, tt);
        // x3 = r² − hhh − 2v
        SecP256K1Field.square(w.r, w.x3, tt);
        SecP256K1Field.subtract(w.x3, w.hhh, w.x3);
        SecP256K1Field.subtract(w.x3, w.v, w.x3);
        SecP256K1Field.subtract(w.x3, w.v, w.x3);
        // y3 = r·(v − x3) − y1·hhh
        SecP256K1Field.subtract(w.v, w.x3, w.t);
        SecP256K1Field.multiply(w.r, w.t, w.t, tt);
        SecP256K1Field.multiply(w.y, w.hhh, w.u2, tt);
        SecP256K1Field.subtract(w.t, w.u2, w.y);
        // z3 = z1·h
        SecP256K1Field.multiply(w.z, w.h, w.z, tt);
        System.arraycopy(w.x3, 0, w.x, 0, 8);
        return true;
    }

    /** Affine coordinates of a BouncyCastle point (normalized) in Nat256 layout. */
    static int[] affineX(ECPoint normalized) {
        return SecP256K1Field.fromBigInteger(normalized.getAffineXCoord().toBigInteger());
    }

    static int[] affineY(ECPoint normalized) {
        return SecP256K1Field.fromBigInteger(normalized.getAffineYCoord().toBigInteger());
    }

    /** j·2^(13r)·G at index ((r·4096) + j − 1)·8 of X and Y. */
    private static final class Table {
        static final int[] X = new int[ROWS * HALF * 8];
        static final int[] Y = new int[ROWS * HALF * 8];

        static {
            ECPoint base = Secp256k1.G;
            ECPoint[] row = new ECPoint[HALF];
            for (int r = 0; r < ROWS; r++) {
                row[0] = base;
                for (int j = 1; j < HALF; j++) {
                    row[j] = row[j - 1].add(base);
                }
                Secp256k1.CURVE.normalizeAll(row);
                for (int j = 0; j < HALF; j++) {
                    int at = (r * HALF + j) * 8;
                    System.arraycopy(affineX(row[j]), 0, X, at, 8);
                    System.arraycopy(affineY(row[j]), 0, Y, at, 8);
                }
                base = row[HALF - 1].twice().normalize(); // 2 · 4096 · base = 2^13 · base
            }
        }
    }
}
