package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.FailedWalletsWriter;
import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.DatabaseException;
import io.hathor.reinit.db.ClaimState;
import io.hathor.reinit.db.Journal;
import io.hathor.reinit.db.Retrying;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.schedule.Completion;
import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.LoadOrder;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.BufferedWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One re-initialization: insert the wallets idempotently, decide per wallet from its database row, load the ones
 * that need it through the scheduler, check the end state once more, and summarize. Every decision is recorded
 * in the journal so that a rerun of the same command converges.
 */
public final class Reinitializer {
    private static final Logger LOG = LoggerFactory.getLogger(Reinitializer.class);
    /** Wallets read, decided, inserted or re-read at a time. */
    private static final int CHUNK = 1_000;
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

    /** The row state of each wallet taken for a launch (and of each adopted one), until its launch uses it. */
    private final Map<String, ClaimState> claims = new ConcurrentHashMap<>();
    private final Map<String, Long> attemptIds = new ConcurrentHashMap<>();
    /** Attempts of earlier runs that this run polls instead of invoking. */
    private final Map<String, Journal.LastAttempt> adopted = new ConcurrentHashMap<>();
    /** Why a wallet was invoked at once although the journal had an open attempt for it (added to failure reasons). */
    private final Map<String, String> notes = new ConcurrentHashMap<>();
    private final AtomicInteger invoked = new AtomicInteger();
    private final AtomicInteger repaired = new AtomicInteger();


    public Reinitializer(RunSettings settings, ScheduleSettings scheduleSettings, Database database,
            LoadBackend backend, SchedulerListener progress, StopSignal stop, Clock clock, String runId,
            Safeguards safeguards) {
        this.db = safeguards.database();
        this.lock = safeguards.lock();
        this.throttle = safeguards.throttle();
        this.settings = settings;
        this.scheduleSettings = scheduleSettings;
        this.wallets = new WalletRepository(database);
        this.journal = new Journal(database);
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
                db.run("record the lock connection", () -> journal.recordLockConnection(runId, lock.connectionId()));
                lock.onRetaken(id -> {
                    try {
                        journal.recordLockConnection(runId, id);
                    } catch (DatabaseException e) {
                        LOG.warn("journal: cannot record the new lock connection: {}", e.getMessage());
                    }
                });
                lock.watch();
                int interrupted = db.call("close runs that died", () -> journal.markInterruptedRuns(runId, started,
                        lock.name()));
                if (interrupted > 0) {
                    LOG.info("journal: {} earlier run(s) ended without closing their row; marked interrupted",
                            interrupted);
                }
            }
        } catch (DatabaseException e) {
            throw database("cannot write the journal", e);
        }
        LOG.info("run {}: {} wallets from {} ({} loader)", runId, input.wallets().count(), input.file(),
                backend.name());

        // Per wallet only its id and outcome (a compact map); the records stay in the input's spill file.
        WalletStates outcomes = new WalletStates();
        Map<String, String> reasons = new LinkedHashMap<>();
        int invalid = (int) input.summary().invalid();
        LoadQueue loads;
        try {
            insertAbsent(input.wallets(), started);
            int[] missing = {0};
            loads = select(input.wallets(), outcomes, reasons, missing);
            invalid += missing[0];
            recordPlan(outcomes, loads.size());
        } catch (DatabaseException | ReinitException e) {
            if (e instanceof ReinitException re && re.status() != ExitStatus.ABORTED) {
                throw re;
            }
            // Nothing was invoked: the insert is one transaction and idempotent, so a rerun starts over cleanly.
            String why = e instanceof DatabaseException failure
                    ? database("cannot insert or read wallets", failure).getMessage() : e.getMessage();
            stop.requestStop(why);
            LOG.error("{}", why);
            finishJournal(started, outcomes, invalid, "aborted", why);
            return summary(started, invalid, outcomes, reasons, 0, null, input, NotFinished.NONE);
        }

        NotFinished notFinished;
        try (loads) {
            try {
                schedule(loads, outcomes, reasons);
            } catch (ReinitException e) {
                throw failed(e, started, invalid, outcomes, reasons, input, notFinished(loads, outcomes));
            }
            // Selected but without an end: never launched after a stop, or abandoned to the journal after an outage.
            notFinished = notFinished(loads, outcomes);
        }

        int changed;
        try {
            changed = verifyEndState(outcomes, reasons);
        } catch (ReinitException e) {
            throw failed(e, started, invalid, outcomes, reasons, input, notFinished);
        }
        addNotes(outcomes, reasons);

        boolean aborted = stop.stopRequested();
        Path failedFile = writeFailedFile(input.wallets(), outcomes, reasons);
        finishJournal(started, outcomes, invalid, aborted ? "aborted" : "finished", stop.reason());
        return summary(started, invalid, outcomes, reasons, changed, failedFile, input, notFinished);
    }

    /**
     * A run-wide failure while loads run (e.g. credentials expiring, the function deleted): the run stops, and what
     * was done so far is still journaled and reported.
     */
    private RunFailedException failed(ReinitException e, Instant started, int invalid, WalletStates outcomes,
            Map<String, String> reasons, RunInput input, NotFinished notFinished) {
        stop.requestStop(e.getMessage());
        addNotes(outcomes, reasons);
        finishJournal(started, outcomes, invalid, "aborted", e.getMessage());
        Path failedFile = writeFailedFile(input.wallets(), outcomes, reasons);
        return new RunFailedException(e, summary(started, invalid, outcomes, reasons, 0, failedFile, input,
                notFinished));
    }

    /** The queued wallets without an outcome, written to {@code not_finished_<run>.txt} in the log folder. */
    private NotFinished notFinished(LoadQueue loads, Map<String, Outcome> outcomes) {
        int count = countWithoutOutcome(loads, outcomes);
        if (count == 0) {
            return NotFinished.NONE;
        }
        Path file = settings.logDir().resolve("not_finished_" + runId + ".txt");
        try {
            Files.createDirectories(settings.logDir());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                loads.forEachId(id -> {
                    if (!outcomes.containsKey(id)) {
                        try {
                            out.write(id);
                            out.newLine();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            }
            return new NotFinished(count, file);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot list the wallets not finished in {}: {}", file, e.getMessage());
            return new NotFinished(count, null);
        }
    }

    private static int countWithoutOutcome(LoadQueue loads, Map<String, Outcome> outcomes) {
        int[] count = {0};
        loads.forEachId(id -> count[0] += outcomes.containsKey(id) ? 0 : 1);
        return count[0];
    }

    private RunSummary summary(Instant started, int invalid, Map<String, Outcome> outcomes,
            Map<String, String> reasons, int changed, Path failedFile, RunInput input, NotFinished notFinished) {
        return new RunSummary(runId, started, Duration.between(started, clock.instant()), backend.name(),
                outcomes.size(), invalid, invoked.get(), repaired.get(), changed, stop.stopRequested(), stop.reason(),
                outcomes, reasons, failedFile, input.rejectedFile(),
                settings.logDir().resolve("report_" + runId + ".json"), notFinished);
    }

    private void insertAbsent(ValidatedWallets input, Instant now) {
        WalletRepository.NewWallets fresh = sink -> input.forEachChunk(CHUNK, chunk -> {
            List<WalletRepository.NewWallet> absent = new ArrayList<>(chunk.size());
            for (WalletRecord r : chunk) {
                if (!r.idOnly()) {
                    long createdAt = r.createdAt() != null ? r.createdAt() : now.getEpochSecond();
                    absent.add(new WalletRepository.NewWallet(r.id(), r.xpubkey(), r.maxGap(), createdAt,
                            r.authXpubkey(), r.keys()));
                }
            }
            sink.accept(absent);
        });
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

    /**
     * Selection a chunk of the file at a time: the rows of one chunk are in memory, then only the decisions, and
     * the wallets to load go to a {@link LoadQueue}.
     */
    private LoadQueue select(ValidatedWallets input, Map<String, Outcome> outcomes,
            Map<String, String> reasons, int[] missing) {
        LoadQueue loads = LoadQueue.create(settings.order(), claims);
        Instant since = clock.instant().minus(settings.timeout());
        try {
            input.forEachChunk(CHUNK, chunk -> {
                List<String> ids = chunk.stream().map(WalletRecord::id).toList();
                Map<String, WalletRow> rows = db.call("read the wallet rows", () -> wallets.rows(ids));
                missing[0] += countMissing(chunk, rows);
                select(chunk, rows, since, outcomes, reasons, loads);
            });
        } catch (RuntimeException e) {
            loads.close();
            throw e;
        }
        return loads;
    }

    /** Rule 3: decide from the database row, never from the file's status column. */
    private void select(List<WalletRecord> records, Map<String, WalletRow> rows, Instant since,
            Map<String, Outcome> outcomes, Map<String, String> reasons, LoadQueue loads) {
        List<String> creating = new ArrayList<>();
        for (WalletRow row : rows.values()) {
            if (row.status() == WalletStatus.CREATING) {
                creating.add(row.id());
            }
        }
        Map<String, Journal.LastAttempt> last = db.call("read the journal", () -> journal.lastAttempts(creating));
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
                        loads.add(row, maxGap(row), expectedCost(r, row));
                    }
                }
                case CREATING -> {
                    Instant live = liveEventOf(row.id(), last.get(row.id()), since);
                    if (live != null) {
                        LOG.info("wallet {} has a live invocation from {}: polling it, not invoking again", row.id(),
                                live);
                        loads.adopt(row, new WalletTask(row.id(), row.xpubkey(), maxGap(row), live));
                    } else {
                        loads.add(row, maxGap(row), expectedCost(r, row));
                    }
                }
            }
        }
    }

    /** The file's last used index (the row's is -1 after a reset), the row's for an id-only file. */
    private long expectedCost(WalletRecord r, WalletRow row) {
        Integer fileIndex = r.lastUsedAddressIndex();
        int lastUsed = Math.max(fileIndex == null ? -1 : fileIndex, row.lastUsedAddressIndex());
        return LoadOrder.expectedCost(lastUsed, maxGap(row));
    }

    /**
     * An attempt is live only while its outcome is unknown, its Event was sent less than --timeout ago, and the
     * wallet is still creating (the caller asks only for creating wallets).
     *
     * @return when the live Event was sent, or null to invoke the wallet
     */
    private Instant liveEventOf(String walletId, Journal.LastAttempt attempt, Instant since) {
        if (attempt == null) {
            return null;
        }
        if (attempt.neverSent()) {
            notes.put(walletId, "an earlier attempt was journaled but never sent: invoked at once");
            LOG.info("wallet {}: an earlier attempt from {} was journaled but never sent; invoking it now", walletId,
                    attempt.invokedAt());
            return null;
        }
        if (attempt.openEvent() && attempt.sentAt().isAfter(since)) {
            adopted.put(walletId, attempt);
            attemptIds.put(walletId, attempt.attemptId()); // its end goes to the attempt that started it
            return attempt.sentAt();
        }
        return null;
    }

    /** Lets status count every wallet of the run while it runs; a failure here costs only that display. */
    private void recordPlan(Map<String, Outcome> decided, int toLoad) {
        int[] n = new int[Outcome.values().length];
        decided.values().forEach(o -> n[o.ordinal()]++);
        try {
            db.run("record the run's plan", () -> journal.recordPlan(runId, decided.size() + toLoad,
                    n[Outcome.SKIPPED_READY.ordinal()], n[Outcome.CONFLICT.ordinal()], n[Outcome.ERROR.ordinal()]));
        } catch (DatabaseException | ReinitException e) {
            LOG.warn("journal: cannot record the run's size: {}", e.getMessage());
        }
    }

    /** The in-process loader only rebuilds the legacy side: it never takes a wallet with a shielded side. */
    private boolean directCannotLoad(WalletRow row) {
        return settings.loader() == RunSettings.LoaderKind.DIRECT && row.shielded() != null
                && (row.keys() != null || row.shielded().ctStatus() != null);
    }

    private int maxGap(WalletRow row) {
        return settings.maxGapOverride() != null ? settings.maxGapOverride() : row.maxGap();
    }

    /** Loads the queue's wallets; each end is recorded as it happens. */
    private void schedule(LoadQueue loads, Map<String, Outcome> outcomes, Map<String, String> reasons)
            throws InterruptedException {
        if (loads.size() == 0) {
            return;
        }
        Scheduler scheduler = new Scheduler(scheduleSettings, this::launch, this::pollStatuses, new JournalListener(),
                stop, clock, throttle);
        scheduler.run(loads.adopted(), loads, c -> record(outcomes, reasons, c.walletId(), c));
    }

    /** The scheduler's status source: through outages, and stopping the run once another run took the lock. */
    private Map<String, WalletStatus> pollStatuses(List<String> ids) {
        if (lock != null) {
            lock.failIfTaken();
        }
        return db.call("poll wallet statuses", () -> wallets.statuses(ids));
    }

    /** Blocks while the run lock is being taken back; fails (ABORTED) once another run holds it. */
    private void holdLock(boolean verify) throws InterruptedException {
        if (lock != null) {
            lock.awaitHeld(db.outageTimeout(), verify);
        }
    }

    /** Prepare (compare-and-set + repair), journal, then load; on a failed launch put the row back. */
    private LaunchResult launch(WalletTask task) throws Exception {
        ClaimState before = claims.remove(task.walletId());
        holdLock(false);
        closeAdopted(task.walletId());
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
        // Last check before the Event exists: a run that lost its lock sends nothing more. The attempt stays open and
        // unsent, so the run that holds the lock now (or a rerun) invokes the wallet at once.
        holdLock(true);
        if (stop.stopRequested()) {
            // The last moment before the load exists: after a stop (Ctrl+C, circuit breaker, lost lock) nothing more
            // goes out, even when the launch was handed to this thread before it. The row goes back as it was and the
            // attempt is closed unsent, so a rerun loads the wallet at once.
            withdraw(task, before, attempt, "NOT_SENT", "the run stopped before it was sent: " + stop.reason());
            attemptIds.remove(task.walletId());
            return LaunchResult.notSent(stop.reason());
        }
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
        } else if (result.kind() == LaunchResult.Kind.ACCEPTED) {
            Instant sent = clock.instant();
            db.run("journal a sent Event", () -> journal.markSent(attempt, sent));
        }
        return result;
    }

    /** An adopted attempt that reached its timeout still creating is closed before the wallet is loaded again. */
    private void closeAdopted(String walletId) {
        Journal.LastAttempt earlier = adopted.remove(walletId);
        if (earlier == null) {
            return;
        }
        notes.put(walletId, "an earlier run's Event sent " + earlier.sentAt() + " got no end within --timeout:"
                + " repaired and invoked again in this run");
        LOG.info("wallet {}: the earlier run's Event sent {} got no end within --timeout; loading it again",
                walletId, earlier.sentAt());
        db.run("journal an outcome", () -> journal.recordOutcome(earlier.attemptId(), "TIMEOUT", clock.instant(),
                "no end within --timeout; invoked again by run " + runId));
    }

    /** Puts the row back as it was and closes the journal attempt, so a rerun does not take it for a live load. */
    private void withdraw(WalletTask task, ClaimState before, long attempt, String outcome, String detail) {
        db.run("restore wallet " + task.walletId(), () -> wallets.restore(before));
        db.run("journal an outcome", () -> journal.recordOutcome(attempt, outcome, clock.instant(), detail));
    }

    /** Writes each wallet's end into its journal attempt. */
    private final class JournalListener implements SchedulerListener {
        @Override
        public void finished(WalletTask task, Completion completion) {
            // A timed-out wallet may still end late; any other end is final.
            Long attempt = completion.outcome() == Outcome.TIMEOUT ? attemptIds.get(task.walletId())
                    : attemptIds.remove(task.walletId());
            if (attempt != null) {
                try {
                    db.run("journal an outcome", () -> journal.recordOutcome(attempt, completion.outcome().name(),
                            completion.at(), completion.detail()));
                } catch (DatabaseException | ReinitException e) {
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
        public void launchedUnpolled(WalletTask task) {
            attemptIds.remove(task.walletId());
            progress.launchedUnpolled(task);
        }

        @Override
        public void progress(Progress p) {
            progress.progress(p);
        }
    }

    /** A failed wallet's reason also says why it was invoked despite an open attempt in the journal. */
    private void addNotes(Map<String, Outcome> outcomes, Map<String, String> reasons) {
        notes.forEach((id, note) -> {
            Outcome o = outcomes.get(id);
            if (o != null && o.failed()) {
                String reason = reasons.get(id);
                reasons.put(id, reason == null ? note : reason + " (" + note + ")");
            }
        });
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
     * ready that is no longer ready is repaired and loaded once more (unless --no-retry-changed), then every wallet
     * is read again, until a read finds no new change: the last read before the report is of every wallet. A wallet
     * that changes again after its extra load is reported with its real status. Late completions count by their
     * final status.
     *
     * @return wallets that changed after they were seen ready
     */
    private int verifyEndState(WalletStates outcomes, Map<String, String> reasons) throws InterruptedException {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> retried = new HashSet<>();
        while (true) {
            List<String> fresh = new ArrayList<>();
            for (List<String> chunk : outcomes.chunks(CHUNK)) {
                List<String> ids = chunk.stream().filter(id -> outcomes.get(id) != Outcome.CONFLICT).toList();
                Map<String, WalletStatus> now = readStatuses(ids);
                if (now == null) {
                    return changed.size();
                }
                for (String id : ids) {
                    Outcome o = outcomes.get(id);
                    WalletStatus s = now.get(id);
                    if (s == WalletStatus.READY) {
                        if (o == Outcome.TIMEOUT || o == Outcome.ERROR || o == Outcome.INVOKE_FAILED) {
                            // Late completions, and an invocation that reached AWS although the answer was lost.
                            outcomes.put(id, Outcome.READY);
                            reasons.remove(id);
                        }
                    } else if (o == Outcome.READY || o == Outcome.SKIPPED_READY || changed.contains(id)) {
                        changed.add(id);
                        if (retried.contains(id) || !settings.retryChanged() || stop.stopRequested()) {
                            outcomes.put(id, s == WalletStatus.CREATING ? Outcome.TIMEOUT : Outcome.ERROR);
                            reasons.put(id, CHANGED_AFTER_READY + " (status now " + (s == null ? "missing" : s.sql())
                                    + ")");
                        } else {
                            fresh.add(id);
                        }
                    }
                }
            }
            if (fresh.isEmpty()) {
                return changed.size();
            }
            LOG.warn("{} wallet(s) left 'ready' during the run ({})", fresh.size(), CHANGED_AFTER_READY);
            retried.addAll(fresh);
            retryChanged(fresh, outcomes, reasons);
        }
    }

    /**
     * One extra load per changed wallet, through the same repair step. A wallet that cannot be read again keeps its
     * outcome; a run-wide failure while the extra loads run (the function deleted, credentials expired) ends the run
     * like one in the main phase, with its report.
     */
    private void retryChanged(List<String> changed, Map<String, Outcome> outcomes, Map<String, String> reasons)
            throws InterruptedException {
        LoadQueue loads;
        try {
            Map<String, WalletRow> fresh = db.call("re-read changed wallets", () -> wallets.rows(changed));
            loads = queueChanged(fresh.values(), outcomes, reasons);
        } catch (DatabaseException | ReinitException | java.io.UncheckedIOException e) {
            LOG.warn("cannot re-read changed wallets: {}", e.getMessage());
            return;
        }
        try (loads) {
            LOG.info("loading {} changed wallet(s) once more", loads.size());
            schedule(loads, outcomes, reasons);
        }
    }

    /** The changed wallets that are still not ready, queued in file order; the queue is closed when this fails. */
    private LoadQueue queueChanged(Collection<WalletRow> rows, Map<String, Outcome> outcomes,
            Map<String, String> reasons) {
        LoadQueue loads = LoadQueue.create(RunSettings.Order.FILE, claims);
        try {
            for (WalletRow row : rows) {
                if (row.status() == WalletStatus.READY) {
                    continue;
                }
                if (directCannotLoad(row)) {
                    LOG.warn("wallet {} {}", row.id(), DIRECT_HAS_NO_SHIELDED_PASS);
                    outcomes.put(row.id(), Outcome.INVOKE_FAILED);
                    reasons.put(row.id(), DIRECT_HAS_NO_SHIELDED_PASS);
                } else {
                    loads.add(row, maxGap(row), 0);
                }
            }
            return loads;
        } catch (RuntimeException e) {
            loads.close();
            throw e;
        }
    }

    private Map<String, WalletStatus> readStatuses(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        try {
            return db.call("re-read final statuses", () -> wallets.statuses(ids));
        } catch (DatabaseException | ReinitException e) {
            LOG.warn("cannot re-read final statuses: {}", e.getMessage());
            return null;
        }
    }

    /** The failed wallets in file order, read back from the input; an id-only row is completed from the database. */
    private Path writeFailedFile(ValidatedWallets input, Map<String, Outcome> outcomes, Map<String, String> reasons) {
        if (outcomes.values().stream().noneMatch(Outcome::failed)) {
            return null;
        }
        Path file = settings.logDir().resolve("failed_wallets_" + runId + ".csv");
        try (FailedWalletsWriter writer = new FailedWalletsWriter(file)) {
            input.forEachChunk(CHUNK, chunk -> {
                List<WalletRecord> failed = chunk.stream().filter(r -> {
                    Outcome o = outcomes.get(r.id());
                    return o != null && o.failed();
                }).toList();
                List<String> idOnly = failed.stream().filter(WalletRecord::idOnly).map(WalletRecord::id).toList();
                Map<String, WalletRow> rows = idOnly.isEmpty() ? Map.of()
                        : db.call("read the failed wallets", () -> wallets.rows(idOnly));
                for (WalletRecord r : failed) {
                    WalletRow row = rows.get(r.id());
                    WalletRecord record = r.idOnly() && row != null ? fromRow(row, r.line()) : r;
                    writer.write(record, outcomes.get(r.id()) + ": " + reasons.getOrDefault(r.id(), ""));
                }
            });
        } catch (java.io.UncheckedIOException | DatabaseException | ReinitException e) {
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
        } catch (DatabaseException | ReinitException e) {
            LOG.warn("journal: cannot close run {}: {}", runId, e.getMessage());
        }
    }

    private String describeOptions() {
        return "loader=" + backend.name() + " schedule=" + settings.schedule().name().toLowerCase()
                + " batchSize=" + settings.batchSize() + " pollingInterval=" + settings.pollingInterval()
                + " timeout=" + settings.timeout() + " maxRetries=" + settings.maxRetries()
                + " forceRetry=" + settings.forceRetry() + " maxGap=" + settings.maxGapOverride()
                + " retryChanged=" + settings.retryChanged() + " order=" + settings.order() + " csv=" + settings.csv();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static ReinitException database(String what, DatabaseException e) {
        return new ReinitException(ExitStatus.ABORTED, what + ": " + e.getMessage(), e);
    }
}
