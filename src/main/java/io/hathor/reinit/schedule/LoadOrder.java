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
        if (order == RunSettings.Order.FILE || tasks.size() < 2) {
            return List.copyOf(tasks);
        }
        Integer[] positions = new Integer[tasks.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = k;
        }
        // Arrays.sort on objects is stable: equal costs keep the order of add().
        Arrays.sort(positions, (a, b) -> Long.compare(costs[b], costs[a]));
        List<WalletTask> sorted = new ArrayList<>(positions.length);
        for (Integer p : positions) {
            sorted.add(tasks.get(p));
        }
        return sorted;
    }
}
