package io.hathor.reinit.wallet;

/**
 * The Jacobi symbol (a/n) for 256-bit operands, by the binary algorithm over four unsigned 64-bit limbs: strip twos
 * (each flips the sign when n ≡ 3, 5 mod 8), keep a ≥ n by swapping (quadratic reciprocity flips when both ≡ 3 mod
 * 4), subtract. Variable time, which is fine: the inputs are public keys.
 */
final class Jacobi {
    private Jacobi() {}

    /**
     * @param a little-endian 32-bit words, 0 ≤ a &lt; n
     * @param n little-endian 32-bit words, odd
     * @return 1, -1 or 0 (when gcd(a, n) &gt; 1)
     */
    static int symbolModOdd(int[] a, int[] n) {
        long[] x = toLimbs(a);
        long[] y = toLimbs(n);
        int flip = 0;
        int len = 4;
        while (true) {
            while (len > 1 && x[len - 1] == 0 && y[len - 1] == 0) {
                len--;
            }
            if (len == 1) {
                return finish(x[0], y[0], flip);
            }
            int tz = trailingZeros(x, len);
            if (tz < 0) {
                return isOne(y, len) ? (flip == 0 ? 1 : -1) : 0;
            }
            if (tz > 0) {
                shiftRight(x, len, tz);
                int y8 = (int) y[0] & 7;
                if ((tz & 1) != 0 && (y8 == 3 || y8 == 5)) {
                    flip ^= 1;
                }
            }
            if (lessThan(x, y, len)) {
                long[] t = x;
                x = y;
                y = t;
                if ((x[0] & y[0] & 2) != 0) {
                    flip ^= 1;
                }
            }
            subtract(x, y, len);
        }
    }

    /** Both operands fit in one unsigned 64-bit word. */
    private static int finish(long x, long y, int flip) {
        while (x != 0) {
            int tz = Long.numberOfTrailingZeros(x);
            x >>>= tz;
            int y8 = (int) y & 7;
            if ((tz & 1) != 0 && (y8 == 3 || y8 == 5)) {
                flip ^= 1;
            }
            if (Long.compareUnsigned(x, y) < 0) {
                long t = x;
                x = y;
                y = t;
                if ((x & y & 2) != 0) {
                    flip ^= 1;
                }
            }
            x -= y;
        }
        return y == 1 ? (flip == 0 ? 1 : -1) : 0;
    }

    private static long[] toLimbs(int[] words) {
        long[] limbs = new long[4];
        for (int k = 0; k < 4; k++) {
            limbs[k] = words[2 * k] & 0xffffffffL | (long) words[2 * k + 1] << 32;
        }
        return limbs;
    }

    /** Trailing zero bits of x, or -1 when x is zero. */
    private static int trailingZeros(long[] x, int len) {
        for (int k = 0; k < len; k++) {
            if (x[k] != 0) {
                return 64 * k + Long.numberOfTrailingZeros(x[k]);
            }
        }
        return -1;
    }

    private static void shiftRight(long[] x, int len, int bits) {
        int words = bits >>> 6;
        int shift = bits & 63;
        if (words > 0) {
            for (int k = 0; k < len; k++) {
                x[k] = k + words < len ? x[k + words] : 0;
            }
        }
        if (shift > 0) {
            for (int k = 0; k < len - 1; k++) {
                x[k] = x[k] >>> shift | x[k + 1] << (64 - shift);
            }
            x[len - 1] >>>= shift;
        }
    }

    private static boolean lessThan(long[] x, long[] y, int len) {
        for (int k = len - 1; k >= 0; k--) {
            if (x[k] != y[k]) {
                return Long.compareUnsigned(x[k], y[k]) < 0;
            }
        }
        return false;
    }

    /** x -= y, with x ≥ y. */
    private static void subtract(long[] x, long[] y, int len) {
        long borrow = 0;
        for (int k = 0; k < len; k++) {
            long xk = x[k];
            long d = xk - y[k] - borrow;
            borrow = (Long.compareUnsigned(xk, y[k]) < 0 || (xk == y[k] && borrow != 0)) ? 1 : 0;
            x[k] = d;
        }
    }

    private static boolean isOne(long[] y, int len) {
        if (y[0] != 1) {
            return false;
        }
        for (int k = 1; k < len; k++) {
            if (y[k] != 0) {
                return false;
            }
        }
        return true;
    }
}
