package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.ReleasedLoadSimulator;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Retries against a Lambda that behaves like the released (era B) load code. */
class RetryRepairIT {
    private static final List<Wallet> WALLETS = TestWallets.all();

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    private void holdRowsFromAnEarlierLoad(Wallet w) {
        fx.exec("INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, timestamp) VALUES (?, '00', 'old', 5, 1)",
                w.id());
        fx.exec("INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance, transactions)"
                + " VALUES (?, '00', 5, 0, 1)", w.id());
    }

    @Test
    void released_code_fails_a_wallet_that_already_has_history() {
        // given: the simulator itself, invoked without the tool's repair step
        fx = fixtures.open("released_code", dir);
        Wallet w = WALLETS.get(0);
        fx.insertWallet(w, "ready", 0);
        holdRowsFromAnEarlierLoad(w);
        ReleasedLoadSimulator sim = new ReleasedLoadSimulator(fx.dataSource, Duration.ZERO, Set.of(), Duration.ZERO);
        // when
        sim.onEvent(new LocalInvokeServer.Invocation(java.time.Instant.now(),
                PipelineFixture.FUNCTION, w.xpubkey(), 20, "{}"));
        // then
        assertThat(fx.status(w.id())).isEqualTo("error");
        assertThat(fx.retryCount(w.id())).isEqualTo(1);
    }

    @Test
    void should_repair_error_wallets_holding_rows_and_leave_ready_wallets_alone() {
        // given
        fx = fixtures.open("repair", dir);
        fx.serve(new ReleasedLoadSimulator(fx.dataSource, Duration.ofMillis(100), Set.of(), Duration.ZERO));
        Wallet broken = WALLETS.get(0);
        Wallet ready = WALLETS.get(1);
        Wallet stuck = WALLETS.get(2);
        fx.insertWallet(broken, "error", 2);
        holdRowsFromAnEarlierLoad(broken);
        fx.insertWallet(ready, "ready", 0);
        holdRowsFromAnEarlierLoad(ready);
        fx.insertWallet(stuck, "creating", 0);
        holdRowsFromAnEarlierLoad(stuck);
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", List.of(broken, ready, stuck)));
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fx.status(broken.id())).isEqualTo("ready");
        assertThat(fx.status(stuck.id())).isEqualTo("ready");
        assertThat(fx.status(ready.id())).isEqualTo("ready");
        assertThat(fx.server().invocationCount(ready.xpubkey())).isZero();
        assertThat(fx.queryString("SELECT tx_id FROM wallet_tx_history WHERE wallet_id = ?", ready.id())).isEqualTo("old");
        assertThat(fx.queryString("SELECT tx_id FROM wallet_tx_history WHERE wallet_id = ?", broken.id()))
                .isNotEqualTo("old");
        assertThat(fx.report().get("repaired").asInt()).isEqualTo(2);
        assertThat(fx.count("SELECT SUM(repaired_rows) FROM reinit_attempt")).isEqualTo(4);
    }

    @Test
    void should_notice_a_duplicate_delivery_and_end_with_every_wallet_ready() {
        // given: two wallets get their Event a second time after they loaded
        fx = fixtures.open("duplicate", dir);
        Set<String> twice = Set.of(WALLETS.get(0).xpubkey(), WALLETS.get(1).xpubkey());
        fx.serve(new ReleasedLoadSimulator(fx.dataSource, Duration.ofMillis(100), twice, Duration.ofMillis(300)));
        List<Wallet> wallets = WALLETS.subList(0, 6);
        // when: slow enough polling that the duplicate lands after the tool saw the wallet ready
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", wallets), "--batch-size", "2");
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = fx.report();
        assertThat(report.get("changedAfterReady").asInt()).isEqualTo(2);
        for (Wallet w : wallets) {
            assertThat(fx.status(w.id())).isEqualTo("ready");
            assertThat(fx.server().invocationCount(w.xpubkey())).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void should_read_every_wallet_again_after_the_repair_phase() {
        // given: a duplicate of y lands during the main phase; while y gets its extra load, a duplicate of x lands
        fx = fixtures.open("duplicate_during_repair", dir);
        List<Wallet> wallets = WALLETS.subList(0, 5);
        Wallet y = wallets.get(0);
        Wallet x = wallets.get(1);
        Wallet last = wallets.get(4);
        ReleasedLoadSimulator sim = new ReleasedLoadSimulator(fx.dataSource, Duration.ofMillis(50), Set.of(),
                Duration.ZERO);
        Map<String, Integer> events = new ConcurrentHashMap<>();
        fx.serve(invocation -> {
            int n = events.merge(invocation.xpubkey(), 1, Integer::sum);
            if (invocation.xpubkey().equals(last.xpubkey())) {
                sim.load(y.id());
            }
            if (invocation.xpubkey().equals(y.xpubkey()) && n == 2) {
                sim.load(x.id());
            }
            sim.onEvent(invocation);
        });
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", wallets), "--batch-size", "1");
        // then: the report matches the database, and x got its one extra load too
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = fx.report();
        for (Wallet w : wallets) {
            assertThat(fx.status(w.id())).as(w.id()).isEqualTo("ready");
            assertThat(report.get("outcomes").get(w.id()).asText()).as(w.id()).isEqualTo("READY");
        }
        assertThat(report.get("changedAfterReady").asInt()).isEqualTo(2);
        assertThat(fx.server().invocationCount(x.xpubkey())).isEqualTo(2);
        assertThat(fx.server().invocationCount(y.xpubkey())).isEqualTo(2);
    }

    @Test
    void should_only_report_a_changed_wallet_with_no_retry_changed() {
        // given
        fx = fixtures.open("no_retry_changed", dir);
        Wallet w = WALLETS.get(0);
        fx.serve(new ReleasedLoadSimulator(fx.dataSource, Duration.ofMillis(100), Set.of(w.xpubkey()),
                Duration.ofMillis(300)));
        List<Wallet> wallets = WALLETS.subList(0, 4);
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", wallets), "--batch-size", "1",
                "--no-retry-changed");
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = fx.report();
        assertThat(report.get("outcomes").get(w.id()).asText()).isEqualTo("ERROR");
        assertThat(report.get("reasons").get(w.id()).asText()).contains("duplicate Event delivery");
        assertThat(fx.server().invocationCount(w.xpubkey())).isEqualTo(1);

        // when: a rerun repairs it
        fx.server().close();
        fx.serve(new ReleasedLoadSimulator(fx.dataSource, Duration.ofMillis(50), Set.of(), Duration.ZERO));
        CommandRun rerun = fx.reinit(TestWallets.csv(dir, "w.csv", wallets));
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(fx.status(w.id())).isEqualTo("ready");
    }

    @Test
    void should_abort_when_another_run_takes_the_lock_while_a_changed_wallet_loads_again() throws Exception {
        // given: w loads twice (a duplicate delivery after the tool saw it ready); its extra load's Event is where
        // another run takes the run lock, and the wallet stays creating
        fx = fixtures.open("lock_during_changed", dir);
        Wallet w = WALLETS.get(0);
        ReleasedLoadSimulator sim = new ReleasedLoadSimulator(fx.dataSource, Duration.ofMillis(100), Set.of(w.xpubkey()),
                Duration.ofMillis(300));
        Map<String, Integer> events = new ConcurrentHashMap<>();
        AtomicReference<Connection> otherRun = new AtomicReference<>();
        fx.serve(invocation -> {
            if (events.merge(invocation.xpubkey(), 1, Integer::sum) == 2 && invocation.xpubkey().equals(w.xpubkey())) {
                otherRun.set(takeTheRunLock());
                return;
            }
            sim.onEvent(invocation);
        });
        List<Wallet> wallets = WALLETS.subList(0, 4);
        try {
            // when
            CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", wallets), "--batch-size", "1");
            // then: the run ends as aborted and says why, instead of reporting the wallet as timed out
            assertThat(otherRun.get()).as("the extra load's Event arrived").isNotNull();
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
            assertThat(fx.report().get("abortReason").asText()).contains("run lock");
        } finally {
            if (otherRun.get() != null) {
                otherRun.get().close();
            }
        }
    }

    @Test
    void should_still_report_when_the_function_disappears_during_the_changed_wallets_extra_loads() {
        // given: the first two wallets load twice (duplicate deliveries after the tool saw them ready); the function is
        // deleted when the first extra load's Event arrives, so the second extra load finds no function
        fx = fixtures.open("function_gone_during_changed", dir);
        List<Wallet> wallets = WALLETS.subList(0, 6);
        Wallet first = wallets.get(0);
        ReleasedLoadSimulator sim = new ReleasedLoadSimulator(fx.dataSource, Duration.ofMillis(50),
                Set.of(first.xpubkey(), wallets.get(1).xpubkey()), Duration.ofMillis(300));
        Map<String, Integer> events = new ConcurrentHashMap<>();
        fx.serve(invocation -> {
            if (events.merge(invocation.xpubkey(), 1, Integer::sum) == 2 && invocation.xpubkey().equals(first.xpubkey())) {
                fx.server().setFunctionExists(false);
            }
            sim.onEvent(invocation);
        });
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", wallets), "--batch-size", "1");
        // then: exit 2 with the function's error, and the run's report and journal written all the same
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("Function not found");
        JsonNode report = fx.report();
        assertThat(report.get("aborted").asBoolean()).isTrue();
        assertThat(report.get("outcomes").size()).isEqualTo(6);
        assertThat(fx.count("SELECT COUNT(*) FROM reinit_run WHERE state = 'aborted'")).isEqualTo(1);
    }

    /** Ends the running tool's lock connection and takes the lock on a connection of the test's own. */
    private Connection takeTheRunLock() {
        String lock = RunLock.nameFor(fx.schema.name());
        try {
            Connection mine = fx.schema.connect();
            for (int attempt = 0; attempt < 50; attempt++) {
                try (Statement st = mine.createStatement()) {
                    try (ResultSet rs = st.executeQuery("SELECT IS_USED_LOCK('" + lock + "')")) {
                        rs.next();
                        long holder = rs.getLong(1);
                        if (!rs.wasNull()) {
                            st.execute("KILL CONNECTION " + holder);
                        }
                    }
                    try (ResultSet rs = st.executeQuery("SELECT GET_LOCK('" + lock + "', 0)")) {
                        rs.next();
                        if (rs.getInt(1) == 1) {
                            return mine;
                        }
                    }
                }
            }
            mine.close();
            throw new AssertionError("could not take the run lock " + lock);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
