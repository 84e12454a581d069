package io.hathor.reinit.runbook;

import java.util.List;
import java.util.Map;

/**
 * What {@code reinit status} shows at one moment.
 *
 * @param at ISO-8601 time of the snapshot
 * @param walletsByStatus unified wallet status → count in the database
 * @param walletsBySide shielded schema: "status" and "ct_status", each value → count; null on the legacy schema
 * @param coverage how far the wallets of a CSV are, or null without --csv
 * @param timeoutSeconds how long a wallet may be creating before it counts as stuck
 * @param stuck creating wallets invoked longer than the timeout ago (without a journal: by ready_at, else created_at)
 * @param stuckOldest up to 20 of them, oldest first
 * @param notInvoked creating wallets that no run has invoked yet (with a journal)
 * @param repairable wallets not ready that hold wallet_tx_history or wallet_balance rows (a run repairs them)
 * @param run the current or last run from the journal, or null
 */
public record StatusReport(String at, Map<String, Long> walletsByStatus, Coverage coverage, long timeoutSeconds,
        long stuck, List<StuckWallet> stuckOldest, long notInvoked, long repairable, RunView run,
        Map<String, Map<String, Long>> walletsBySide) {

    public StatusReport(String at, Map<String, Long> walletsByStatus, Coverage coverage, long timeoutSeconds,
            long stuck, List<StuckWallet> stuckOldest, long notInvoked, long repairable, RunView run) {
        this(at, walletsByStatus, coverage, timeoutSeconds, stuck, stuckOldest, notInvoked, repairable, run, null);
    }

    /** The wallets of a file against the database. */
    public record Coverage(String file, long wallets, long ready, long creating, long error, long missing,
            long invalidRows, double readyPercent) {}

    /** A wallet in creating since {@code since} (ISO-8601). */
    public record StuckWallet(String id, String since) {}

    /**
     * A run of the journal.
     *
     * @param done wallets with an end (running: decided without a load, or a load with an outcome), else total
     * @param total every wallet of the run
     * @param loading wallets invoked whose outcome is not known yet (running), else 0
     * @param notYetInvoked wallets of the run still to be invoked (running), else 0
     * @param walletsPerMinute done / elapsed, null before anything is done
     * @param etaSeconds time left at that rate while running, else null
     */
    public record RunView(String runId, String state, String host, String startedAt, String endedAt, long done,
            long total, long loading, long notYetInvoked, long attempts, Double walletsPerMinute, Long etaSeconds,
            Map<String, Integer> counts) {}
}
