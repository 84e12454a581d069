package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the current schema holds according to {@code information_schema}, and the fixed lists of tables and columns
 * this tool reads, writes or empties. Every identifier that ends up in a statement comes from these lists.
 */
public final class SchemaCatalog {
    /** Tables and columns the tool reads or writes (legacy flavor; the shielded flavor only adds columns). */
    public static final Map<String, List<String>> REQUIRED = requiredColumns();

    /**
     * Tables {@code reinit cleanup} empties: the wallet-service README's list plus the newer
     * token_creation and shielded_tx_output_data. Never SequelizeMeta, never the journal.
     */
    public static final List<String> CLEANUP_TABLES = List.of("address_balance", "address_tx_history", "address",
            "miner", "push_devices", "sync_metadata", "token", "transaction", "tx_output", "tx_proposal", "wallet",
            "wallet_balance", "wallet_tx_history", "version_data", "token_creation", "shielded_tx_output_data");

    /** Tables counted in an export manifest and compared by verify. */
    public static final List<String> COUNTED_TABLES = List.of("address", "wallet_balance", "wallet_tx_history");

    private static final String CURRENT_SCHEMA = "SELECT DATABASE() AS name";

    private static final String COLUMNS = """
            SELECT TABLE_NAME, COLUMN_NAME
              FROM information_schema.COLUMNS
             WHERE TABLE_SCHEMA = DATABASE()
             ORDER BY TABLE_NAME, ORDINAL_POSITION""";

    private static final String TABLES = """
            SELECT TABLE_NAME
              FROM information_schema.TABLES
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'""";

    private SchemaCatalog() {}

    /** The connection's current schema (DATABASE()), or null when none is selected. */
    public static String currentSchema(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(CURRENT_SCHEMA); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString("name");
        }
    }

    /** Every column of every table of the current schema, by table name. */
    public static Map<String, Set<String>> columns(Connection connection) throws SQLException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString("TABLE_NAME"), t -> new LinkedHashSet<>())
                        .add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    /** Names of the base tables of the current schema. */
    public static Set<String> tables(Connection connection) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(TABLES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    /** Whether {@code table} has {@code column}, for optional columns such as token.version. */
    public static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        Set<String> cols = columns(connection).get(table);
        return cols != null && cols.contains(column);
    }

    /** The members of {@code fixed} that exist in the current schema, in the fixed list's order. */
    public static List<String> existing(Connection connection, List<String> fixed) throws SQLException {
        Set<String> present = tables(connection);
        List<String> out = new ArrayList<>();
        for (String t : fixed) {
            if (present.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static Map<String, List<String>> requiredColumns() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("wallet", List.of("id", "xpubkey", "status", "max_gap", "created_at", "ready_at", "retry_count",
                "auth_xpubkey", "last_used_address_index"));
        m.put("address", List.of("address", "index", "wallet_id", "transactions"));
        m.put("address_balance", List.of("address", "token_id", "unlocked_balance", "locked_balance",
                "unlocked_authorities", "locked_authorities", "timelock_expires", "transactions", "total_received"));
        m.put("address_tx_history", List.of("address", "tx_id", "token_id", "balance", "timestamp", "voided"));
        m.put("wallet_balance", List.of("wallet_id", "token_id", "unlocked_balance", "locked_balance",
                "unlocked_authorities", "locked_authorities", "timelock_expires", "transactions", "total_received"));
        m.put("wallet_tx_history", List.of("wallet_id", "token_id", "tx_id", "balance", "timestamp", "voided"));
        m.put("token", List.of("id", "name", "symbol", "transactions"));
        m.put("tx_output", List.of("tx_id", "index", "token_id", "address", "value", "authorities", "timelock",
                "heightlock", "locked", "spent_by", "voided"));
        m.put("transaction", List.of("tx_id", "timestamp", "version", "voided", "height"));
        m.put("sync_metadata", List.of("id", "last_event_id"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
