package io.hathor.reinit.wallet;

import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/** Jacobian points (X, Y, Z in Nat256 layout) to compressed encodings, with one field inversion for all of them. */
final class Jacobian {
    private Jacobian() {}

    /**
     * The 33-byte compressed encoding of each point (X/Z², Y/Z³); entries whose x is null are skipped and stay null.
     * Montgomery's trick: one inversion of the product of all Z, then three multiplications per point.
     */
    static byte[][] compressAll(int[][] xs, int[][] ys, int[][] zs) {
        int n = xs.length;
        byte[][] out = new byte[n][];
        int[][] prefix = new int[n][];
        int[] tt = Nat256.createExt();
        int[] running = null;
        for (int k = 0; k < n; k++) {
            if (xs[k] == null) {
                continue;
            }
            if (running == null) {
                running = zs[k].clone();
            } else {
                int[] next = Nat256.create();
                SecP256K1Field.multiply(running, zs[k], next, tt);
                running = next;
            }
            prefix[k] = running;
        }
        if (running == null) {
            return out;
        }
        int[] inverse = Nat256.create();
        SecP256K1Field.inv(running, inverse);
        int[] zInv = Nat256.create();
        int[] zInv2 = Nat256.create();
        int[] x = Nat256.create();
        int[] y = Nat256.create();
        for (int k = n - 1; k >= 0; k--) {
            if (xs[k] == null) {
                continue;
            }
            int previous = k - 1;
            while (previous >= 0 && xs[previous] == null) {
                previous--;
            }
            if (previous >= 0) {
                SecP256K1Field.multiply(inverse, prefix[previous], zInv, tt);
                SecP256K1Field.multiply(inverse, zs[k], inverse, tt);
            } else {
                System.arraycopy(inverse, 0, zInv, 0, 8);
            }
            SecP256K1Field.square(zInv, zInv2, tt);
            SecP256K1Field.multiply(xs[k], zInv2, x, tt);
            SecP256K1Field.multiply(zInv2, zInv, zInv2, tt);
            SecP256K1Field.multiply(ys[k], zInv2, y, tt);
            out[k] = encode(x, (y[0] & 1) != 0);
        }
        return out;
    }

    /** One point's affine {x, y}. */
    static int[][] toAffine(int[] x, int[] y, int[] z) {
        int[] tt = Nat256.createExt();
        int[] zInv = Nat256.create();
        int[] zInv2 = Nat256.create();
        int[] ax = Nat256.create();
        int[] ay = Nat256.create();
        SecP256K1Field.inv(z, zInv);
        SecP256K1Field.square(zInv, zInv2, tt);
        SecP256K1Field.multiply(x, zInv2, ax, tt);
        SecP256K1Field.multiply(zInv2, zInv, zInv2, tt);
        SecP256K1Field.multiply(y, zInv2, ay, tt);
        return new int[][] {ax, ay};
    }

    /** The 32-byte big-endian form of a field element. */
    static byte[] bigEndian(int[] v) {
        byte[] out = new byte[32];
        writeBigEndian(v, out, 0);
        return out;
    }

    private static byte[] encode(int[] x, boolean yOdd) {
        byte[] out = new byte[33];
        out[0] = (byte) (yOdd ? 0x03 : 0x02);
        writeBigEndian(x, out, 1);
        return out;
    }

    private static void writeBigEndian(int[] v, byte[] out, int offset) {
        for (int limb = 0; limb < 8; limb++) {
            int word = v[7 - limb];
            int o = offset + 4 * limb;
            out[o] = (byte) (word >>> 24);
            out[o + 1] = (byte) (word >>> 16);
            out[o + 2] = (byte) (word >>> 8);
            out[o + 3] = (byte) word;
        }
    }
}
