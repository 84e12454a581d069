package io.hathor.reinit.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void should_double_the_cap_up_to_the_max_delay() {
        // given
        RetryPolicy policy = RetryPolicy.defaults();
        // when / then
        assertThat(policy.maxAttempts()).isEqualTo(6);
        assertThat(policy.delayCap(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayCap(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayCap(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(policy.delayCap(8)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delayCap(1000)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void should_draw_full_jitter_between_zero_and_the_cap() {
        // given
        RetryPolicy policy = RetryPolicy.defaults();
        SplittableRandom random = new SplittableRandom(42);
        // when
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            Duration pause = policy.delayBeforeRetry(3, random);
            // then
            assertThat(pause).isBetween(Duration.ZERO, Duration.ofMillis(800));
            if (pause.compareTo(Duration.ofMillis(400)) < 0) {
                below++;
            }
        }
        assertThat(below).as("roughly half below the midpoint").isBetween(400L, 600L);
    }

    @Test
    void should_reject_nonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
