package io.hathor.reinit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowStrategyTest {
    private final WindowStrategy strategy = new WindowStrategy();

    @Test
    void should_fill_the_window_at_the_start() {
        // when / then: nothing loading, a window of 8, 100 pending
        assertThat(strategy.launchesNow(0, 100, 8)).isEqualTo(8);
    }

    @Test
    void should_start_one_as_soon_as_one_ends() {
        // when / then: 7 of 8 loading
        assertThat(strategy.launchesNow(7, 100, 8)).isEqualTo(1);
        assertThat(strategy.launchesNow(8, 100, 8)).isZero();
    }

    @Test
    void should_launch_nothing_while_a_halved_window_is_still_overfull() {
        // when / then: 8 loading after the window halved to 4
        assertThat(strategy.launchesNow(8, 100, 4)).isZero();
        assertThat(strategy.launchesNow(3, 100, 4)).isEqualTo(1);
    }

    @Test
    void should_launch_no_more_than_is_pending() {
        // when / then
        assertThat(strategy.launchesNow(0, 3, 8)).isEqualTo(3);
        assertThat(strategy.launchesNow(0, 0, 8)).isZero();
    }
}
