package io.hathor.reinit.csv;

import java.util.Arrays;

/**
 * Ids seen so far, compact enough for millions of rows: open addressing over primitive arrays, 32 bytes a slot
 * (the first 128 bits of the id, a 64-bit fingerprint of the row's content, its line). Ids are sha256d outputs, so
 * 128 bits identify them; a crafted prefix collision would at worst be reported as a conflict.
 */
final class IdTable {
    private static final double MAX_LOAD = 0.7;
    private long[] hi;
    private long[] lo;
    private long[] fingerprint;
    private long[] line; // 0 = empty slot (lines start at 1)
    private int size;

    IdTable() {
        allocate(1 << 12);
    }

    /** What the table knew about an id before {@link #putIfAbsent} (line 0 = it was new). */
    record Seen(long line, long fingerprint) {
        static final Seen NEW = new Seen(0, 0);
    }

    /** Stores the id when new; returns the earlier occurrence otherwise. */
    Seen putIfAbsent(String id, long rowFingerprint, long rowLine) {
        long h = Long.parseUnsignedLong(id, 0, 16, 16);
        long l = Long.parseUnsignedLong(id, 16, 32, 16);
        int mask = line.length - 1;
        int slot = (int) mix(h ^ l) & mask;
        while (line[slot] != 0) {
            if (hi[slot] == h && lo[slot] == l) {
                return new Seen(line[slot], fingerprint[slot]);
            }
            slot = (slot + 1) & mask;
        }
        hi[slot] = h;
        lo[slot] = l;
        fingerprint[slot] = rowFingerprint;
        line[slot] = rowLine;
        if (++size > line.length * MAX_LOAD) {
            grow();
        }
        return Seen.NEW;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        long[] of = fingerprint;
        long[] oline = line;
        allocate(oline.length * 2);
        int mask = line.length - 1;
        for (int k = 0; k < oline.length; k++) {
            if (oline[k] != 0) {
                int slot = (int) mix(oh[k] ^ ol[k]) & mask;
                while (line[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hi[slot] = oh[k];
                lo[slot] = ol[k];
                fingerprint[slot] = of[k];
                line[slot] = oline[k];
            }
        }
    }

    private void allocate(int capacity) {
        hi = new long[capacity];
        lo = new long[capacity];
        fingerprint = new long[capacity];
        line = new long[capacity];
        Arrays.fill(line, 0);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A 64-bit fingerprint of everything in a record but its line: equal rows, equal fingerprints. */
    static long fingerprintOf(WalletRecord r) {
        long h = 0x9E3779B97F4A7C15L;
        h = add(h, r.id());
        h = add(h, r.xpubkey());
        h = add(h, r.status() == null ? null : r.status().sql());
        h = add(h, r.maxGap());
        h = add(h, r.createdAt());
        h = add(h, r.readyAt());
        h = add(h, r.retryCount());
        h = add(h, r.authXpubkey());
        h = add(h, r.lastUsedAddressIndex());
        if (r.keys() != null) {
            h = add(h, java.util.Arrays.hashCode(r.keys().scanXpriv()));
            h = add(h, r.keys().spendXpub());
            h = add(h, r.keys().shieldedMaxGap());
        }
        return mix(h);
    }

    private static long add(long h, Object value) {
        long v;
        if (value == null) {
            v = 0x5bd1e995L;
        } else if (value instanceof String s) {
            v = 0xcbf29ce484222325L; // FNV-1a 64
            for (int k = 0; k < s.length(); k++) {
                v = (v ^ s.charAt(k)) * 0x100000001b3L;
            }
        } else {
            v = ((Number) value).longValue() * 0x9E3779B97F4A7C15L + 1;
        }
        return mix(h * 31 + v);
    }
}
