package io.hathor.reinit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.support.FakeClock;
import io.hathor.reinit.wallet.Outcome;
import io.hathor.reinit.wallet.WalletStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler on fake launch and status sources; time moves only when a status poll moves it. */
class SchedulerTest {
    private static final Duration POLL_STEP = Duration.ofSeconds(10);

    private final FakeClock clock = new FakeClock();
    private final StopSignal stop = new StopSignal();
    private final List<String> launched = new CopyOnWriteArrayList<>();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger mostLoading = new AtomicInteger();

    private static ScheduleSettings settings(RunSettings.Schedule schedule, int window, Duration timeout) {
        // A zero polling interval: every turn polls, and each poll moves the fake clock on by POLL_STEP.
        return new ScheduleSettings(schedule, window, Duration.ZERO, Duration.ZERO, timeout, 1, 1.0, 50, 20);
    }

    private static List<WalletTask> tasks(int count) {
        List<WalletTask> tasks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tasks.add(new WalletTask("wallet-" + i, "xpub-of-wallet-" + i, 20, null));
        }
        return tasks;
    }

    private LoadLauncher accepting() {
        return task -> {
            launched.add(task.walletId());
            mostLoading.accumulateAndGet(launched.size() - ended.get(), Math::max);
            return LaunchResult.accepted(0);
        };
    }

    private StatusSource answering(WalletStatus status) {
        return ids -> {
            clock.advance(POLL_STEP);
            Map<String, WalletStatus> statuses = new HashMap<>();
            ids.forEach(id -> statuses.put(id, status));
            if (status == WalletStatus.READY) {
                ended.addAndGet(ids.size());
            }
            return statuses;
        };
    }

    @Test
    void should_launch_in_the_order_given_within_the_window() throws Exception {
        // given: a window of 2 and 6 wallets, heaviest first
        Scheduler scheduler = new Scheduler(settings(RunSettings.Schedule.WINDOW, 2, Duration.ofMinutes(5)),
                accepting(), answering(WalletStatus.READY), null, stop, clock);
        // when
        Map<String, Completion> done = scheduler.run(tasks(6));
        // then
        assertThat(launched).containsExactly("wallet-1", "wallet-2", "wallet-3", "wallet-4", "wallet-5", "wallet-6");
        assertThat(mostLoading.get()).isLessThanOrEqualTo(2);
        assertThat(done).hasSize(6);
        assertThat(done.values()).allMatch(c -> c.outcome() == Outcome.READY);
    }

    @Test
    void should_send_batches_of_the_window_one_after_the_other() throws Exception {
        // given
        Scheduler scheduler = new Scheduler(settings(RunSettings.Schedule.BATCH, 3, Duration.ofMinutes(5)),
                accepting(), answering(WalletStatus.READY), null, stop, clock);
        // when
        Map<String, Completion> done = scheduler.run(tasks(7));
        // then
        assertThat(launched).hasSize(7);
        assertThat(mostLoading.get()).isLessThanOrEqualTo(3);
        assertThat(done.values()).allMatch(c -> c.outcome() == Outcome.READY);
    }

    @Test
    void should_launch_nothing_when_stopped_before_dispatch() throws Exception {
        // given: the run's lock was lost (or Ctrl+C) before the first dispatch
        stop.requestStop("lost the run lock");
        Scheduler scheduler = new Scheduler(settings(RunSettings.Schedule.WINDOW, 4, Duration.ofMinutes(5)),
                accepting(), answering(WalletStatus.READY), null, stop, clock);
        // when
        Map<String, Completion> done = scheduler.run(tasks(5));
        // then
        assertThat(launched).isEmpty();
        assertThat(done).isEmpty();
    }

    @Test
    void should_stop_launching_but_finish_the_wallets_in_flight_on_a_stop() throws Exception {
        // given: the stop comes during the first launch, when the first window (2 wallets) is already dispatched
        LoadLauncher launcher = task -> {
            launched.add(task.walletId());
            if (launched.size() == 1) {
                stop.requestStop("lost the run lock");
            }
            return LaunchResult.accepted(0);
        };
        Scheduler scheduler = new Scheduler(settings(RunSettings.Schedule.WINDOW, 2, Duration.ofMinutes(5)),
                launcher, answering(WalletStatus.READY), null, stop, clock);
        // when
        Map<String, Completion> done = scheduler.run(tasks(6));
        // then: the two launched wallets were polled to their end; the other four never launched
        assertThat(launched).containsExactly("wallet-1", "wallet-2");
        assertThat(done.keySet()).containsExactly("wallet-1", "wallet-2");
    }

    @Test
    void should_time_out_a_wallet_that_never_ends() throws Exception {
        // given: every poll says creating and moves time on by 10 s; the timeout is one minute
        Scheduler scheduler = new Scheduler(settings(RunSettings.Schedule.WINDOW, 2, Duration.ofMinutes(1)),
                accepting(), answering(WalletStatus.CREATING), null, stop, clock);
        // when
        Map<String, Completion> done = scheduler.run(tasks(1));
        // then
        Completion completion = done.get("wallet-1");
        assertThat(completion.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(completion.detail()).isEqualTo("still creating 60 s after its invocation");
    }

    @Test
    void should_halve_the_window_on_throttling_and_grow_it_back_by_one_per_clean_launch() throws Exception {
        // given: a window of 4; each launch of the first 4 met a 429, the later ones none
        Map<String, Integer> loadingAtStart = new HashMap<>();
        LoadLauncher launcher = task -> {
            launched.add(task.walletId());
            loadingAtStart.put(task.walletId(), launched.size() - ended.get());
            return LaunchResult.accepted(launched.size() <= 4 ? 1 : 0);
        };
        Scheduler scheduler = new Scheduler(settings(RunSettings.Schedule.WINDOW, 4, Duration.ofMinutes(5)),
                launcher, answering(WalletStatus.READY), null, stop, clock);
        // when
        Map<String, Completion> done = scheduler.run(tasks(8));
        // then: 4 → 2 → 1 → 1 before the fifth could start, so it started alone; then at most 2 at once
        assertThat(done).hasSize(8);
        assertThat(loadingAtStart.get("wallet-5")).isEqualTo(1);
        assertThat(loadingAtStart.get("wallet-6")).isLessThanOrEqualTo(2);
    }
    @Test
    void should_account_for_a_launch_that_went_out_after_a_run_wide_failure_stopped_the_run() throws Exception {
        // given: two launch threads; wallet-1's launch finds that another run took the lock, while wallet-2's launch
        // is already on its thread and only sends its Event once the run has stopped
        ScheduleSettings twoThreads = new ScheduleSettings(RunSettings.Schedule.WINDOW, 2, Duration.ZERO,
                Duration.ZERO, Duration.ofMinutes(5), 2, 1.0, 50, 20);
        LoadLauncher launcher = task -> {
            if (task.walletId().equals("wallet-1")) {
                throw new ReinitException(ExitStatus.ABORTED, "another run took the run lock");
            }
            while (!stop.stopRequested()) {
                Thread.onSpinWait();
            }
            launched.add(task.walletId());
            return LaunchResult.accepted(0);
        };
        List<String> told = new CopyOnWriteArrayList<>();
        SchedulerListener listener = new SchedulerListener() {
            @Override
            public void launched(WalletTask task, LaunchResult result) {
                told.add(task.walletId());
            }
        };
        Scheduler scheduler = new Scheduler(twoThreads, launcher, answering(WalletStatus.CREATING), listener, stop,
                clock);
        // when
        Map<String, Completion> done = scheduler.run(tasks(4));
        // then: the run waited for wallet-2's launch and was told that it went out; nothing else was launched
        assertThat(stop.reason()).isEqualTo("another run took the run lock");
        assertThat(launched).containsExactly("wallet-2");
        assertThat(told).containsExactly("wallet-2");
        assertThat(done).isEmpty();
    }

    @Test
    void should_take_the_pending_wallets_only_when_it_launches_them() throws Exception {
        // given: a window of 2 over 5 wallets built one at a time
        List<String> taken = new CopyOnWriteArrayList<>();
        List<WalletTask> all = tasks(5);
        PendingTasks pending = new PendingTasks() {
            private int next;

            @Override
            public int remaining() {
                return all.size() - next;
            }

            @Override
            public WalletTask next() {
                WalletTask task = all.get(next++);
                taken.add(task.walletId());
                return task;
            }
        };
        LoadLauncher launcher = task -> {
            launched.add(task.walletId());
            // at most the window was taken ahead of the ends
            mostLoading.accumulateAndGet(taken.size() - ended.get(), Math::max);
            return LaunchResult.accepted(0);
        };
        Scheduler scheduler = new Scheduler(settings(RunSettings.Schedule.WINDOW, 2, Duration.ofMinutes(5)),
                launcher, answering(WalletStatus.READY), null, stop, clock);
        List<Completion> ends = new ArrayList<>();
        // when
        scheduler.run(List.of(), pending, ends::add);
        // then
        assertThat(launched).containsExactly("wallet-1", "wallet-2", "wallet-3", "wallet-4", "wallet-5");
        assertThat(mostLoading.get()).isLessThanOrEqualTo(2);
        assertThat(ends).extracting(Completion::outcome).containsOnly(Outcome.READY).hasSize(5);
    }
}
