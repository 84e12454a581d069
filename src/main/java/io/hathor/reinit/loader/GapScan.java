package io.hathor.reinit.loader;

import io.hathor.reinit.db.IndexedAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The gap-limit scan of the wallet-service's {@code generateAddresses}, without I/O: the caller supplies the
 * derivation and the lookup of existing address rows. {@link #scan} runs one wallet to the end; a {@link GapScan}
 * instance advances one chunk at a time, so a group of wallets can share one lookup per round.
 *
 * <p>Rule: derive maxGap addresses at a time; a derived address with a row is existing (used when its
 * transactions &gt; 0), one without a row is new; stop once every index up to lastUsed + maxGap was checked. New
 * addresses past lastUsed + maxGap are dropped, existing ones are all kept.
 *
 * <p>A round may look ahead: after {@value #ROUNDS_OF_ONE_CHUNK} rounds of one chunk, a wallet still scanning is
 * derived and looked up several chunks at a time (doubling per round, at most {@value #LOOKAHEAD_ADDRESSES}
 * addresses), so a wallet with n used addresses needs about log n round trips instead of n / maxGap. The chunks are
 * still taken one by one in {@link #accept}, and those past the point where the rule stops are ignored, so the
 * result is the rule's exactly; only the derivation of the ignored chunks is spent.
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
        Map<String, Long> transactions(List<String> addresses);
    }

    /**
     * @param lastUsed highest index whose row has transactions > 0, or −1
     * @param derived  how many addresses the rule derives (a multiple of maxGap; a look-ahead may derive more)
     * @param newAddresses derived addresses without a row, index ≤ lastUsed + maxGap
     * @param existing derived addresses that have a row, all of them (not trimmed)
     * @param kept     the balance/history set: indices 0 … lastUsed + maxGap, in index order
     */
    public record Result(int lastUsed, int derived, List<IndexedAddress> newAddresses, List<IndexedAddress> existing,
            List<String> kept) {}

    static final int ROUNDS_OF_ONE_CHUNK = 3;
    static final int LOOKAHEAD_ADDRESSES = 1000;

    private final int maxGap;
    private final Deriver deriver;
    private int rounds;
    private int lastUsed = -1;
    private int highestChecked = -1;
    private final List<String> all = new ArrayList<>();
    private final List<IndexedAddress> fresh = new ArrayList<>();
    private final List<IndexedAddress> existing = new ArrayList<>();
    private List<String> pending;

    public GapScan(int maxGap, Deriver deriver) {
        if (maxGap < 1) {
            throw new IllegalArgumentException("maxGap must be at least 1, got " + maxGap);
        }
        this.maxGap = maxGap;
        this.deriver = deriver;
    }

    public static Result scan(int maxGap, Deriver deriver, Lookup lookup) {
        GapScan scan = new GapScan(maxGap, deriver);
        while (!scan.done()) {
            List<String> chunk = scan.nextChunk();
            scan.accept(lookup.transactions(chunk));
        }
        return scan.result();
    }

    /** True once every index up to lastUsed + maxGap has been checked. */
    public boolean done() {
        return lastUsed + maxGap <= highestChecked;
    }

    /**
     * Derives the next round's addresses (one chunk of maxGap, or more when looking ahead); their rows must be
     * passed to {@link #accept} before the next call.
     */
    public List<String> nextChunk() {
        if (done() || pending != null) {
            throw new IllegalStateException(done() ? "the scan is done" : "the previous chunk was not accepted");
        }
        pending = Arrays.asList(deriver.addresses(highestChecked + 1, maxGap * chunksThisRound()));
        rounds++;
        return pending;
    }

    private int chunksThisRound() {
        if (rounds < ROUNDS_OF_ONE_CHUNK) {
            return 1;
        }
        int most = Math.max(1, LOOKAHEAD_ADDRESSES / maxGap);
        return Math.min(most, 1 << Math.min(20, rounds - ROUNDS_OF_ONE_CHUNK + 1));
    }

    /** The rows found for the pending chunk: any map that holds at least the chunk's addresses that have a row. */
    public void accept(Map<String, Long> rows) {
        if (pending == null) {
            throw new IllegalStateException("no chunk is pending");
        }
        for (int chunk = 0; chunk < pending.size() / maxGap && !done(); chunk++) {
            int from = highestChecked + 1;
            List<String> addresses = pending.subList(chunk * maxGap, (chunk + 1) * maxGap);
            all.addAll(addresses);
            for (int k = 0; k < maxGap; k++) {
                int index = from + k;
                String address = addresses.get(k);
                Long transactions = rows.get(address);
                if (transactions == null) {
                    fresh.add(new IndexedAddress(address, index));
                } else {
                    existing.add(new IndexedAddress(address, index));
                    if (transactions > 0 && index > lastUsed) {
                        lastUsed = index;
                    }
                }
            }
            highestChecked += maxGap;
        }
        pending = null;
    }

    public Result result() {
        if (!done()) {
            throw new IllegalStateException("the scan is not done");
        }
        int limit = lastUsed + maxGap;
        List<IndexedAddress> window = fresh.stream().filter(a -> a.index() <= limit).toList();
        return new Result(lastUsed, all.size(), window, List.copyOf(existing), List.copyOf(all.subList(0, limit + 1)));
    }
}
