package io.hathor.reinit.schedule;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.wallet.Outcome;
import io.hathor.reinit.wallet.WalletStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches wallet loads and waits for them. When to launch is the {@link DispatchStrategy}'s: {@link
 * WindowStrategy} keeps up to N wallets loading and starts the next as soon as one ends; {@link BatchStrategy} sends
 * a whole batch, waits until every wallet is terminal, pauses, repeats. Both use the current {@link Window} (halved
 * on throttling, grown by one per clean launch). Completion is read from the database by one status query per poll;
 * each wallet's timeout runs from its own invocation.
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final ScheduleSettings settings;
    private final LoadLauncher launcher;
    private final StatusSource statusSource;
    private final SchedulerListener listener;
    private final StopSignal stop;
    private final Clock clock;
    private Instant firstPollFailure;
    private final ThrottleSignal throttle;

    public Scheduler(ScheduleSettings settings, LoadLauncher launcher, StatusSource statusSource,
            SchedulerListener listener, StopSignal stop, Clock clock) {
        this(settings, launcher, statusSource, listener, stop, clock, null);
    }

    /**
     * @param throttle early throttling reports from the launches in progress (halve the window at the first 429
     *     instead of at the end of a launch's retries), or null
     */
    public Scheduler(ScheduleSettings settings, LoadLauncher launcher, StatusSource statusSource,
            SchedulerListener listener, StopSignal stop, Clock clock, ThrottleSignal throttle) {
        this.throttle = throttle;
        this.settings = settings;
        this.launcher = launcher;
        this.statusSource = statusSource;
        this.listener = listener == null ? SchedulerListener.NONE : listener;
        this.stop = stop;
        this.clock = clock;
    }

    /** A wallet between launch and its end. */
    private static final class InFlight {
        final WalletTask task;
        boolean waiting;
        /** Still launching when a run-wide failure stopped the polls: only its launch's result is awaited. */
        boolean abandoned;
        Instant deadline;

        InFlight(WalletTask task) {
            this.task = task;
        }
    }

    private record LaunchEvent(WalletTask task, LaunchResult result, Exception failure) {}

    /** The ends so far: counted for the progress display and handed on, never kept per wallet. */
    private static final class Ends {
        private final int total;
        private final Consumer<Completion> sink;
        private final int[] counts = new int[Outcome.values().length];

        Ends(int total, Consumer<Completion> sink) {
            this.total = total;
            this.sink = sink;
        }

        void add(Completion completion) {
            counts[completion.outcome().ordinal()]++;
            sink.accept(completion);
        }

        /** A timed-out wallet that ended after all. */
        void late(Completion completion) {
            counts[Outcome.TIMEOUT.ordinal()]--;
            add(completion);
        }

        SchedulerListener.Progress progress(int inFlight, int window) {
            return new SchedulerListener.Progress(total, counts[Outcome.READY.ordinal()],
                    counts[Outcome.ERROR.ordinal()], counts[Outcome.TIMEOUT.ordinal()],
                    counts[Outcome.INVOKE_FAILED.ordinal()], inFlight, window);
        }
    }

    /**
     * Runs every task to an end (or until stopped: tasks never launched are absent from the result).
     *
     * @see #run(List, PendingTasks, Consumer)
     */
    public Map<String, Completion> run(List<WalletTask> tasks) throws InterruptedException {
        List<WalletTask> adopted = new ArrayList<>();
        List<WalletTask> fresh = new ArrayList<>();
        for (WalletTask task : tasks) {
            (task.adopted() ? adopted : fresh).add(task);
        }
        Map<String, Completion> done = new LinkedHashMap<>();
        run(adopted, PendingTasks.of(fresh), c -> done.put(c.walletId(), c));
        return done;
    }

    /**
     * Runs every task to an end, or until stopped: tasks never launched get no end. Each end goes to {@code ended}
     * when it happens (a timed-out wallet that finished after all comes a second time, with its late end); nothing
     * is kept per wallet beyond the ones in flight.
     *
     * <p>A launch handed to a thread before a stop is still waited for: the launcher withdraws it
     * ({@link LaunchResult.Kind#NOT_SENT}) or it went out and is polled to its end. A database outage longer than
     * the run allows (a {@link ReinitException} with status ABORTED from a launch or a poll) stops the run: the
     * wallets being polled are abandoned to the journal (a rerun polls them), and a launch that went out after that
     * is reported to {@link SchedulerListener#launchedUnpolled}.
     *
     * @param adopted earlier runs' invocations that may still be running: polled, not launched
     * @param pending the wallets to launch, in start order
     * @throws ReinitException when a launch reports any other run-wide failure (a configuration problem)
     */
    public void run(List<WalletTask> adopted, PendingTasks pending, Consumer<Completion> ended)
            throws InterruptedException {
        Map<String, InFlight> inFlight = new LinkedHashMap<>();
        // Adopted wallets that reached their timeout still creating: launched again, before the pending ones.
        Deque<WalletTask> relaunch = new ArrayDeque<>();
        BlockingQueue<LaunchEvent> events = new LinkedBlockingQueue<>();
        List<InFlight> timedOut = new ArrayList<>();
        ErrorRateBreaker breaker = new ErrorRateBreaker(settings.maxErrorRate(), settings.errorWindow(),
                settings.minErrorSamples());
        Ends ends = new Ends(adopted.size() + pending.remaining(), ended);
        Window window = new Window(settings.window());
        DispatchStrategy strategy = DispatchStrategy.of(settings, stop, clock);
        adopt(adopted, inFlight);
        ExecutorService launchPool = Executors.newFixedThreadPool(settings.launchThreads(), named("reinit-launch"));
        try {
            Instant nextPoll = clock.instant();
            while (true) {
                // Checked before every dispatch: a stop (Ctrl+C, circuit breaker, lost lock) sends nothing more.
                if (!stop.stopRequested()) {
                    int launches = strategy.launchesNow(inFlight.size(), relaunch.size() + pending.remaining(),
                            window.size());
                    for (int i = 0; i < launches; i++) {
                        submit(launchPool, relaunch.isEmpty() ? pending.next() : relaunch.poll(), inFlight, events);
                    }
                }
                boolean noneLeft = relaunch.isEmpty() && pending.remaining() == 0;
                if (inFlight.isEmpty() && (noneLeft || stop.stopRequested())) {
                    break;
                }
                long waitMs = Math.max(0, Duration.between(clock.instant(), nextPoll).toMillis());
                LaunchEvent event = events.poll(Math.min(waitMs, 100), TimeUnit.MILLISECONDS);
                if (throttle != null && throttle.drain() > 0) {
                    window.halve();
                }
                while (event != null) {
                    try {
                        handleLaunch(event, inFlight, ends, breaker, window);
                    } catch (ReinitException e) {
                        if (e.status() != ExitStatus.ABORTED) {
                            throw e;
                        }
                        abandon(e, inFlight);
                    }
                    event = events.poll();
                }
                if (inFlight.isEmpty() && stop.stopRequested()) {
                    break;
                }
                if (!clock.instant().isBefore(nextPoll)) {
                    try {
                        poll(inFlight, ends, timedOut, breaker, relaunch);
                    } catch (ReinitException e) {
                        if (e.status() != ExitStatus.ABORTED) {
                            throw e;
                        }
                        abandon(e, inFlight);
                    }
                    nextPoll = clock.instant().plus(settings.pollingInterval());
                    listener.progress(ends.progress(inFlight.size(), window.size()));
                }
            }
            // Late completions: a wallet that timed out may have finished since.
            if (!timedOut.isEmpty()) {
                recheckTimedOut(timedOut, ends);
            }
            listener.progress(ends.progress(0, window.size()));
        } finally {
            launchPool.shutdownNow();
            if (!launchPool.awaitTermination(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("launch threads did not stop within {}", SHUTDOWN_WAIT);
            }
        }
    }

    /** An earlier run's invocations are waited for from their own time. */
    private void adopt(List<WalletTask> adopted, Map<String, InFlight> inFlight) {
        for (WalletTask task : adopted) {
            InFlight f = new InFlight(task);
            f.waiting = true;
            f.deadline = task.invokedAt().plus(settings.timeout());
            inFlight.put(task.walletId(), f);
        }
    }

    /**
     * Stops the run after a run-wide failure. The wallets being polled are left to the journal and a rerun; the
     * launches still running are waited for, so that one that still goes out is reported, not lost.
     */
    private void abandon(ReinitException e, Map<String, InFlight> inFlight) {
        stop.requestStop(e.getMessage());
        int left = 0;
        for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
            InFlight f = it.next();
            if (f.waiting) {
                it.remove();
                left++;
            } else {
                f.abandoned = true;
            }
        }
        if (left > 0) {
            LOG.error("stopping: {}; {} wallet(s) in flight are left to the journal (rerun the same command to poll"
                    + " them)", e.getMessage(), left);
        }
    }

    private void submit(ExecutorService pool, WalletTask task, Map<String, InFlight> inFlight,
            BlockingQueue<LaunchEvent> events) {
        inFlight.put(task.walletId(), new InFlight(task));
        pool.execute(() -> {
            try {
                events.add(new LaunchEvent(task, launcher.launch(task), null));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                events.add(new LaunchEvent(task, null, e));
            }
        });
    }

    private void handleLaunch(LaunchEvent event, Map<String, InFlight> inFlight, Ends ends,
            ErrorRateBreaker breaker, Window window) {
        WalletTask task = event.task();
        InFlight f = inFlight.get(task.walletId());
        if (f == null) {
            return;
        }
        if (event.failure() != null) {
            inFlight.remove(task.walletId());
            if (f.abandoned) {
                return; // the run-wide failure that stopped the run, met again
            }
            if (event.failure() instanceof ReinitException re) {
                throw re;
            }
            throw new ReinitException(ExitStatus.ABORTED, "launching a load failed: " + event.failure().getMessage(),
                    event.failure());
        }
        LaunchResult result = event.result();
        if (result.kind() == LaunchResult.Kind.NOT_SENT) {
            inFlight.remove(task.walletId());
            LOG.debug("wallet {}: not sent ({})", task.walletId(), result.detail());
            return;
        }
        listener.launched(task, result);
        if (f.abandoned && result.kind() == LaunchResult.Kind.ACCEPTED) {
            // Nothing polls any more: the journal holds the sent attempt, and a rerun polls it.
            inFlight.remove(task.walletId());
            LOG.warn("wallet {}: its load went out as the run stopped; its end is unknown to this run (rerun the same"
                    + " command to poll it)", task.walletId());
            listener.launchedUnpolled(task);
            return;
        }
        // With a throttle signal, the window was already halved when the first 429 was reported.
        if (result.throttled() > 0 && throttle == null) {
            window.halve();
        } else if (result.throttled() == 0 && result.kind() != LaunchResult.Kind.FAILED) {
            window.grow();
        }
        Instant now = clock.instant();
        switch (result.kind()) {
            case ACCEPTED -> {
                f.waiting = true;
                f.deadline = now.plus(settings.timeout());
            }
            case LOADED_READY -> finish(f, Outcome.READY, null, inFlight, ends, breaker);
            case LOADED_ERROR -> finish(f, Outcome.ERROR, result.detail(), inFlight, ends, breaker);
            case FAILED -> finish(f, Outcome.INVOKE_FAILED, result.detail(), inFlight, ends, breaker);
            case NOT_SENT -> throw new IllegalStateException("handled above");
        }
    }

    private void poll(Map<String, InFlight> inFlight, Ends ends, List<InFlight> timedOut,
            ErrorRateBreaker breaker, Deque<WalletTask> relaunch) {
        List<String> ids = new ArrayList<>();
        for (InFlight f : inFlight.values()) {
            if (f.waiting) {
                ids.add(f.task.walletId());
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        Map<String, WalletStatus> statuses;
        try {
            statuses = statusSource.statuses(ids);
        } catch (ReinitException e) {
            throw e;
        } catch (Exception e) {
            // A failed poll is not an outcome: the next poll asks again (the source retries transient errors itself).
            // A poll that keeps failing for longer than a wallet's timeout would leave the run waiting for ever.
            Instant now = clock.instant();
            if (firstPollFailure == null) {
                firstPollFailure = now;
            }
            if (Duration.between(firstPollFailure, now).compareTo(settings.timeout()) > 0) {
                throw new ReinitException(ExitStatus.ABORTED, "status polls have failed for "
                        + Duration.between(firstPollFailure, now).toSeconds() + " s: " + e.getMessage(), e);
            }
            LOG.warn("status poll failed, will retry: {}", e.getMessage());
            return;
        }
        firstPollFailure = null;
        Instant now = clock.instant();
        for (String id : ids) {
            InFlight f = inFlight.get(id);
            WalletStatus status = statuses.get(id);
            if (status == WalletStatus.READY) {
                finish(f, Outcome.READY, null, inFlight, ends, breaker);
            } else if (status == WalletStatus.ERROR) {
                finish(f, Outcome.ERROR, "the load ended with status error", inFlight, ends, breaker);
            } else if (status == null) {
                finish(f, Outcome.ERROR, "the wallet row disappeared while loading", inFlight, ends, breaker);
            } else if (now.isAfter(f.deadline) && f.task.adopted() && !stop.stopRequested()) {
                // An earlier run's Event got no end within its timeout: this run loads the wallet itself, first.
                inFlight.remove(id);
                listener.adoptedTimedOut(f.task);
                relaunch.addFirst(new WalletTask(id, f.task.xpubkey(), f.task.maxGap(), null));
            } else if (now.isAfter(f.deadline)) {
                timedOut.add(f);
                finish(f, Outcome.TIMEOUT, "still creating " + settings.timeout().toSeconds()
                        + " s after its invocation", inFlight, ends, breaker);
            }
        }
    }

    private void finish(InFlight f, Outcome outcome, String detail, Map<String, InFlight> inFlight, Ends ends,
            ErrorRateBreaker breaker) {
        inFlight.remove(f.task.walletId());
        Completion completion = new Completion(f.task.walletId(), outcome, detail, clock.instant());
        ends.add(completion);
        listener.finished(f.task, completion);
        if (outcome == Outcome.READY || outcome == Outcome.ERROR) {
            if (breaker.record(outcome == Outcome.ERROR) && !stop.stopRequested()) {
                stop.requestStop(String.format(
                        "circuit breaker: %.0f%% of the last %d loads ended in error; the sync daemon may not have"
                                + " caught up, or the database schema does not match the deployed load code",
                        breaker.errorRate() * 100, breaker.samples()));
                LOG.error("{}", stop.reason());
            }
        }
    }

    private void recheckTimedOut(List<InFlight> timedOut, Ends ends) {
        List<String> ids = timedOut.stream().map(f -> f.task.walletId()).toList();
        try {
            Map<String, WalletStatus> statuses = statusSource.statuses(ids);
            for (InFlight f : timedOut) {
                WalletStatus status = statuses.get(f.task.walletId());
                if (status == WalletStatus.READY || status == WalletStatus.ERROR) {
                    Outcome late = status == WalletStatus.READY ? Outcome.READY : Outcome.ERROR;
                    Completion c = new Completion(f.task.walletId(), late, "finished after its timeout", clock.instant());
                    ends.late(c);
                    listener.finished(f.task, c);
                }
            }
        } catch (Exception e) {
            LOG.warn("final poll of timed-out wallets failed: {}", e.getMessage());
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
