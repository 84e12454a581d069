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
}
