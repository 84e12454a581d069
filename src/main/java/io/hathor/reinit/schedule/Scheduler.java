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
        Instant deadline;

        InFlight(WalletTask task) {
            this.task = task;
        }
    }

    private record LaunchEvent(WalletTask task, LaunchResult result, Exception failure) {}

    /**
     * Runs every task to an end (or until stopped: tasks never launched are absent from the result).
     *
     * <p>A database outage longer than the run allows (a {@link ReinitException} with status ABORTED from a launch or
     * a poll) stops the run: the wallets in flight are abandoned to the journal (a rerun polls them) and the
     * result holds what ended before.
     *
     * @throws ReinitException when a launch reports any other run-wide failure (a configuration problem)
     */
    public Map<String, Completion> run(List<WalletTask> tasks) throws InterruptedException {
        Map<String, Completion> done = new LinkedHashMap<>();
        Map<String, InFlight> inFlight = new LinkedHashMap<>();
        Deque<WalletTask> pending = new ArrayDeque<>();
        BlockingQueue<LaunchEvent> events = new LinkedBlockingQueue<>();
        List<InFlight> timedOut = new ArrayList<>();
        ErrorRateBreaker breaker = new ErrorRateBreaker(settings.maxErrorRate(), settings.errorWindow(),
                settings.minErrorSamples());
        int total = tasks.size();
        Window window = new Window(settings.window());
        DispatchStrategy strategy = DispatchStrategy.of(settings, stop, clock);
        adoptOrQueue(tasks, inFlight, pending);
        ExecutorService launchPool = Executors.newFixedThreadPool(settings.launchThreads(), named("reinit-launch"));
        try {
            Instant nextPoll = clock.instant();
            while (true) {
                // Checked before every dispatch: a stop (Ctrl+C, circuit breaker, lost lock) sends nothing more.
                if (!stop.stopRequested()) {
                    int launches = strategy.launchesNow(inFlight.size(), pending.size(), window.size());
                    for (int i = 0; i < launches; i++) {
                        submit(launchPool, pending.poll(), inFlight, events);
                    }
                }
                if (inFlight.isEmpty() && (pending.isEmpty() || stop.stopRequested())) {
                    break;
                }
                long waitMs = Math.max(0, Duration.between(clock.instant(), nextPoll).toMillis());
                LaunchEvent event = events.poll(Math.min(waitMs, 100), TimeUnit.MILLISECONDS);
                if (throttle != null && throttle.drain() > 0) {
                    window.halve();
                }
                while (event != null) {
                    try {
                        handleLaunch(event, inFlight, done, breaker, window);
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
                        poll(inFlight, done, timedOut, breaker, pending);
                    } catch (ReinitException e) {
                        if (e.status() != ExitStatus.ABORTED) {
                            throw e;
                        }
                        abandon(e, inFlight);
                    }
                    nextPoll = clock.instant().plus(settings.pollingInterval());
                    listener.progress(progress(total, done, inFlight.size(), window.size()));
                }
            }
            // Late completions: a wallet that timed out may have finished since.
            if (!timedOut.isEmpty()) {
                recheckTimedOut(timedOut, done);
            }
            listener.progress(progress(total, done, 0, window.size()));
            return done;
        } finally {
            launchPool.shutdownNow();
            if (!launchPool.awaitTermination(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("launch threads did not stop within {}", SHUTDOWN_WAIT);
            }
        }
    }

    /** An earlier run's invocations are waited for from their own time; the rest queue in the order given. */
    private void adoptOrQueue(List<WalletTask> tasks, Map<String, InFlight> inFlight, Deque<WalletTask> pending) {
        for (WalletTask task : tasks) {
            if (task.adopted()) {
                InFlight f = new InFlight(task);
                f.waiting = true;
                f.deadline = task.invokedAt().plus(settings.timeout());
                inFlight.put(task.walletId(), f);
            } else {
                pending.add(task);
            }
        }
    }

    /** Stops the run after a run-wide failure; the wallets in flight are left to the journal and a rerun. */
    private void abandon(ReinitException e, Map<String, InFlight> inFlight) {
        stop.requestStop(e.getMessage());
        if (!inFlight.isEmpty()) {
            LOG.error("stopping: {}; {} wallet(s) in flight are left to the journal (rerun the same command to poll"
                    + " them)", e.getMessage(), inFlight.size());
        }
        inFlight.clear();
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

    private void handleLaunch(LaunchEvent event, Map<String, InFlight> inFlight, Map<String, Completion> done,
            ErrorRateBreaker breaker, Window window) {
        WalletTask task = event.task();
        InFlight f = inFlight.get(task.walletId());
        if (f == null) {
            return; // abandoned after a run-wide failure
        }
        if (event.failure() != null) {
            inFlight.remove(task.walletId());
            if (event.failure() instanceof ReinitException re) {
                throw re;
            }
            throw new ReinitException(ExitStatus.ABORTED, "launching a load failed: " + event.failure().getMessage(),
                    event.failure());
        }
        LaunchResult result = event.result();
        listener.launched(task, result);
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
            case LOADED_READY -> finish(f, Outcome.READY, null, inFlight, done, breaker);
            case LOADED_ERROR -> finish(f, Outcome.ERROR, result.detail(), inFlight, done, breaker);
            case FAILED -> finish(f, Outcome.INVOKE_FAILED, result.detail(), inFlight, done, breaker);
        }
    }

    private void poll(Map<String, InFlight> inFlight, Map<String, Completion> done, List<InFlight> timedOut,
            ErrorRateBreaker breaker, Deque<WalletTask> pending) {
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
                finish(f, Outcome.READY, null, inFlight, done, breaker);
            } else if (status == WalletStatus.ERROR) {
                finish(f, Outcome.ERROR, "the load ended with status error", inFlight, done, breaker);
            } else if (status == null) {
                finish(f, Outcome.ERROR, "the wallet row disappeared while loading", inFlight, done, breaker);
            } else if (now.isAfter(f.deadline) && f.task.adopted() && !stop.stopRequested()) {
                // An earlier run's Event got no end within its timeout: this run loads the wallet itself, first.
                inFlight.remove(id);
                listener.adoptedTimedOut(f.task);
                pending.addFirst(new WalletTask(id, f.task.xpubkey(), f.task.maxGap(), null));
            } else if (now.isAfter(f.deadline)) {
                timedOut.add(f);
                finish(f, Outcome.TIMEOUT, "still creating " + settings.timeout().toSeconds()
                        + " s after its invocation", inFlight, done, breaker);
            }
        }
    }

    private void finish(InFlight f, Outcome outcome, String detail, Map<String, InFlight> inFlight,
            Map<String, Completion> done, ErrorRateBreaker breaker) {
        inFlight.remove(f.task.walletId());
        Completion completion = new Completion(f.task.walletId(), outcome, detail, clock.instant());
        done.put(f.task.walletId(), completion);
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

    private void recheckTimedOut(List<InFlight> timedOut, Map<String, Completion> done) {
        List<String> ids = timedOut.stream().map(f -> f.task.walletId()).toList();
        try {
            Map<String, WalletStatus> statuses = statusSource.statuses(ids);
            for (InFlight f : timedOut) {
                WalletStatus status = statuses.get(f.task.walletId());
                if (status == WalletStatus.READY || status == WalletStatus.ERROR) {
                    Outcome late = status == WalletStatus.READY ? Outcome.READY : Outcome.ERROR;
                    Completion c = new Completion(f.task.walletId(), late, "finished after its timeout", clock.instant());
                    done.put(f.task.walletId(), c);
                    listener.finished(f.task, c);
                }
            }
        } catch (Exception e) {
            LOG.warn("final poll of timed-out wallets failed: {}", e.getMessage());
        }
    }

    private static SchedulerListener.Progress progress(int total, Map<String, Completion> done, int inFlight,
            int window) {
        int ready = 0;
        int error = 0;
        int timeout = 0;
        int failed = 0;
        for (Completion c : done.values()) {
            switch (c.outcome()) {
                case READY -> ready++;
                case ERROR -> error++;
                case TIMEOUT -> timeout++;
                case INVOKE_FAILED -> failed++;
                default -> { }
            }
        }
        return new SchedulerListener.Progress(total, ready, error, timeout, failed, inFlight, window);
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
