package io.hathor.reinit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.support.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchStrategyTest {
    private static final Duration DELAY = Duration.ofSeconds(3);

    private final FakeClock clock = new FakeClock();
    private final StopSignal stop = new StopSignal();
    private final List<Duration> sleeps = new ArrayList<>();
    private final BatchStrategy strategy = new BatchStrategy(DELAY, stop, clock, pause -> {
        sleeps.add(pause);
        clock.advance(pause);
    });

    @Test
    void should_send_the_first_batch_at_once() throws Exception {
        // given
        Instant start = clock.instant();
        // when
        int launches = strategy.launchesNow(0, 100, 8);
        // then
        assertThat(launches).isEqualTo(8);
        assertThat(clock.instant()).isEqualTo(start);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_wait_until_every_wallet_of_the_batch_has_ended() throws Exception {
        // given
        strategy.launchesNow(0, 100, 8);
        // when / then: one wallet of the batch still loading
        assertThat(strategy.launchesNow(1, 92, 8)).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_pause_the_batch_delay_then_send_a_batch_of_the_current_window() throws Exception {
        // given: the first batch sent and ended, the window halved meanwhile
        strategy.launchesNow(0, 100, 8);
        Instant ended = clock.instant();
        // when
        int launches = strategy.launchesNow(0, 92, 4);
        // then: the whole delay, in steps short enough to notice a stop
        assertThat(launches).isEqualTo(4);
        assertThat(Duration.between(ended, clock.instant())).isEqualTo(DELAY);
        assertThat(sleeps).allMatch(pause -> pause.compareTo(Duration.ofMillis(200)) <= 0);
    }

    @Test
    void should_send_the_last_smaller_batch() throws Exception {
        // given
        strategy.launchesNow(0, 10, 8);
        // when / then
        assertThat(strategy.launchesNow(0, 2, 8)).isEqualTo(2);
        assertThat(strategy.launchesNow(0, 0, 8)).isZero();
    }

    @Test
    void should_cut_the_pause_short_and_send_nothing_on_a_stop() throws Exception {
        // given: a stop requested one second into the pause
        BatchStrategy stopping = new BatchStrategy(DELAY, stop, clock, pause -> {
            clock.advance(pause);
            if (!clock.instant().isBefore(Instant.parse("2026-01-01T00:00:01Z"))) {
                stop.requestStop("Ctrl+C");
            }
        });
        stopping.launchesNow(0, 100, 8);
        // when
        int launches = stopping.launchesNow(0, 92, 8);
        // then
        assertThat(launches).isZero();
        assertThat(clock.instant()).isBefore(Instant.parse("2026-01-01T00:00:01.300Z"));
    }
}
