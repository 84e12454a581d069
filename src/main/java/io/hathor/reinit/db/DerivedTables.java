package io.hathor.reinit.db;

import io.hathor.reinit.wallet.ShieldedKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The demo's view of the tables a wallet load writes: a snapshot of every derived row (sorted, ready to compare),
 * and the database reset that throws them away while the blockchain tables stay as the sync daemon left them.
 * Timestamps a load sets to "now" (wallet.ready_at) are left out, so two loads of the same chain compare equal.
 */
public final class DerivedTables {
    /** Table name → query giving its rows in a stable order. */
    public static final Map<String, String> SNAPSHOTS = snapshots();

    /** The address rows the chain itself holds, remembered before any load claims or adds addresses. */
    static final String CREATE_CHAIN_ADDRESSES = """
            CREATE TABLE demo_chain_address (address VARCHAR(34) NOT NULL PRIMARY KEY) ENGINE=InnoDB""";
    static final String FILL_CHAIN_ADDRESSES = "INSERT INTO demo_chain_address (address) SELECT address FROM address";

    static final String FK_CHECKS_OFF = "SET FOREIGN_KEY_CHECKS = 0";
    static final String FK_CHECKS_ON = "SET FOREIGN_KEY_CHECKS = 1";
    static final String TRUNCATE_WALLET = "TRUNCATE TABLE wallet";
    static final String TRUNCATE_WALLET_BALANCE = "TRUNCATE TABLE wallet_balance";
    static final String TRUNCATE_WALLET_TX_HISTORY = "TRUNCATE TABLE wallet_tx_history";
    /** Unused addresses a load inserted: the daemon never wrote them, so a re-synced database lacks them. */
    static final String DELETE_LOADER_ADDRESSES = """
            DELETE a FROM address a LEFT JOIN demo_chain_address c ON c.address = a.address
            WHERE c.address IS NULL""";
    static final String RELEASE_OWNERSHIP = """
            UPDATE address SET wallet_id = NULL, `index` = NULL WHERE wallet_id IS NOT NULL OR `index` IS NOT NULL""";

    /** Shielded schema: the key columns byte for byte (in hex) and the shielded side's status. */
    static final String SHIELDED_SNAPSHOT = """
            SELECT id, HEX(scan_xpriv), spend_xpub, shielded_max_gap, ct_status, last_used_shielded_index
            FROM wallet ORDER BY id""";
    static final String SHIELDED_SNAPSHOT_NAME = "wallet (shielded keys)";
    static final String GIVE_KEYS = """
            UPDATE wallet SET scan_xpriv = ?, spend_xpub = ?, shielded_max_gap = ?, ct_status = 'ready' WHERE id = ?""";
    /** What the service's shielded pass leaves when it succeeds: ct_status ready. */
    static final String FINISH_SHIELDED_SIDE = "UPDATE wallet SET ct_status = 'ready' WHERE id = ? AND ct_status = 'creating'";

    private final DataSource dataSource;

    public DerivedTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static Map<String, String> snapshots() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("address (ownership)", """
                SELECT address, wallet_id, `index`, transactions FROM address
                WHERE wallet_id IS NOT NULL ORDER BY address""");
        q.put("wallet_balance", """
                SELECT wallet_id, token_id, unlocked_balance, locked_balance, unlocked_authorities, locked_authorities,
                       timelock_expires, transactions, total_received
                FROM wallet_balance ORDER BY wallet_id, token_id""");
        q.put("wallet_tx_history", """
                SELECT wallet_id, token_id, tx_id, balance, `timestamp`, voided
                FROM wallet_tx_history ORDER BY wallet_id, token_id, tx_id""");
        q.put("wallet", """
                SELECT id, xpubkey, auth_xpubkey, max_gap, created_at, status, retry_count, last_used_address_index
                FROM wallet ORDER BY id""");
        q.put("address_balance (chain)", """
                SELECT address, token_id, unlocked_balance, locked_balance, unlocked_authorities, locked_authorities,
                       timelock_expires, transactions, total_received
                FROM address_balance ORDER BY address, token_id""");
        q.put("address_tx_history (chain)", """
                SELECT address, tx_id, token_id, balance, `timestamp`, voided
                FROM address_tx_history ORDER BY address, tx_id, token_id""");
        return Collections.unmodifiableMap(q);
    }

    /** Every table of {@link #SNAPSHOTS}, each as its rows rendered "v1|v2|…" (NULL as \N), in key order. */
    public Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> table : SNAPSHOTS.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(table.getValue())) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int columns = meta.getColumnCount();
                    StringBuilder row = new StringBuilder();
                    while (rs.next()) {
                        row.setLength(0);
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            row.append(i > 1 ? "|" : "").append(value == null ? "\\N" : value);
                        }
                        rows.add(row.toString());
                    }
                }
                out.put(table.getKey(), rows);
            }
            if (SchemaInspector.flavor(c) == SchemaFlavor.SHIELDED) {
                out.put(SHIELDED_SNAPSHOT_NAME, rows(st, SHIELDED_SNAPSHOT));
            }
        }
        return out;
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    row.append(i > 1 ? "|" : "").append(value == null ? "\\N" : value);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Shielded schema: gives these wallets their keys with the shielded side ready, in one batch. */
    public void giveShieldedKeys(Map<String, ShieldedKeys> keys) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(GIVE_KEYS)) {
            for (Map.Entry<String, ShieldedKeys> e : keys.entrySet()) {
                ps.setBytes(1, e.getValue().scanXpriv());
                ps.setString(2, e.getValue().spendXpub());
                ps.setInt(3, e.getValue().shieldedMaxGap());
                ps.setString(4, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The demo's stand-in for the service's shielded pass after a successful load: ct_status creating → ready. */
    public void finishShieldedSide(String walletId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH_SHIELDED_SIDE)) {
            ps.setString(1, walletId);
            ps.executeUpdate();
        }
    }

    /** Remembers which address rows the chain holds; call once, before the first load. */
    public void rememberChainAddresses() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(CREATE_CHAIN_ADDRESSES);
            st.execute(FILL_CHAIN_ADDRESSES);
        }
    }

    /**
     * The reset: empties wallet, wallet_balance and wallet_tx_history, deletes the address rows loads added and
     * releases the ownership of the rest. address_balance, address_tx_history, tx_output, transaction and token
     * are untouched.
     */
    public void reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // As the README's cleanup: push_devices (and tx_proposal) reference wallet.
            st.execute(FK_CHECKS_OFF);
            st.execute(TRUNCATE_WALLET);
            st.execute(TRUNCATE_WALLET_BALANCE);
            st.execute(TRUNCATE_WALLET_TX_HISTORY);
            st.execute(DELETE_LOADER_ADDRESSES);
            st.execute(RELEASE_OWNERSHIP);
            st.execute(FK_CHECKS_ON);
        }
    }
}
