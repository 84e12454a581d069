package io.hathor.reinit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.wallet.Outcome;
import io.hathor.reinit.wallet.WalletStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {
    private static final int BATCH = 4;

    @Test
    void should_send_smaller_batches_after_throttling() throws Exception {
        // given: batches of 4; every launch of the first batch meets a 429, the later ones none
        AtomicInteger started = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        Map<Integer, Integer> loadingAtStart = new ConcurrentHashMap<>();
        LoadLauncher launcher = task -> {
            int n = started.incrementAndGet();
            loadingAtStart.put(n, n - completed.get());
            Thread.sleep(50); // the launches of one batch overlap
            return LaunchResult.accepted(n <= BATCH ? 1 : 0);
        };
        StatusSource statuses = ids -> {
            completed.addAndGet(ids.size());
            Map<String, WalletStatus> ready = new HashMap<>();
            ids.forEach(id -> ready.put(id, WalletStatus.READY));
            return ready;
        };
        ScheduleSettings settings = new ScheduleSettings(RunSettings.Schedule.BATCH, BATCH, Duration.ofMillis(10),
                Duration.ZERO, Duration.ofMinutes(1), BATCH, 1.0, 50, 20);
        List<WalletTask> tasks = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            tasks.add(new WalletTask("wallet-" + i, "xpub-of-wallet-" + i, 20, null));
        }

        // when
        Map<String, Completion> done = new Scheduler(settings, launcher, statuses, null, new StopSignal(),
                Clock.systemUTC()).run(tasks);

        // then: every wallet ready; the throttled window (4 → 1) limits the next batch to one wallet, and the
        // window grows back by one per clean launch, so no later batch holds more than 2
        assertThat(done).hasSize(8);
        assertThat(done.values()).allMatch(c -> c.outcome() == Outcome.READY);
        assertThat(loadingAtStart.get(BATCH + 2)).as("the batch after the throttled one held one wallet").isEqualTo(1);
        for (int n = BATCH + 1; n <= 8; n++) {
            assertThat(loadingAtStart.get(n)).as("wallets loading when launch " + n + " started").isLessThanOrEqualTo(2);
        }
    }
}
