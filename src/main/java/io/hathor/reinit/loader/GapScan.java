package io.hathor.reinit.loader;

import io.hathor.reinit.db.IndexedAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The gap-limit scan of the wallet-service's {@code generateAddresses}, without I/O: the caller
 * supplies the derivation and the per-chunk lookup of existing address rows.
 */
public final class GapScan {

    /** Derives the addresses for indices {@code from} … {@code from + count - 1}, in index order. */
    @FunctionalInterface
    public interface Deriver {
        String[] addresses(int from, int count);
    }

    /** address → {@code address.transactions} for those of {@code addresses} that have a row (any wallet_id). */
    @FunctionalInterface
    public interface Lookup {
        Map<String, Long> transactions(List<String> addresses) throws SQLException;
    }

    /**
     * @param lastUsed highest index whose row has transactions > 0, or −1
     * @param derived  how many addresses were derived (a multiple of maxGap)
     * @param newAddresses derived addresses without a row, index ≤ lastUsed + maxGap
     * @param existing derived addresses that have a row, all of them (not trimmed)
     * @param kept     the balance/history set: indices 0 … lastUsed + maxGap, in index order
     */
    public record Result(int lastUsed, int derived, List<IndexedAddress> newAddresses, List<IndexedAddress> existing,
            List<String> kept) {}

    private GapScan() {}

    public static Result scan(int maxGap, Deriver deriver, Lookup lookup) throws SQLException {
        if (maxGap < 1) {
            throw new IllegalArgumentException("maxGap must be at least 1, got " + maxGap);
        }
        int lastUsed = -1;
        int highestChecked = -1;
        List<String> all = new ArrayList<>();
        List<IndexedAddress> fresh = new ArrayList<>();
        List<IndexedAddress> existing = new ArrayList<>();
        do {
            int from = highestChecked + 1;
            List<String> chunk = Arrays.asList(deriver.addresses(from, maxGap));
            all.addAll(chunk);
            Map<String, Long> rows = lookup.transactions(chunk);
            for (int k = 0; k < chunk.size(); k++) {
                int index = from + k;
                Long transactions = rows.get(chunk.get(k));
                if (transactions == null) {
                    fresh.add(new IndexedAddress(chunk.get(k), index));
                } else {
                    existing.add(new IndexedAddress(chunk.get(k), index));
                    if (transactions > 0 && index > lastUsed) {
                        lastUsed = index;
                    }
                }
            }
            highestChecked += maxGap;
        } while (lastUsed + maxGap > highestChecked);
        int limit = lastUsed + maxGap;
        fresh.removeIf(a -> a.index() > limit);
        return new Result(lastUsed, all.size(), List.copyOf(fresh), List.copyOf(existing), List.copyOf(all.subList(0, limit + 1)));
    }
}
