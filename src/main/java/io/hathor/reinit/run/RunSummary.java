package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.wallet.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The result of a run, as reported.
 *
 * @param outcomes wallet id → outcome, for every wallet the run selected
 * @param reasons wallet id → why it failed (failed outcomes only)
 * @param invoked loads started by this run (Lambda invocations or in-process loads)
 * @param repaired wallets whose stale wallet_tx_history / wallet_balance rows were cleared before a load
 * @param changedAfterReady wallets seen ready that later were not (e.g. a duplicate Event delivery)
 * @param notFinished wallets selected for a load that have no end in this run (never launched after a stop, or
 *     left in flight when the database was lost), listed in a file; a rerun of the same command takes them up
 */
public record RunSummary(
        String runId,
        Instant startedAt,
        Duration duration,
        String loader,
        int total,
        int invalid,
        int invoked,
        int repaired,
        int changedAfterReady,
        boolean aborted,
        String abortReason,
        Map<String, Outcome> outcomes,
        Map<String, String> reasons,
        Path failedWalletsFile,
        Path rejectedFile,
        Path reportFile,
        NotFinished notFinished) {

    public int count(Outcome outcome) {
        return (int) outcomes.values().stream().filter(o -> o == outcome).count();
    }

    public int failed() {
        return (int) outcomes.values().stream().filter(Outcome::failed).count();
    }

    public double walletsPerMinute() {
        double minutes = duration.toMillis() / 60000.0;
        int finished = count(Outcome.READY) + count(Outcome.ERROR) + count(Outcome.TIMEOUT);
        return minutes <= 0 ? 0 : finished / minutes;
    }

    /** 3 aborted; 1 any failed wallet or invalid row; 0 otherwise. */
    public ExitStatus exitStatus() {
        if (aborted) {
            return ExitStatus.ABORTED;
        }
        return failed() > 0 || invalid > 0 ? ExitStatus.FAILED : ExitStatus.OK;
    }
}
