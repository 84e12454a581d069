package io.hathor.reinit.loader;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.SchemaScript;
import io.hathor.reinit.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Pools, the shielded flavor and table snapshots for the loader tests. */
public final class LoaderTestSupport {
    private LoaderTestSupport() {}

    public static HikariDataSource pool(TestDatabase.Schema schema, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(schema.url() + (schema.url().contains("?") ? "&" : "?") + "rewriteBatchedStatements=true");
        config.setUsername(schema.server().user());
        config.setPassword(schema.server().password());
        config.setMaximumPoolSize(size);
        config.setPoolName("test-" + schema.name());
        return new HikariDataSource(config);
    }

    /** Turns a legacy schema into the shielded flavor with the tool's own {@code sql/schema-shielded.sql}. */
    public static void makeShielded(TestDatabase.Schema schema) throws SQLException {
        try (Connection c = schema.connect(); Statement st = c.createStatement()) {
            for (String sql : SchemaScript.shieldedStatements()) {
                st.execute(sql);
            }
        }
    }

    /** Every row of a query as text, in the query's order: for exact comparisons. */
    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (i > 1) {
                        sb.append(" | ");
                    }
                    sb.append(md.getColumnLabel(i)).append('=').append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    public static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** The wallet tables and address ownership, ordered, excluding ready_at (a clock value). */
    public static List<String> snapshot(Connection c) throws SQLException {
        List<String> all = new ArrayList<>();
        all.addAll(rows(c, "SELECT * FROM wallet_balance ORDER BY wallet_id, token_id"));
        all.addAll(rows(c, "SELECT * FROM wallet_tx_history ORDER BY wallet_id, token_id, tx_id"));
        all.addAll(rows(c, "SELECT address, `index`, wallet_id, transactions FROM address ORDER BY address"));
        all.addAll(rows(c, "SELECT id, status, retry_count, last_used_address_index FROM wallet ORDER BY id"));
        return all;
    }

    /** Every wallet row as a load request, in primary-key order. */
    public static List<LoadRequest> requests(Connection c) throws SQLException {
        List<LoadRequest> requests = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, xpubkey, max_gap FROM wallet ORDER BY id")) {
            while (rs.next()) {
                requests.add(new LoadRequest(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return requests;
    }

    /** One thread per item, all released together; the results in the items' order, a failure rethrown. */
    public static <T, R> List<R> allAtOnce(List<T> items, Function<T, R> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(items.size());
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.apply(item);
                }));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
