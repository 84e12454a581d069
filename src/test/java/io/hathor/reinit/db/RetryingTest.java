package io.hathor.reinit.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
}
