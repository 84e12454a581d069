package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.FailedWalletsWriter;
import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.db.Journal;
import io.hathor.reinit.db.Retrying;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.schedule.Completion;
import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.ScheduleSettings;
import io.hathor.reinit.schedule.Scheduler;
import io.hathor.reinit.schedule.SchedulerListener;
import io.hathor.reinit.schedule.StopSignal;
import io.hathor.reinit.schedule.ThrottleSignal;
import io.hathor.reinit.schedule.WalletTask;
import io.hathor.reinit.wallet.Outcome;
import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One re-initialization: insert the wallets idempotently, decide per wallet from its database row, load the ones
 * that need it through the scheduler, check the end state once more, and summarize. Every decision is recorded
 * in the journal so that a rerun of the same command converges.
 */
public final class Reinitializer {
    private static final Logger LOG = LoggerFactory.getLogger(Reinitializer.class);
    static final String CHANGED_AFTER_READY = "changed after it was ready: probably a duplicate Event delivery";
    static final String DIRECT_HAS_NO_SHIELDED_PASS = "has shielded keys: the in-process loader has no shielded pass;"
            + " load it with --loader lambda";

    private final RunSettings settings;
    private final ScheduleSettings scheduleSettings;
    private final WalletRepository wallets;
    private final Journal journal;
    private final LoadBackend backend;
    private final SchedulerListener progress;
    private final StopSignal stop;
    private final Clock clock;
    private final String runId;
    private final Retrying db;
    private final RunLock lock;
    private final ThrottleSignal throttle;

    private final Map<String, WalletRow> rowsBeforeLoad = new ConcurrentHashMap<>();
    private final Map<String, Long> attemptIds = new ConcurrentHashMap<>();
    /** Every end the scheduler reported, kept for the report when the scheduler itself fails. */
    private final Map<String, Completion> finishedSoFar = new ConcurrentHashMap<>();
    private final AtomicInteger invoked = new AtomicInteger();
    private final AtomicInteger repaired = new AtomicInteger();


    public Reinitializer(RunSettings settings, ScheduleSettings scheduleSettings, DataSource dataSource,
            LoadBackend backend, SchedulerListener progress, StopSignal stop, Clock clock, String runId,
            Safeguards safeguards) {
        this.db = safeguards.database();
        this.lock = safeguards.lock();
        this.throttle = safeguards.throttle();
        this.settings = settings;
        this.scheduleSettings = scheduleSettings;
        this.wallets = new WalletRepository(dataSource);
        this.journal = new Journal(dataSource);
        this.backend = backend;
        this.progress = progress == null ? SchedulerListener.NONE : progress;
        this.stop = stop;
        this.clock = clock;
        this.runId = runId;
    }

    public RunSummary run(RunInput input) throws InterruptedException {
        Instant started = clock.instant();
        backend.checkReady();
        try {
            db.run("create the journal tables", journal::createTablesIfAbsent);
            db.run("record the run", () -> journal.startRun(runId, started, hostName(), input.sha256(),
                    describeOptions()));
            if (lock != null) {
                int interrupted = db.call("close runs that died", () -> journal.markInterruptedRuns(runId, started));
                if (interrupted > 0) {
                    LOG.info("journal: {} earlier run(s) ended without closing their row; marked interrupted",
                            interrupted);
                }
            }
        } catch (SQLException e) {
            throw database("cannot write the journal", e);
        }
        LOG.info("run {}: {} wallets from {} ({} loader)", runId, input.records().size(), input.file(), backend.name());

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, WalletRecord> recordsById = new LinkedHashMap<>();
        int invalid = (int) input.summary().invalid();
        List<WalletTask> tasks;
        Map<String, WalletRow> rows;
        try {
            insertAbsent(input.records(), started);
            List<String> ids = new ArrayList<>();
            for (WalletRecord r : input.records()) {
                recordsById.put(r.id(), r);
                ids.add(r.id());
            }
            rows = db.call("read the wallet rows", () -> wallets.rows(ids));
            invalid += countMissing(input.records(), rows);
            tasks = select(input.records(), rows, outcomes, reasons);
        } catch (SQLException | ReinitException e) {
            if (e instanceof ReinitException re && re.status() != ExitStatus.ABORTED) {
                throw re;
            }
            // Nothing was invoked: the insert is one transaction and idempotent, so a rerun starts over cleanly.
            String why = e instanceof SQLException sql ? database("cannot insert or read wallets", sql).getMessage()
                    : e.getMessage();
            stop.requestStop(why);
            LOG.error("{}", why);
            finishJournal(started, outcomes, invalid, "aborted", why);
            return summary(started, invalid, outcomes, reasons, 0, null, input, List.of());
        }

        Map<String, Completion> completions;
        try {
            completions = schedule(tasks);
        } catch (ReinitException e) {
            // A run-wide failure (e.g. credentials expiring mid-run): still report what was done so far.
            stop.requestStop(e.getMessage());
            finishedSoFar.forEach((id, c) -> record(outcomes, reasons, id, c));
            finishJournal(started, outcomes, invalid, "aborted", e.getMessage());
            List<String> notFinished = tasks.stream().map(WalletTask::walletId)
                    .filter(id -> !outcomes.containsKey(id)).toList();
            Path failedFile = writeFailedFile(outcomes, reasons, recordsById, rows);
            throw new RunFailedException(e, summary(started, invalid, outcomes, reasons, 0, failedFile, input,
                    notFinished));
        }
        completions.forEach((id, c) -> record(outcomes, reasons, id, c));
        // Selected but without an end: never launched after a stop, or abandoned to the journal after an outage.
        List<String> notFinished = tasks.stream().map(WalletTask::walletId).filter(id -> !outcomes.containsKey(id))
                .toList();

        int changed = verifyEndState(rows, outcomes, reasons);

        boolean aborted = stop.stopRequested();
        Path failedFile = writeFailedFile(outcomes, reasons, recordsById, rows);
        finishJournal(started, outcomes, invalid, aborted ? "aborted" : "finished", stop.reason());
        return summary(started, invalid, outcomes, reasons, changed, failedFile, input, notFinished);
    }

    private RunSummary summary(Instant started, int invalid, Map<String, Outcome> outcomes,
            Map<String, String> reasons, int changed, Path failedFile, RunInput input, List<String> notFinished) {
        return new RunSummary(runId, started, Duration.between(started, clock.instant()), backend.name(),
                outcomes.size(), invalid, invoked.get(), repaired.get(), changed, stop.stopRequested(), stop.reason(),
                outcomes, reasons, failedFile, input.rejectedFile(),
                settings.logDir().resolve("report_" + runId + ".json"), notFinished);
    }

    private void insertAbsent(List<WalletRecord> records, Instant now) throws SQLException {
        List<WalletRepository.NewWallet> fresh = new ArrayList<>();
        for (WalletRecord r : records) {
            if (!r.idOnly()) {
                long createdAt = r.createdAt() != null ? r.createdAt() : now.getEpochSecond();
                fresh.add(new WalletRepository.NewWallet(r.id(), r.xpubkey(), r.maxGap(), createdAt, r.authXpubkey(),
                        r.keys()));
            }
        }
        // One transaction that rolls back on failure, and a no-op for rows that exist: safe to repeat.
        db.run("insert the wallets", () -> wallets.insertAbsent(fresh));
    }

    private static int countMissing(List<WalletRecord> records, Map<String, WalletRow> rows) {
        int missing = 0;
        for (WalletRecord r : records) {
            if (r.idOnly() && !rows.containsKey(r.id())) {
                LOG.warn("line {}: wallet {} is not in the database; an id-only file can only retry existing wallets",
                        r.line(), r.id());
                missing++;
            }
        }
        return missing;
    }

    /** Rule 3: decide from the database row, never from the file's status column. */
    private List<WalletTask> select(List<WalletRecord> records, Map<String, WalletRow> rows,
            Map<String, Outcome> outcomes, Map<String, String> reasons) throws SQLException {
        List<String> creating = new ArrayList<>();
        for (WalletRow row : rows.values()) {
            if (row.status() == WalletStatus.CREATING) {
                creating.add(row.id());
            }
        }
        Instant since = clock.instant().minus(settings.timeout());
        Map<String, Journal.LiveInvocation> live = db.call("read the journal",
                () -> journal.liveInvocations(creating, since));
        List<WalletTask> tasks = new ArrayList<>();
        for (WalletRecord r : records) {
            WalletRow row = rows.get(r.id());
            if (row == null) {
                continue;
            }
            if (!r.idOnly() && !row.xpubkey().equals(r.xpubkey())) {
                outcomes.put(r.id(), Outcome.CONFLICT);
                reasons.put(r.id(), "the database holds this id with a different xpubkey");
                continue;
            }
            if (row.shielded() != null && r.keys() != null && !r.keys().sameKeys(row.keys())) {
                outcomes.put(r.id(), Outcome.CONFLICT);
                reasons.put(r.id(), "the database holds this id with different shielded keys");
                continue;
            }
            if (row.status() != WalletStatus.READY && directCannotLoad(row)) {
                LOG.warn("wallet {} {}", row.id(), DIRECT_HAS_NO_SHIELDED_PASS);
                outcomes.put(r.id(), Outcome.INVOKE_FAILED);
                reasons.put(r.id(), DIRECT_HAS_NO_SHIELDED_PASS);
                continue;
            }
            switch (row.status()) {
                case READY -> outcomes.put(r.id(), Outcome.SKIPPED_READY);
                case ERROR -> {
                    if (row.retryCount() >= settings.maxRetries() && !settings.forceRetry()) {
                        outcomes.put(r.id(), Outcome.ERROR);
                        reasons.put(r.id(), "retry_count " + row.retryCount() + " reached --max-retries "
                                + settings.maxRetries() + " (use --force-retry)");
                    } else {
                        tasks.add(task(row, null));
                    }
                }
                case CREATING -> {
                    Journal.LiveInvocation adopted = live.get(row.id());
                    if (adopted != null) {
                        // Its end goes to the attempt that started it.
                        attemptIds.put(row.id(), adopted.attemptId());
                    }
                    tasks.add(task(row, adopted == null ? null : adopted.invokedAt()));
                }
            }
        }
        return tasks;
    }

    /** The in-process loader only rebuilds the legacy side: it never takes a wallet with a shielded side. */
    private boolean directCannotLoad(WalletRow row) {
        return settings.loader() == RunSettings.LoaderKind.DIRECT && row.shielded() != null
                && (row.keys() != null || row.shielded().ctStatus() != null);
    }

    private WalletTask task(WalletRow row, Instant liveInvocation) {
        rowsBeforeLoad.put(row.id(), row);
        int maxGap = settings.maxGapOverride() != null ? settings.maxGapOverride() : row.maxGap();
        if (liveInvocation != null) {
            LOG.info("wallet {} has a live invocation from {}: polling it, not invoking again", row.id(), liveInvocation);
        }
        return new WalletTask(row.id(), row.xpubkey(), maxGap, liveInvocation);
    }

    private Map<String, Completion> schedule(List<WalletTask> tasks) throws InterruptedException {
        if (tasks.isEmpty()) {
            return Map.of();
        }
        Scheduler scheduler = new Scheduler(scheduleSettings, this::launch, this::pollStatuses, new JournalListener(),
                stop, clock, throttle);
        return scheduler.run(tasks);
    }

    /** The scheduler's status source: through outages, and checking on the way that the run lock is still ours. */
    private Map<String, WalletStatus> pollStatuses(List<String> ids) throws SQLException {
        if (lock != null && !lock.keepHeld()) {
            throw new ReinitException(ExitStatus.ABORTED, "another run took the run lock " + lock.name()
                    + " (this run lost it while the database was away)");
        }
        return db.call("poll wallet statuses", () -> wallets.statuses(ids));
    }

    /** Prepare (compare-and-set + repair), journal, then load; on a failed launch put the row back. */
    private LaunchResult launch(WalletTask task) throws Exception {
        WalletRow before = rowsBeforeLoad.get(task.walletId());
        // A retried claim whose first commit went through reads as "changed" and the wallet is polled; a rerun
        // then finds it creating without an invocation and loads it.
        int cleared = db.call("prepare wallet " + task.walletId(), () -> wallets.claimForLoad(before));
        if (cleared < 0) {
            LOG.warn("wallet {} changed since it was read ({}); polling it instead of loading it", task.walletId(),
                    before.status());
            return LaunchResult.accepted(0);
        }
        if (cleared > 0) {
            repaired.incrementAndGet();
            LOG.info("wallet {}: cleared {} stale wallet_tx_history/wallet_balance rows before loading", task.walletId(),
                    cleared);
        }
        Instant at = clock.instant();
        String loaderKind = settings.loader() == RunSettings.LoaderKind.DIRECT ? "direct" : "lambda";
        long attempt = db.call("journal an invocation", () -> journal.recordInvocation(runId, task.walletId(), at,
                cleared, loaderKind));
        attemptIds.put(task.walletId(), attempt);
        invoked.incrementAndGet();
        LaunchResult result;
        try {
            result = backend.load(task);
        } catch (ReinitException e) {
            withdraw(task, before, attempt, "ABORTED", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // One wallet's unexpected failure is that wallet's INVOKE_FAILED, not the end of the run.
            LOG.warn("wallet {}: the load could not be started: {}", task.walletId(), e.toString());
            LOG.debug("wallet {} launch failure", task.walletId(), e);
            String detail = "the load could not be started: " + e.getClass().getSimpleName();
            withdraw(task, before, attempt, "INVOKE_FAILED", detail);
            return LaunchResult.failed(detail, 0);
        }
        if (result.kind() == LaunchResult.Kind.FAILED) {
            withdraw(task, before, attempt, "INVOKE_FAILED", result.detail());
        }
        return result;
    }

    /** Puts the row back as it was and closes the journal attempt, so a rerun does not take it for a live load. */
    private void withdraw(WalletTask task, WalletRow before, long attempt, String outcome, String detail)
            throws SQLException {
        db.run("restore wallet " + task.walletId(), () -> wallets.restore(before));
        db.run("journal an outcome", () -> journal.recordOutcome(attempt, outcome, clock.instant(), detail));
    }

    /** Writes each wallet's end into its journal attempt. */
    private final class JournalListener implements SchedulerListener {
        @Override
        public void finished(WalletTask task, Completion completion) {
            finishedSoFar.put(task.walletId(), completion);
            Long attempt = attemptIds.get(task.walletId());
            if (attempt != null) {
                try {
                    db.run("journal an outcome", () -> journal.recordOutcome(attempt, completion.outcome().name(),
                            completion.at(), completion.detail()));
                } catch (SQLException | ReinitException e) {
                    LOG.warn("journal: cannot record the outcome of {}: {}", task.walletId(), e.getMessage());
                }
            }
            progress.finished(task, completion);
        }

        @Override
        public void launched(WalletTask task, LaunchResult result) {
            progress.launched(task, result);
        }

        @Override
        public void progress(Progress p) {
            progress.progress(p);
        }
    }

    private static void record(Map<String, Outcome> outcomes, Map<String, String> reasons, String id, Completion c) {
        outcomes.put(id, c.outcome());
        if (c.outcome().failed() && c.detail() != null) {
            reasons.put(id, c.detail());
        } else {
            reasons.remove(id);
        }
    }

    /**
     * Rule: the report must be true when the run ends. Reads every selected wallet's status again; a wallet counted
     * ready that is no longer ready is repaired and loaded once more (unless --no-retry-changed), and reported with
     * its real status if it still does not end ready. Late completions count by their final status.
     *
     * @return wallets that changed after they were seen ready
     */
    private int verifyEndState(Map<String, WalletRow> rows, Map<String, Outcome> outcomes, Map<String, String> reasons)
            throws InterruptedException {
        List<String> ids = new ArrayList<>();
        outcomes.forEach((id, o) -> {
            if (o != Outcome.CONFLICT) {
                ids.add(id);
            }
        });
        Map<String, WalletStatus> now = readStatuses(ids);
        if (now == null) {
            return 0;
        }
        List<String> changed = new ArrayList<>();
        for (String id : ids) {
            Outcome o = outcomes.get(id);
            WalletStatus s = now.get(id);
            if ((o == Outcome.READY || o == Outcome.SKIPPED_READY) && s != WalletStatus.READY) {
                changed.add(id);
            } else if ((o == Outcome.TIMEOUT || o == Outcome.ERROR || o == Outcome.INVOKE_FAILED)
                    && s == WalletStatus.READY) {
                // Late completions, and an invocation that reached AWS although the answer was lost.
                outcomes.put(id, Outcome.READY);
                reasons.remove(id);
            }
        }
        if (changed.isEmpty()) {
            return 0;
        }
        LOG.warn("{} wallet(s) left 'ready' during the run ({})", changed.size(), CHANGED_AFTER_READY);
        if (settings.retryChanged() && !stop.stopRequested()) {
            retryChanged(changed, outcomes, reasons);
            now = readStatuses(changed);
            if (now == null) {
                return changed.size();
            }
        }
        for (String id : changed) {
            WalletStatus s = now.get(id);
            if (s == WalletStatus.READY) {
                outcomes.put(id, Outcome.READY);
                reasons.remove(id);
            } else {
                outcomes.put(id, s == WalletStatus.CREATING ? Outcome.TIMEOUT : Outcome.ERROR);
                reasons.put(id, CHANGED_AFTER_READY + " (status now " + (s == null ? "missing" : s.sql()) + ")");
            }
        }
        return changed.size();
    }

    /** One extra load per changed wallet, through the same repair step. */
    private void retryChanged(List<String> changed, Map<String, Outcome> outcomes, Map<String, String> reasons)
            throws InterruptedException {
        try {
            Map<String, WalletRow> fresh = db.call("re-read changed wallets", () -> wallets.rows(changed));
            List<WalletTask> tasks = new ArrayList<>();
            for (WalletRow row : fresh.values()) {
                if (row.status() != WalletStatus.READY) {
                    tasks.add(task(row, null));
                }
            }
            LOG.info("loading {} changed wallet(s) once more", tasks.size());
            schedule(tasks).forEach((id, c) -> record(outcomes, reasons, id, c));
        } catch (SQLException | ReinitException e) {
            LOG.warn("cannot re-read changed wallets: {}", e.getMessage());
        }
    }

    private Map<String, WalletStatus> readStatuses(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        try {
            return db.call("re-read final statuses", () -> wallets.statuses(ids));
        } catch (SQLException | ReinitException e) {
            LOG.warn("cannot re-read final statuses: {}", e.getMessage());
            return null;
        }
    }

    private Path writeFailedFile(Map<String, Outcome> outcomes, Map<String, String> reasons,
            Map<String, WalletRecord> records, Map<String, WalletRow> rows) {
        List<String> failed = outcomes.entrySet().stream().filter(e -> e.getValue().failed()).map(Map.Entry::getKey)
                .toList();
        if (failed.isEmpty()) {
            return null;
        }
        Path file = settings.logDir().resolve("failed_wallets_" + runId + ".csv");
        try (FailedWalletsWriter writer = new FailedWalletsWriter(file)) {
            for (String id : failed) {
                WalletRecord record = records.get(id);
                if (record == null || record.idOnly()) {
                    record = fromRow(rows.get(id), record == null ? 0 : record.line());
                }
                writer.write(record, outcomes.get(id) + ": " + reasons.getOrDefault(id, ""));
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.error("cannot write {}: {}", file, e.getMessage());
            return null;
        }
        return file;
    }

    private static WalletRecord fromRow(WalletRow row, long line) {
        return new WalletRecord(line, row.id(), row.xpubkey(), row.status(), row.maxGap(), row.createdAt(),
                row.readyAt(), row.retryCount(), row.authXpubkey(), row.lastUsedAddressIndex());
    }

    private void finishJournal(Instant started, Map<String, Outcome> outcomes, int invalid, String state,
            String reason) {
        int[] n = new int[Outcome.values().length];
        outcomes.values().forEach(o -> n[o.ordinal()]++);
        Journal.RunCounts counts = new Journal.RunCounts(outcomes.size(), n[Outcome.READY.ordinal()],
                n[Outcome.ERROR.ordinal()], n[Outcome.TIMEOUT.ordinal()], n[Outcome.INVOKE_FAILED.ordinal()],
                n[Outcome.SKIPPED_READY.ordinal()], n[Outcome.CONFLICT.ordinal()], invalid, repaired.get());
        try {
            db.run("close the run in the journal", () -> journal.finishRun(runId, clock.instant(), state, counts,
                    reason));
        } catch (SQLException | ReinitException e) {
            LOG.warn("journal: cannot close run {}: {}", runId, e.getMessage());
        }
    }

    private String describeOptions() {
        return "loader=" + backend.name() + " schedule=" + settings.schedule().name().toLowerCase()
                + " batchSize=" + settings.batchSize() + " pollingInterval=" + settings.pollingInterval()
                + " timeout=" + settings.timeout() + " maxRetries=" + settings.maxRetries()
                + " forceRetry=" + settings.forceRetry() + " maxGap=" + settings.maxGapOverride()
                + " retryChanged=" + settings.retryChanged() + " csv=" + settings.csv();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static ReinitException database(String what, SQLException e) {
        return new ReinitException(ExitStatus.ABORTED, what + ": " + e.getMessage(), e);
    }
}
