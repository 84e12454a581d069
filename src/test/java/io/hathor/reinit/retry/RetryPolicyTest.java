package io.hathor.reinit.retry;

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
    void should_allow_retries_up_to_the_bound_only() {
        // given
        RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);
        // when / then
        assertThat(policy.allowsRetryAfter(1)).isTrue();
        assertThat(policy.allowsRetryAfter(2)).isTrue();
        assertThat(policy.allowsRetryAfter(3)).isFalse();
        assertThat(RetryPolicy.untilDeadline(Duration.ofMillis(200), Duration.ofSeconds(5))
                .allowsRetryAfter(1_000_000)).isTrue();
    }

    @Test
    void should_not_pause_when_immediate() {
        // given
        RetryPolicy policy = RetryPolicy.immediate(3);
        SplittableRandom random = new SplittableRandom(7);
        // when / then
        assertThat(policy.delayBeforeRetry(1, random)).isEqualTo(Duration.ZERO);
        assertThat(policy.delayBeforeRetry(2, random)).isEqualTo(Duration.ZERO);
    }

    @Test
    void should_never_pause_past_a_callers_limit() {
        // given: a cap of 3.2 s at retry 5, and only 100 ms left before the caller's deadline
        RetryPolicy policy = RetryPolicy.defaults();
        SplittableRandom random = new SplittableRandom(3);
        // when / then
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delayBeforeRetry(5, Duration.ofMillis(100), random))
                    .isBetween(Duration.ZERO, Duration.ofMillis(100));
        }
        assertThat(policy.delayBeforeRetry(5, Duration.ZERO, random)).isEqualTo(Duration.ZERO);
    }

    @Test
    void should_reject_nonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
