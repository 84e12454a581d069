package io.hathor.reinit.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.retry.RetryPolicy;
import io.hathor.reinit.support.TestDatabase;
import io.hathor.reinit.wallet.WalletId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in Lambda end to end: real invoker → local Invoke API → handler → a real wallet row. */
class DelayedStatusHandlerIT {
    private static final String FUNCTION = "hathor-wallet-service-it-loadWalletAsync";
    private static final RetryPolicy FAST = new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(5));
    private static TestDatabase.Schema schema;
    private static MysqlDataSource dataSource;

    private record Row(String status, Long readyAt, int retryCount) {}

    @BeforeAll
    static void createSchema() {
        schema = TestDatabase.newSchema("lambda_handler");
        dataSource = new MysqlDataSource();
        dataSource.setURL(schema.url());
        dataSource.setUser(schema.server().user());
        dataSource.setPassword(schema.server().password());
    }

    @Test
    void should_set_status_by_fate_after_the_delay() throws Exception {
        // given
        String ready = insertWallet("xpub-it-ready", "creating", 0);
        String error = insertWallet("xpub-it-error", "error", 2);
        String never = insertWallet("xpub-it-never", "creating", 0);
        Map<String, Fate> fates = Map.of(ready, Fate.READY, error, Fate.ERROR, never, Fate.NEVER);
        DelayedStatusHandler handler = new DelayedStatusHandler(dataSource, Duration.ofMillis(1000),
                Duration.ofMillis(1200), fates::get);
        try (LocalInvokeServer server = LocalInvokeServer.start(FUNCTION, handler);
                LoadWalletInvoker invoker = new LoadWalletInvoker(
                        new LambdaSettings(FUNCTION, "eu-central-1", server.endpoint()), FAST)) {
            // when
            for (String xpub : fates.keySet()) {
                assertThat(invoker.invoke(xpub, 20).accepted()).isTrue();
            }
            // then: answered before the simulated load finished
            assertThat(row(ready).status()).isEqualTo("creating");
            assertThat(server.awaitHandlers(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(row(ready)).satisfies(r -> {
            assertThat(r.status()).isEqualTo("ready");
            assertThat(r.readyAt()).isNotNull();
            assertThat(r.retryCount()).isZero();
        });
        assertThat(row(error)).satisfies(r -> {
            assertThat(r.status()).isEqualTo("error");
            assertThat(r.readyAt()).isNotNull();
            assertThat(r.retryCount()).isEqualTo(3);
        });
        assertThat(row(never)).isEqualTo(new Row("creating", null, 0));
        assertThat(handler.handled()).isEqualTo(3);
        assertThat(handler.updatedRows()).isEqualTo(2);
    }

    @Test
    void should_demote_a_ready_wallet_like_era_b() throws Exception {
        // given: era B has no status guard, so a duplicate delivery that fails flips a loaded wallet to error
        String xpub = insertWallet("xpub-it-duplicate", "ready", 0);
        DelayedStatusHandler handler = DelayedStatusHandler.always(dataSource, Duration.ZERO, Duration.ZERO, Fate.ERROR);
        try (LocalInvokeServer server = LocalInvokeServer.start(FUNCTION, handler);
                LoadWalletInvoker invoker = new LoadWalletInvoker(
                        new LambdaSettings(FUNCTION, "eu-central-1", server.endpoint()), FAST)) {
            // when
            assertThat(invoker.invoke(xpub, 20).accepted()).isTrue();
            assertThat(server.awaitHandlers(Duration.ofSeconds(10))).isTrue();
        }
        // then
        assertThat(row(xpub).status()).isEqualTo("error");
        assertThat(row(xpub).retryCount()).isEqualTo(1);
    }

    private static String insertWallet(String xpub, String status, int retryCount) throws SQLException {
        try (Connection c = schema.connect(); PreparedStatement st = c.prepareStatement("""
                INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey, retry_count)
                VALUES (?, ?, ?, 20, UNIX_TIMESTAMP(), ?, ?)""")) {
            st.setString(1, WalletId.of(xpub));
            st.setString(2, xpub);
            st.setString(3, status);
            st.setString(4, xpub + "-auth");
            st.setInt(5, retryCount);
            st.executeUpdate();
        }
        return xpub;
    }

    private static Row row(String xpub) throws SQLException {
        try (Connection c = schema.connect();
                PreparedStatement st = c.prepareStatement("SELECT status, ready_at, retry_count FROM wallet WHERE id = ?")) {
            st.setString(1, WalletId.of(xpub));
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("wallet row exists").isTrue();
                long readyAt = rs.getLong("ready_at");
                Long readyAtOrNull = rs.wasNull() ? null : readyAt;
                return new Row(rs.getString("status"), readyAtOrNull, rs.getInt("retry_count"));
            }
        }
    }
}
