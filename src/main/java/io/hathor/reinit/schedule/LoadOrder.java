package io.hathor.reinit.schedule;

import io.hathor.reinit.config.RunSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which tasks start. A load's time grows with the addresses it derives and scans (the last used index
 * plus the gap), so starting the heaviest first keeps a large wallet found late in the file from adding its whole
 * load time to the end of the run. Ties keep the order in which tasks were added (the file's).
 */
public final class LoadOrder {
    private static final long MAX_COST = 0xFFFF_FFFFL;

    private final RunSettings.Order order;
    private final List<WalletTask> tasks = new ArrayList<>();
    private long[] costs = new long[16];

    public LoadOrder(RunSettings.Order order) {
        this.order = order;
    }

    /**
     * Addresses a load derives and checks: every index up to the last used one, then the gap.
     *
     * @param lastUsedAddressIndex from the export, or null when the file does not give it (-1 = none used)
     */
    public static long expectedCost(Integer lastUsedAddressIndex, int maxGap) {
        int lastUsed = lastUsedAddressIndex == null ? -1 : Math.max(lastUsedAddressIndex, -1);
        return (long) lastUsed + 1 + maxGap;
    }

    public void add(WalletTask task, long cost) {
        if (tasks.size() == costs.length) {
            costs = Arrays.copyOf(costs, costs.length * 2);
        }
        costs[tasks.size()] = cost;
        tasks.add(task);
    }

    public int size() {
        return tasks.size();
    }

    /** The tasks in start order. */
    public List<WalletTask> tasks() {
        List<WalletTask> sorted = new ArrayList<>(tasks.size());
        for (int p : startPositions(order, costs, tasks.size())) {
            sorted.add(tasks.get(p));
        }
        return sorted;
    }

    /**
     * The positions 0 … count-1 in start order: by decreasing cost, equal costs (and {@code --order file}) in
     * position order. Sorts one long per position (cost and position packed), so a large run costs no objects.
     */
    public static int[] startPositions(RunSettings.Order order, long[] costs, int count) {
        int[] positions = new int[count];
        if (order == RunSettings.Order.FILE) {
            Arrays.setAll(positions, k -> k);
            return positions;
        }
        // A cost is at most 2^31 + max_gap < 2^32 and a position below 2^31: the key keeps both, the heaviest lowest.
        long[] keys = new long[count];
        for (int k = 0; k < count; k++) {
            long cost = Math.min(Math.max(costs[k], 0), MAX_COST);
            keys[k] = (MAX_COST - cost) << 31 | k;
        }
        Arrays.sort(keys);
        for (int k = 0; k < count; k++) {
            positions[k] = (int) (keys[k] & Integer.MAX_VALUE);
        }
        return positions;
    }
}
