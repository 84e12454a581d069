package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Row counts the runbook commands report: wallets by status, claimed addresses, per-wallet rows, whole tables. */
public final class TableStats {
    private static final String WALLETS_BY_STATUS = "SELECT %s AS status, COUNT(*) AS n FROM wallet GROUP BY 1";
    private static final String WALLETS_BY_SIDE = "SELECT %s AS status, COUNT(*) AS n FROM wallet GROUP BY 1";

    private static final String WITH_SHIELDED_KEYS = "SELECT COUNT(*) FROM wallet WHERE scan_xpriv IS NOT NULL";

    private static final String CLAIMED_ADDRESSES = "SELECT COUNT(*) FROM address WHERE wallet_id IS NOT NULL";

    /** Per table name from {@link SchemaCatalog#COUNTED_TABLES} or {@link SchemaCatalog#CLEANUP_TABLES} only. */
    private static final String COUNT_ROWS = "SELECT COUNT(*) FROM `%s`";

    /** Not ready, yet holding rows a load rebuilds: the wallets a run repairs before loading them. */
    private static final String REPAIRABLE = """
            SELECT COUNT(*) FROM wallet w
             WHERE w.status <> 'ready'
               AND (EXISTS (SELECT 1 FROM wallet_tx_history h WHERE h.wallet_id = w.id)
                 OR EXISTS (SELECT 1 FROM wallet_balance b WHERE b.wallet_id = w.id))""";

    private final DataSource dataSource;

    public TableStats(Database database) {
        this(database.dataSource());
    }

    TableStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts of claimed address rows, wallet_balance rows and wallet_tx_history rows. */
    public record WalletRows(long claimedAddresses, long walletBalance, long walletTxHistory) {}

    /** Unified wallet status → count, creating/ready/error always present. */
    public Map<String, Long> walletsByStatus() {
        try (Connection c = dataSource.getConnection()) {
            return countBy(c, WALLETS_BY_STATUS.formatted(UnifiedStatus.expression(SchemaInspector.flavor(c))));
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Both sides on the shielded schema: status → count and ct_status → count; null on the legacy schema. */
    public Map<String, Map<String, Long>> walletsBySide() {
        try (Connection c = dataSource.getConnection()) {
            if (SchemaInspector.flavor(c) != SchemaFlavor.SHIELDED) {
                return null;
            }
            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
            out.put("status", countBy(c, WALLETS_BY_SIDE.formatted("status")));
            Map<String, Long> ct = new LinkedHashMap<>();
            ct.put("none", 0L);
            ct.putAll(countBy(c, WALLETS_BY_SIDE.formatted("ct_status")));
            out.put("ct_status", ct);
            return out;
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Wallets holding shielded keys (scan_xpriv set); 0 on the legacy schema. */
    public long walletsWithShieldedKeys() {
        try (Connection c = dataSource.getConnection()) {
            return SchemaInspector.flavor(c) == SchemaFlavor.SHIELDED
                    ? single(c, WITH_SHIELDED_KEYS) : 0;
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private static Map<String, Long> countBy(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("creating", 0L);
        out.put("ready", 0L);
        out.put("error", 0L);
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString("status"), rs.getLong("n"));
            }
        }
        return out;
    }

    public WalletRows walletRows() {
        try (Connection c = dataSource.getConnection()) {
            return new WalletRows(single(c, CLAIMED_ADDRESSES), count(c, "wallet_balance"),
                    count(c, "wallet_tx_history"));
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    public long repairable() {
        try (Connection c = dataSource.getConnection()) {
            return single(c, REPAIRABLE);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Exact row count of a table named in one of {@link SchemaCatalog}'s fixed lists. */
    public static long count(Connection c, String table) throws SQLException {
        if (!SchemaCatalog.CLEANUP_TABLES.contains(table) && !SchemaCatalog.COUNTED_TABLES.contains(table)) {
            throw new IllegalArgumentException("not a known table: " + table);
        }
        return single(c, COUNT_ROWS.formatted(table));
    }

    static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
