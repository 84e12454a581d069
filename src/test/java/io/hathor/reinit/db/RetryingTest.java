package io.hathor.reinit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.retry.RetryPolicy;
import io.hathor.reinit.retry.Sleeper;
import io.hathor.reinit.support.FakeClock;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RetryingTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(Retrying.class);
    private Level level;

    @BeforeEach
    void quiet() {
        // Thousands of retries below: their WARN lines would only flood the test output.
        level = log.getLevel();
        log.setLevel(Level.ERROR);
    }

    @AfterEach
    void restore() {
        log.setLevel(level);
    }

    @Test
    void should_survive_another_thread_ending_the_outage_while_a_call_is_failing() throws Exception {
        // given: an outage budget far away and no backoff to speak of
        Retrying retrying = new Retrying(Duration.ofMinutes(10), Duration.ZERO, Clock.systemUTC());
        AtomicBoolean failing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            // when: two threads keep ending the outage with successes while two keep failing once per call
            for (int t = 0; t < 2; t++) {
                threads.execute(() -> {
                    while (failing.get()) {
                        try {
                            retrying.call("succeed", () -> 1);
                        } catch (Throwable e) {
                            thrown.add(e);
                        }
                    }
                });
            }
            List<Future<?>> failers = List.of(threads.submit(() -> failOncePerCall(retrying, thrown)),
                    threads.submit(() -> failOncePerCall(retrying, thrown)));
            for (Future<?> f : failers) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            failing.set(false);
            threads.shutdown();
            threads.awaitTermination(1, TimeUnit.MINUTES);
        }
        // then: every call ended with its result; none tripped over the other threads
        assertThat(thrown).isEmpty();
    }

    private static void failOncePerCall(Retrying retrying, ConcurrentLinkedQueue<Throwable> thrown) {
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until && thrown.isEmpty()) {
            boolean[] failed = {false};
            try {
                int result = retrying.call("fail once", () -> {
                    if (!failed[0]) {
                        failed[0] = true;
                        throw new SQLTransientConnectionException("Communications link failure");
                    }
                    return 2;
                });
                assertThat(result).isEqualTo(2);
            } catch (Throwable e) {
                thrown.add(e);
            }
        }
    }

    @Test
    void should_give_up_as_soon_as_the_outage_outlasts_its_timeout() {
        // given: a 10 s outage budget, the default pauses, a clock that moves only when the retry sleeps
        FakeClock clock = new FakeClock();
        List<Duration> pauses = new ArrayList<>();
        Sleeper sleeper = pause -> {
            pauses.add(pause);
            clock.advance(pause);
        };
        Retrying retrying = new Retrying(Duration.ofSeconds(10), RetryPolicy.untilDeadline(Retrying.FIRST_BACKOFF,
                Retrying.MAX_BACKOFF), clock, sleeper);
        AtomicInteger calls = new AtomicInteger();
        Instant start = clock.instant();
        // when: the database never comes back
        Throwable thrown = catchThrowable(() -> retrying.call("read", () -> {
            calls.incrementAndGet();
            throw new SQLTransientConnectionException("Communications link failure");
        }));
        // then: aborted just after the budget, every pause within its doubling cap
        assertThat(thrown).isInstanceOf(ReinitException.class);
        assertThat(((ReinitException) thrown).status()).isEqualTo(ExitStatus.ABORTED);
        Duration waited = Duration.between(start, clock.instant());
        assertThat(waited).isGreaterThan(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofMillis(10_050));
        assertThat(calls.get()).isEqualTo(pauses.size() + 1);
        for (int retry = 1; retry <= pauses.size(); retry++) {
            assertThat(pauses.get(retry - 1)).isLessThanOrEqualTo(
                    RetryPolicy.untilDeadline(Retrying.FIRST_BACKOFF, Retrying.MAX_BACKOFF).delayCap(retry));
        }
        assertThat(retrying.gaveUp()).isTrue();
    }

    @Test
    void should_stop_at_the_policys_attempt_bound() {
        // given: 3 attempts, no pauses, an outage budget far away
        FakeClock clock = new FakeClock();
        Retrying retrying = new Retrying(Duration.ofMinutes(10), RetryPolicy.immediate(3), clock, clock::advance);
        AtomicInteger calls = new AtomicInteger();
        // when
        Throwable thrown = catchThrowable(() -> retrying.call("write", () -> {
            calls.incrementAndGet();
            throw new SQLException("Deadlock found when trying to get lock", "40001", 1213);
        }));
        // then: the last failure, as a DatabaseException with the server's code and state, after 3 calls
        assertThat(thrown).isInstanceOf(DatabaseException.class).hasMessageContaining("Deadlock")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(((DatabaseException) thrown).errorCode()).isEqualTo(1213);
        assertThat(((DatabaseException) thrown).sqlState()).isEqualTo("40001");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void should_not_retry_a_bad_statement() {
        // given
        FakeClock clock = new FakeClock();
        List<Duration> pauses = new ArrayList<>();
        Retrying retrying = new Retrying(Duration.ofMinutes(10), RetryPolicy.untilDeadline(Retrying.FIRST_BACKOFF,
                Retrying.MAX_BACKOFF), clock, pauses::add);
        AtomicInteger calls = new AtomicInteger();
        // when
        Throwable thrown = catchThrowable(() -> retrying.call("read", () -> {
            calls.incrementAndGet();
            throw new SQLSyntaxErrorException("You have an error in your SQL syntax", "42000", 1064);
        }));
        // then: thrown at once as a DatabaseException carrying the driver's exception
        assertThat(thrown).isInstanceOf(DatabaseException.class).hasCauseInstanceOf(SQLSyntaxErrorException.class)
                .hasMessage("You have an error in your SQL syntax");
        assertThat(((DatabaseException) thrown).errorCode()).isEqualTo(1064);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void should_return_once_the_database_is_back_and_end_the_outage() throws Exception {
        // given
        FakeClock clock = new FakeClock();
        Retrying retrying = new Retrying(Duration.ofSeconds(30), RetryPolicy.untilDeadline(Retrying.FIRST_BACKOFF,
                Retrying.MAX_BACKOFF), clock, clock::advance);
        AtomicInteger calls = new AtomicInteger();
        // when: two lost connections, then an answer
        int result = retrying.call("read", () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new SQLTransientConnectionException("Communications link failure");
            }
            return 42;
        });
        // then
        assertThat(result).isEqualTo(42);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(retrying.gaveUp()).isFalse();
    }
}
