package io.hathor.reinit.run;

import io.hathor.reinit.wallet.Outcome;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Wallet id → outcome for every wallet of a run, in about 42 bytes a wallet: the id as its 32 bytes, the outcome
 * as one byte, and an open-addressing index. Iterates in the order ids were first put (the file's); ids are 64
 * lowercase hex characters. Not thread-safe: the run's main thread owns it.
 */
final class WalletStates extends AbstractMap<String, Outcome> {
    private static final HexFormat HEX = HexFormat.of();
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final byte NONE = -1;

    private byte[] ids = new byte[32 * 1024];
    private byte[] outcomes = new byte[1024];
    /** Position + 1 of the id in each slot, 0 = empty. */
    private int[] slots = new int[2048];
    private int positions;
    private int size;

    @Override
    public Outcome put(String id, Outcome outcome) {
        int p = positionOf(id, true);
        byte before = outcomes[p];
        outcomes[p] = (byte) outcome.ordinal();
        if (before == NONE) {
            size++;
            return null;
        }
        return OUTCOMES[before];
    }

    @Override
    public Outcome get(Object id) {
        int p = id instanceof String s ? positionOf(s, false) : -1;
        return p < 0 || outcomes[p] == NONE ? null : OUTCOMES[outcomes[p]];
    }

    @Override
    public boolean containsKey(Object id) {
        return get(id) != null;
    }

    @Override
    public int size() {
        return size;
    }

    /** The ids with an outcome, {@code chunk} at a time, in order; each chunk is made when it is reached. */
    Iterable<List<String>> chunks(int chunk) {
        return () -> new Iterator<>() {
            private final Iterator<Map.Entry<String, Outcome>> entries = entrySet().iterator();

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public List<String> next() {
                List<String> ids = new ArrayList<>(chunk);
                while (ids.size() < chunk && entries.hasNext()) {
                    ids.add(entries.next().getKey());
                }
                if (ids.isEmpty()) {
                    throw new NoSuchElementException();
                }
                return ids;
            }
        };
    }

    @Override
    public Collection<Outcome> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Outcome> iterator() {
                return new Positions<>() {
                    @Override
                    Outcome at(int p) {
                        return OUTCOMES[outcomes[p]];
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<Map.Entry<String, Outcome>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Outcome>> iterator() {
                return new Positions<>() {
                    @Override
                    Map.Entry<String, Outcome> at(int p) {
                        return new SimpleImmutableEntry<>(idAt(p), OUTCOMES[outcomes[p]]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Walks the positions that have an outcome. */
    private abstract class Positions<T> implements Iterator<T> {
        private int next = advance(0);

        private int advance(int from) {
            int p = from;
            while (p < positions && outcomes[p] == NONE) {
                p++;
            }
            return p;
        }

        abstract T at(int p);

        @Override
        public boolean hasNext() {
            return next < positions;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T value = at(next);
            next = advance(next + 1);
            return value;
        }
    }

    private String idAt(int p) {
        return HEX.formatHex(ids, 32 * p, 32 * p + 32);
    }

    private int positionOf(String id, boolean add) {
        if (id.length() != 64) {
            throw new IllegalArgumentException("not a wallet id: " + id);
        }
        byte[] key = HEX.parseHex(id);
        int mask = slots.length - 1;
        int slot = hash(key, 0) & mask;
        while (slots[slot] != 0) {
            int p = slots[slot] - 1;
            if (Arrays.equals(ids, 32 * p, 32 * p + 32, key, 0, 32)) {
                return p;
            }
            slot = (slot + 1) & mask;
        }
        if (!add) {
            return -1;
        }
        int p = positions++;
        if (p == outcomes.length) {
            outcomes = Arrays.copyOf(outcomes, p * 2);
            ids = Arrays.copyOf(ids, 32 * p * 2);
        }
        System.arraycopy(key, 0, ids, 32 * p, 32);
        outcomes[p] = NONE;
        slots[slot] = p + 1;
        if (positions * 2 > slots.length) {
            rehash();
        }
        return p;
    }

    /** Ids are hash outputs: their first bytes spread evenly already. */
    private static int hash(byte[] id, int offset) {
        int h = 0;
        for (int k = 0; k < 8; k++) {
            h = h * 31 + id[offset + k];
        }
        return (h * 0x9E3779B9) >>> 1;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int p = 0; p < positions; p++) {
            int slot = hash(ids, 32 * p) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = p + 1;
        }
    }
}
