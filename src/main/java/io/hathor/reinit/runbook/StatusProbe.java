package io.hathor.reinit.runbook;

import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.Journal;
import io.hathor.reinit.db.JournalReader;
import io.hathor.reinit.db.TableStats;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.wallet.WalletStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code reinit status}: one read-only snapshot of the wallets, a CSV's coverage and the journal's run. */
public final class StatusProbe {
    static final int STUCK_SHOWN = 20;

    private StatusProbe() {}

    /**
     * @param csv export whose wallets to follow, or null
     * @param timeout a creating wallet older than this is stuck
     */
    public record Options(Path csv, Duration timeout) {}

    public static StatusReport run(Database database, Options options, Clock clock) {
        Instant now = clock.instant();
        TableStats stats = new TableStats(database);
        Map<String, Long> byStatus = stats.walletsByStatus();
        StatusReport.Coverage coverage = options.csv() == null ? null : coverage(database, options.csv());
        JournalReader journal = new JournalReader(database);
        JournalReader.StuckWallets stuck = journal.stuck(now.minus(options.timeout()), STUCK_SHOWN);
        List<StatusReport.StuckWallet> oldest = stuck.oldest().stream()
                .map(s -> new StatusReport.StuckWallet(s.walletId(), s.since().toString())).toList();
        return new StatusReport(now.toString(), byStatus, coverage, options.timeout().toSeconds(), stuck.count(),
                oldest, journal.notInvoked(), stats.repairable(), run(journal, now), stats.walletsBySide());
    }

    static StatusReport.Coverage coverage(Database database, Path csv) {
        WalletRepository wallets = new WalletRepository(database);
        long[] n = new long[4]; // ready, creating, error, missing
        ValidationSummary summary = ExportIds.forEachChunk(csv, ids -> {
            Map<String, WalletStatus> statuses = wallets.statuses(ids);
            for (String id : ids) {
                WalletStatus s = statuses.get(id);
                n[s == null ? 3 : s == WalletStatus.READY ? 0 : s == WalletStatus.CREATING ? 1 : 2]++;
            }
        });
        long total = n[0] + n[1] + n[2] + n[3];
        double percent = total == 0 ? 0 : Math.round(n[0] * 10000.0 / total) / 100.0;
        return new StatusReport.Coverage(csv.toString(), total, n[0], n[1], n[2], n[3], summary.invalid(), percent);
    }

    static StatusReport.RunView run(JournalReader journal, Instant now) {
        Journal.RunRecord run = journal.lastRun();
        if (run == null) {
            return null;
        }
        boolean running = run.endedAt() == null;
        long done;
        long total;
        long loading = 0;
        long notYetInvoked = 0;
        JournalReader.RunProgress progress = journal.progress(run.runId());
        long attempts = progress.attempts();
        if (running) {
            // A running run's row holds its size and the wallets it decided without a load (ready, conflict, at cap).
            Journal.RunCounts c = run.counts();
            long decided = c.skippedReady() + c.conflicts() + c.error();
            total = Math.max(c.total(), decided + progress.invoked());
            done = decided + progress.done();
            loading = progress.invoked() - progress.done();
            notYetInvoked = total - decided - progress.invoked();
        } else {
            total = run.counts().total();
            done = total;
        }
        Instant end = running ? now : run.endedAt();
        double minutes = Duration.between(run.startedAt(), end).toMillis() / 60_000.0;
        // While running, the rate counts loads only: wallets decided without a load end at once.
        long paced = running ? progress.done() : done;
        Double rate = paced == 0 || minutes <= 0 ? null : Math.round(paced / minutes * 10) / 10.0;
        Long eta = running && rate != null && rate > 0 ? Math.round((total - done) / rate * 60) : null;
        Map<String, Integer> counts = null;
        if (!running) {
            Journal.RunCounts c = run.counts();
            counts = new LinkedHashMap<>();
            counts.put("ready", c.ready());
            counts.put("error", c.error());
            counts.put("timeout", c.timeout());
            counts.put("invokeFailed", c.invokeFailed());
            counts.put("skippedReady", c.skippedReady());
            counts.put("repaired", c.repaired());
        }
        return new StatusReport.RunView(run.runId(), run.state(), run.host(), run.startedAt().toString(),
                run.endedAt() == null ? null : run.endedAt().toString(), done, total, loading, notYetInvoked, attempts,
                rate, eta, counts);
    }
}
