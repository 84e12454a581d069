package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.db.DataSources;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.DedicatedServer;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away mid-run: a server of its own (not the shared test server), stopped and started again on
 * the same port and data folder.
 */
class DatabaseOutageIT {
    private static final List<Wallet> WALLETS = TestWallets.all();

    @RegisterExtension
    static final DedicatedServer SERVER = DedicatedServer.restartable();

    @TempDir
    Path dir;

    private static String newSchema(String name) throws Exception {
        return SERVER.newSchema(name);
    }

    private CommandRun reinit(String url, LocalInvokeServer server, Path csv, String... extra) {
        List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--db-url", url, "--db-user", "root",
                "--function-name", PipelineFixture.FUNCTION, "--lambda-endpoint", server.endpoint().toString(),
                "--log-dir", dir.resolve("logs").toString(), "--report-json", dir.resolve("report.json").toString(),
                "--polling-interval", "200ms", "--timeout", "60s", "--batch-size", "4"));
        args.addAll(Arrays.asList(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static int count(HikariDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * A simulated load that sets the wallet ready after {@code delay}, retrying its write until the database is back
     * (a real Lambda that failed would be retried by AWS).
     */
    private static LocalInvokeServer.InvocationHandler readyAfter(HikariDataSource ds, Duration delay) {
        return invocation -> {
            String id = io.hathor.reinit.wallet.WalletId.of(invocation.xpubkey());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            try {
                Thread.sleep(delay.toMillis());
                while (System.nanoTime() < deadline) {
                    try (Connection c = ds.getConnection();
                            java.sql.PreparedStatement ps = c.prepareStatement(
                                    "UPDATE wallet SET status = 'ready', ready_at = UNIX_TIMESTAMP() WHERE id = ?")) {
                        ps.setString(1, id);
                        ps.executeUpdate();
                        return;
                    } catch (java.sql.SQLException e) {
                        Thread.sleep(200);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static void awaitInvocations(LocalInvokeServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // pre-run checks are slow on a busy host
        while (server.invocations().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.invocations()).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void should_ride_out_a_server_restart_and_finish_every_wallet() throws Exception {
        // given: loads that end after the outage
        String url = newSchema("outage_short");
        try (HikariDataSource ds = DataSources.open(new DatabaseSettings(url, "root", "", null, 4));
                LocalInvokeServer server = LocalInvokeServer.builder(PipelineFixture.FUNCTION)
                        .handler(readyAfter(ds, Duration.ofMillis(1500)))
                        .handlerConcurrency(64).start()) {
            Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);
            CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> reinit(url, server, csv));
            awaitInvocations(server, 4);
            // when: the server goes down for 3 s while those loads are in flight
            SERVER.db().stopServer();
            Thread.sleep(3000);
            SERVER.db().restart();
            CommandRun done = run.get(120, TimeUnit.SECONDS);
            // then
            assertThat(done.exitCode()).as(done.out() + done.err()).isZero();
            assertThat(count(ds, "SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(12);
            for (Wallet w : WALLETS) {
                assertThat(server.invocationCount(w.xpubkey())).as(w.id()).isEqualTo(1);
            }
            assertThat(count(ds, "SELECT COUNT(*) FROM reinit_run WHERE state = 'finished'")).isEqualTo(1);
            assertThat(count(ds, "SELECT COUNT(*) FROM reinit_attempt WHERE outcome = 'READY'")).isEqualTo(12);
        }
    }

    @Test
    void should_abort_cleanly_when_the_outage_outlasts_the_timeout_and_converge_on_a_rerun() throws Exception {
        // given: loads that end well after the run gave up
        String url = newSchema("outage_long");
        try (HikariDataSource ds = DataSources.open(new DatabaseSettings(url, "root", "", null, 4));
                LocalInvokeServer server = LocalInvokeServer.builder(PipelineFixture.FUNCTION)
                        .handler(readyAfter(ds, Duration.ofSeconds(4)))
                        .handlerConcurrency(64).start()) {
            Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);
            CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(
                    () -> reinit(url, server, csv, "--db-outage-timeout", "2s"));
            awaitInvocations(server, 4);
            // when: the server stays down
            SERVER.db().stopServer();
            CommandRun aborted;
            try {
                aborted = run.get(60, TimeUnit.SECONDS);
            } finally {
                SERVER.db().restart();
            }
            // then: exit 3, the report says why, and the rest was never invoked
            assertThat(aborted.exitCode()).as(aborted.out() + aborted.err()).isEqualTo(3);
            JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
            assertThat(report.get("aborted").asBoolean()).isTrue();
            assertThat(report.get("abortReason").asText()).contains("database");
            int invoked = server.invocations().size();
            assertThat(invoked).isLessThan(12);

            // when the same command runs again with the database back
            CommandRun rerun = reinit(url, server, csv);
            // then: the loads in flight were polled, not repeated; only an Event accepted while the database was
            // already gone (its sent time could not be journaled) is sent again, as for a crash at that moment
            assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
            assertThat(count(ds, "SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(12);
            for (Wallet w : WALLETS) {
                int events = server.invocationCount(w.xpubkey());
                if (events != 1) {
                    assertThat(events).as(w.id()).isEqualTo(2);
                    assertThat(count(ds, "SELECT COUNT(*) FROM reinit_attempt WHERE wallet_id = '" + w.id()
                            + "' AND sent_at_ms IS NULL")).as("unsent attempt of " + w.id()).isPositive();
                }
            }
        }
    }

    @Test
    void should_stop_without_another_invocation_when_another_run_takes_the_lock_after_a_restart() throws Exception {
        // given: a run with loads still to send
        String url = newSchema("outage_lock");
        String lockName = io.hathor.reinit.db.RunLock.nameFor("outage_lock");
        try (HikariDataSource ds = DataSources.open(new DatabaseSettings(url, "root", "", null, 4));
                LocalInvokeServer server = LocalInvokeServer.builder(PipelineFixture.FUNCTION)
                        .handler(readyAfter(ds, Duration.ofMillis(1500)))
                        .handlerConcurrency(64).start()) {
            Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);
            CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(
                    () -> reinit(url, server, csv, "--batch-size", "2"));
            awaitInvocations(server, 2);
            // when: the server restarts and a second run, waiting for it, takes the lock as soon as it answers
            SERVER.db().stopServer();
            Thread.sleep(300);
            int sentBefore = server.invocations().size();
            CompletableFuture<Void> restart = CompletableFuture.runAsync(SERVER.db()::restart);
            Connection second = takeLockAsSoonAsPossible(url, lockName, restart);
            CommandRun first;
            try {
                first = run.get(120, TimeUnit.SECONDS);
            } finally {
                second.close();
            }
            // then: the first run stopped without another invocation, exit 3, with a report that says why
            assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(3);
            assertThat(server.invocations()).hasSize(sentBefore);
            JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
            assertThat(report.get("abortReason").asText()).contains("run lock");

            // when the lock is free again, a rerun converges without a second Event within the timeout
            CommandRun rerun = reinit(url, server, csv);
            assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
            assertThat(count(ds, "SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(12);
            for (Wallet w : WALLETS) {
                assertThat(server.invocationCount(w.xpubkey())).as(w.id()).isEqualTo(1);
            }
        }
    }

    /** Connects every 10 ms while the server restarts and takes the lock on the first connection that works. */
    private static Connection takeLockAsSoonAsPossible(String url, String lockName, CompletableFuture<Void> restart)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Connection c;
            try {
                c = DriverManager.getConnection(url, "root", "");
            } catch (java.sql.SQLException e) {
                if (restart.isCompletedExceptionally()) {
                    restart.join(); // the restart's own failure
                }
                Thread.sleep(10);
                continue;
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                ps.setString(1, lockName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the second run took the lock first").isEqualTo(1);
                }
            }
            restart.get(90, TimeUnit.SECONDS);
            return c;
        }
        throw new AssertionError("the server did not come back");
    }
}
