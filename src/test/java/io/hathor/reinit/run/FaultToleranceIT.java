package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hathor.reinit.cli.Interrupts;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.lambda.FaultPlan;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.SyntheticWallets;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4: circuit breaker, graceful stop, one run per database, Lambda storms. */
class FaultToleranceIT {
    private static final Duration FAST = Duration.ofMillis(150);

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    private PipelineFixture fixture(String name) {
        fx = fixtures.open(name, dir);
        return fx;
    }

    private int invokedWallets(List<Wallet> wallets) {
        return (int) wallets.stream().filter(w -> fx.server().invocationCount(w.xpubkey()) > 0).count();
    }

    @Test
    void should_trip_the_circuit_breaker_finish_the_wallets_in_flight_and_exit_3() {
        // given: 40 wallets, every load ends in error
        List<Wallet> wallets = SyntheticWallets.of(40, 7);
        fixture("breaker").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.ERROR));
        Path csv = TestWallets.csv(dir, "wallets.csv", wallets);
        // when
        CommandRun run = fx.reinit(csv, "--batch-size", "4", "--max-error-rate", "0.5", "--error-window", "20");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        JsonNode report = fx.report();
        assertThat(report.get("aborted").asBoolean()).isTrue();
        assertThat(report.get("abortReason").asText()).contains("circuit breaker");
        int invoked = invokedWallets(wallets);
        assertThat(invoked).isGreaterThanOrEqualTo(20).isLessThan(40);
        assertThat(report.get("invoked").asInt()).isEqualTo(invoked);
        // every wallet that was invoked was polled to its end: none is left creating
        for (Wallet w : wallets) {
            if (fx.server().invocationCount(w.xpubkey()) > 0) {
                assertThat(fx.status(w.id())).isEqualTo("error");
            }
        }
        assertThat(report.get("error").asInt()).isEqualTo(invoked);
    }

    @Test
    void should_stop_gracefully_on_the_first_signal_and_converge_on_a_rerun() {
        // given: 30 wallets; the operator presses Ctrl+C once the 8th invocation arrives
        List<Wallet> wallets = SyntheticWallets.of(30, 11);
        AtomicInteger events = new AtomicInteger();
        AtomicBoolean firstRun = new AtomicBoolean(true);
        DelayedStatusHandler load = DelayedStatusHandler.always(fixture("graceful").dataSource,
                Duration.ofMillis(300), Duration.ofMillis(300), Fate.READY);
        fx.serve(invocation -> {
            if (firstRun.get() && events.incrementAndGet() == 8) {
                assertThat(Interrupts.deliver("TERM")).isTrue();
            }
            load.onEvent(invocation);
        });
        Path csv = TestWallets.csv(dir, "wallets.csv", wallets);
        // when
        CommandRun stopped = fx.reinit(csv, "--batch-size", "4");
        // then
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(3);
        JsonNode report = fx.report();
        assertThat(report.get("aborted").asBoolean()).isTrue();
        assertThat(report.get("abortReason").asText()).contains("SIGTERM");
        int invoked = invokedWallets(wallets);
        assertThat(invoked).isGreaterThanOrEqualTo(8).isLessThan(30);
        assertThat(report.get("notFinished").size()).isEqualTo(30 - invoked);
        // the wallets in flight were waited for
        for (Wallet w : wallets) {
            if (fx.server().invocationCount(w.xpubkey()) > 0) {
                assertThat(fx.status(w.id())).isEqualTo("ready");
            }
        }
        assertThat(fx.count("SELECT COUNT(*) FROM reinit_run WHERE state = 'aborted'")).isEqualTo(1);

        // when the same command runs again
        firstRun.set(false);
        CommandRun rerun = fx.reinit(csv, "--batch-size", "4");
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(30);
        assertThat(fx.report().get("skippedReady").asInt()).isEqualTo(invoked);
        for (Wallet w : wallets) {
            assertThat(fx.server().invocationCount(w.xpubkey())).as(w.id()).isEqualTo(1);
        }
    }

    @Test
    void should_refuse_a_second_run_on_the_same_database_naming_the_first() throws Exception {
        // given: a first run whose loads take a while (the second run must reach the lock before it ends, also on a busy machine)
        List<Wallet> wallets = TestWallets.all();
        fixture("run_lock").serve(DelayedStatusHandler.always(fx.dataSource, Duration.ofMillis(4000),
                Duration.ofMillis(4000), Fate.READY));
        Path csv = TestWallets.csv(dir, "wallets.csv", wallets);
        CompletableFuture<CommandRun> first = CompletableFuture.supplyAsync(() -> fx.reinit(csv));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (fx.server().invocations().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fx.server().invocations()).isNotEmpty();
        String firstRunId = fx.queryString("SELECT run_id FROM reinit_run WHERE state = 'running'");
        String host = fx.queryString("SELECT host FROM reinit_run WHERE state = 'running'");
        // when
        long started = System.nanoTime();
        CommandRun second = fx.reinit(csv, "--report-json", dir.resolve("second.json").toString());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // then
        assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
        assertThat(second.err().strip().lines().count()).isEqualTo(1);
        assertThat(second.err()).contains("another reinit run").contains(firstRunId).contains(host)
                .contains(fx.schema.name());
        assertThat(tookMs).isLessThan(10_000);
        CommandRun firstRun = first.get(60, TimeUnit.SECONDS);
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        for (Wallet w : wallets) {
            assertThat(fx.server().invocationCount(w.xpubkey())).isEqualTo(1);
        }
        assertThat(RunLock.nameFor(fx.schema.name())).isEqualTo("reinit:" + fx.schema.name());
        assertThat(fx.count("SELECT COALESCE(IS_USED_LOCK(?), 0)", RunLock.nameFor(fx.schema.name()))).isZero();
    }

    @Test
    void should_mark_interrupted_only_the_runs_whose_recorded_connection_no_longer_holds_the_lock() throws Exception {
        // given: two rows left 'running'; the session recorded by one of them still holds the run lock
        fixture("interrupted_rule");
        String lock = RunLock.nameFor(fx.schema.name());
        io.hathor.reinit.db.Journal journal = new io.hathor.reinit.db.Journal(fx.database);
        journal.createTablesIfAbsent();
        java.time.Instant now = java.time.Instant.now();
        try (java.sql.Connection holder = fx.dataSource.getConnection();
                java.sql.PreparedStatement take = holder.prepareStatement("SELECT GET_LOCK(?, 0), CONNECTION_ID()");
                java.sql.PreparedStatement release = holder.prepareStatement("DO RELEASE_LOCK(?)")) {
            take.setString(1, lock);
            release.setString(1, lock);
            java.sql.ResultSet rs = take.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            long holderId = rs.getLong(2);
            journal.startRun("alive", now, "host-a", null, "{}");
            journal.recordLockConnection("alive", holderId);
            journal.startRun("dead", now, "host-b", null, "{}");
            journal.recordLockConnection("dead", holderId + 1000);
            // when
            int marked = journal.markInterruptedRuns("current", now, lock);
            // then
            assertThat(marked).isEqualTo(1);
            assertThat(fx.queryString("SELECT state FROM reinit_run WHERE run_id = 'alive'")).isEqualTo("running");
            assertThat(fx.queryString("SELECT state FROM reinit_run WHERE run_id = 'dead'")).isEqualTo("interrupted");
            release.execute();
        }
    }

    @Test
    void should_absorb_storms_of_429_and_500_and_invoke_each_wallet_once() throws Exception {
        // given: stretches of throttling, then of server errors, while the run is going
        List<Wallet> wallets = TestWallets.all();
        fixture("storm");
        AtomicInteger accepted = new AtomicInteger();
        DelayedStatusHandler load = DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY);
        // storms keyed to the run's progress, ~3 s apart: one wallet's retry budget (6 attempts, ~3 s) spans one
        Thread storms = new Thread(() -> {
            try {
                while (accepted.get() < 2) {
                    Thread.sleep(10);
                }
                Thread.sleep(2500);
                fx.faults().injectFaults(FaultPlan.status(500).forDuration(Duration.ofMillis(300)));
                Thread.sleep(3000);
                fx.faults().injectFaults(FaultPlan.error(429, "TooManyRequestsException")
                        .forDuration(Duration.ofMillis(300)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fx.serve(invocation -> {
            accepted.incrementAndGet();
            load.onEvent(invocation);
        });
        fx.faults().injectFaults(FaultPlan.status(429).forDuration(Duration.ofMillis(300)));
        storms.start();
        Path csv = TestWallets.csv(dir, "wallets.csv", wallets);
        // when
        CommandRun run = fx.reinit(csv, "--batch-size", "2", "--polling-interval", "1s");
        storms.join();
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(fx.report().get("ready").asInt()).isEqualTo(12);
        assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(12);
        for (Wallet w : wallets) {
            assertThat(fx.server().invocationCount(w.xpubkey())).as(w.id()).isEqualTo(1);
        }
        // the storms were met, and bounded: at most the invoker's attempts per wallet reached the server
        assertThat(fx.server().requestCount()).isGreaterThan(14);
        assertThat(fx.server().requestCount()).isLessThanOrEqualTo(12 * 6 + 1);
    }
}
