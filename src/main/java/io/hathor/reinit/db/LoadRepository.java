package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the in-process legacy wallet load (gap scan, claim, aggregation and settle in the
 * idempotent form of the wallet-service's current load code — upserts and row locks — transparent only).
 * Every statement is a named constant; address lists are bound as {@code IN (?, …)} parameters, never inlined.
 * The caller owns connections and transaction boundaries; this class is stateless apart from the flavor.
 */
public final class LoadRepository {
    /** Rows per multi-row statement for claims; keeps statements well under packet and placeholder limits. */
    static final int CLAIM_ROWS_PER_STATEMENT = 1000;

    /**
     * The wallet row's presence and whether the wallet already has wallet_balance / wallet_tx_history rows (a
     * rerun or a crashed load); when it has none, the stale-row deletes of the settle are no-ops and are skipped.
     * Both EXISTS are prefix lookups on the tables' primary keys (wallet_id first).
     */
    static final String SELECT_WALLET_STATE = """
            SELECT EXISTS (SELECT 1 FROM wallet_balance b WHERE b.wallet_id = w.id) AS has_balance,
                   EXISTS (SELECT 1 FROM wallet_tx_history h WHERE h.wallet_id = w.id) AS has_history
              FROM wallet w WHERE w.id = ?
            """;

    /** Gap scan: the address rows for exactly one chunk of derived addresses; any wallet_id. */
    static final String SELECT_ADDRESS_TRANSACTIONS = """
            SELECT address, transactions FROM address WHERE address IN (%s)
            """;

    /** Claim: new addresses, transactions 0; a duplicate keeps its transactions. {@code %s} = row list. */
    static final String UPSERT_NEW_ADDRESSES_LEGACY = """
            INSERT INTO address (address, `index`, wallet_id, transactions)
            VALUES %s
            ON DUPLICATE KEY UPDATE wallet_id = VALUES(wallet_id), `index` = VALUES(`index`)
            """;
    static final String NEW_ADDRESS_ROW_LEGACY = "(?, ?, ?, 0)";

    static final String UPSERT_NEW_ADDRESSES_SHIELDED = """
            INSERT INTO address (address, `index`, wallet_id, transactions, bip32_account)
            VALUES %s
            ON DUPLICATE KEY UPDATE wallet_id = VALUES(wallet_id), `index` = VALUES(`index`),
                                    bip32_account = VALUES(bip32_account)
            """;
    static final String NEW_ADDRESS_ROW_SHIELDED = "(?, ?, ?, 0, 0)";

    /** Claim rows the daemon created; one set-based statement. {@code %1$s} = CASE arms, {@code %2$s} = IN list. */
    static final String UPDATE_EXISTING_ADDRESSES_LEGACY = """
            UPDATE address
               SET wallet_id = ?, `index` = CASE address %1$s END
             WHERE address IN (%2$s)
            """;
    static final String UPDATE_EXISTING_ADDRESSES_SHIELDED = """
            UPDATE address
               SET wallet_id = ?, `index` = CASE address %1$s END, bip32_account = 0
             WHERE address IN (%2$s)
            """;
    static final String CASE_ARM = "WHEN ? THEN ?";

    static final String UPDATE_LAST_USED_INDEX = """
            UPDATE wallet SET last_used_address_index = GREATEST(last_used_address_index, ?) WHERE id = ?
            """;

    /** Settle, as the current load code does: row locks on the balances being summed. */
    static final String LOCK_ADDRESS_BALANCES = """
            SELECT address, token_id FROM address_balance WHERE address IN (%s) FOR UPDATE
            """;

    /**
     * wallet_balance: sums stay in SQL (BIGINT UNSIGNED may exceed a Java long). SUM yields DECIMAL and is
     * inserted without a CAST on purpose: a CAST would silently clip an out-of-range sum, the strict-mode insert
     * fails instead. The tx count is the number
     * of distinct non-voided txs per token, 0 when a token has no such history. Parameters: wallet id, the kept
     * addresses, the kept addresses again.
     */
    static final String UPSERT_WALLET_BALANCE = """
            INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance, unlocked_authorities,
                                        locked_authorities, timelock_expires, transactions, total_received)
            SELECT ?, b.token_id, b.unlocked_balance, b.locked_balance, b.unlocked_authorities, b.locked_authorities,
                   b.timelock_expires, COALESCE(h.transactions, 0), b.total_received
              FROM (SELECT token_id,
                           SUM(unlocked_balance) AS unlocked_balance,
                           SUM(locked_balance) AS locked_balance,
                           BIT_OR(unlocked_authorities) AS unlocked_authorities,
                           BIT_OR(locked_authorities) AS locked_authorities,
                           MIN(timelock_expires) AS timelock_expires,
                           SUM(total_received) AS total_received
                      FROM address_balance
                     WHERE address IN (%1$s)
                     GROUP BY token_id) b
              LEFT JOIN (SELECT token_id, COUNT(DISTINCT tx_id) AS transactions
                           FROM address_tx_history
                          WHERE voided = FALSE AND address IN (%1$s)
                          GROUP BY token_id) h
                     ON h.token_id = b.token_id
            ON DUPLICATE KEY UPDATE unlocked_balance = VALUES(unlocked_balance),
                                    locked_balance = VALUES(locked_balance),
                                    unlocked_authorities = VALUES(unlocked_authorities),
                                    locked_authorities = VALUES(locked_authorities),
                                    timelock_expires = VALUES(timelock_expires),
                                    transactions = VALUES(transactions),
                                    total_received = VALUES(total_received)
            """;

    /** Tokens this wallet has a row for but the rebuild no longer produces. Parameters: wallet id, kept addresses. */
    static final String DELETE_STALE_WALLET_BALANCE = """
            DELETE FROM wallet_balance
             WHERE wallet_id = ?
               AND token_id NOT IN (SELECT token_id FROM address_balance WHERE address IN (%s))
            """;

    /** wallet_tx_history: one row per (tx, token) over non-voided history. Parameters: wallet id, kept addresses. */
    static final String UPSERT_WALLET_TX_HISTORY = """
            INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, `timestamp`, voided)
            SELECT ?, token_id, tx_id, SUM(balance), MAX(`timestamp`), FALSE
              FROM address_tx_history
             WHERE voided = FALSE AND address IN (%s)
             GROUP BY token_id, tx_id
            ON DUPLICATE KEY UPDATE balance = VALUES(balance), `timestamp` = VALUES(`timestamp`), voided = VALUES(voided)
            """;

    /** (tx, token) rows of this wallet the rebuild no longer produces. Parameters: kept addresses, wallet id. */
    static final String DELETE_STALE_WALLET_TX_HISTORY = """
            DELETE w
              FROM wallet_tx_history w
              LEFT JOIN (SELECT DISTINCT token_id, tx_id
                           FROM address_tx_history
                          WHERE voided = FALSE AND address IN (%s)) h
                     ON h.token_id = w.token_id AND h.tx_id = w.tx_id
             WHERE w.wallet_id = ? AND h.tx_id IS NULL
            """;

    static final String MARK_READY = """
            UPDATE wallet SET status = 'ready', ready_at = UNIX_TIMESTAMP(), retry_count = 0 WHERE id = ?
            """;

    /** The claim's last_used_address_index raise and the settle's mark-ready, for the one-transaction load. */
    static final String MARK_READY_WITH_LAST_USED = """
            UPDATE wallet
               SET last_used_address_index = GREATEST(last_used_address_index, ?),
                   status = 'ready', ready_at = UNIX_TIMESTAMP(), retry_count = 0
             WHERE id = ?
            """;

    static final String MARK_ERROR = """
            UPDATE wallet SET status = 'error', ready_at = UNIX_TIMESTAMP(), retry_count = retry_count + 1 WHERE id = ?
            """;

    private final SchemaFlavor flavor;

    public LoadRepository(SchemaFlavor flavor) {
        this.flavor = flavor;
    }

    public SchemaFlavor flavor() {
        return flavor;
    }

    /** What the load needs to know about the wallet before it starts; see {@link #walletState}. */
    public record WalletState(boolean hasBalanceRows, boolean hasHistoryRows) {
        /** A wallet we know nothing about: every stale-row delete runs. */
        public static final WalletState UNKNOWN = new WalletState(true, true);
    }

    /** The wallet's {@link WalletState}, or null when the wallet row does not exist. */
    public WalletState walletState(Connection connection, String walletId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT_WALLET_STATE)) {
            ps.setString(1, walletId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new WalletState(rs.getBoolean("has_balance"), rs.getBoolean("has_history")) : null;
            }
        }
    }

    /** address → transactions for the rows that exist among {@code addresses}. */
    public Map<String, Long> addressTransactions(Connection connection, List<String> addresses) throws SQLException {
        if (addresses.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, Long> found = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_ADDRESS_TRANSACTIONS.formatted(placeholders(addresses.size())))) {
            bindStrings(ps, 1, addresses);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString("address"), rs.getLong("transactions"));
                }
            }
        }
        return found;
    }

    /**
     * The claim (as the current load code does): upsert new addresses, set wallet_id and index on existing rows, raise
     * last_used_address_index. Runs inside the caller's transaction. Throws when the wallet row is missing.
     */
    public void claim(Connection connection, String walletId, List<IndexedAddress> newAddresses,
            List<IndexedAddress> existing, int lastUsed) throws SQLException {
        claimAddresses(connection, walletId, newAddresses, existing);
        try (PreparedStatement ps = connection.prepareStatement(UPDATE_LAST_USED_INDEX)) {
            ps.setInt(1, lastUsed);
            ps.setString(2, walletId);
            if (ps.executeUpdate() == 0) {
                throw new SQLException("wallet row " + walletId + " disappeared during the claim");
            }
        }
    }

    /**
     * Claim and settle in one short transaction of the caller (the scan and derivation stay outside it): the
     * address upserts and updates of {@link #claim}, then the settle of
     * {@link #settle(Connection, String, List, WalletState)} with the last_used_address_index raise folded into the
     * mark-ready UPDATE. Writes exactly the rows of {@code claim} followed by {@code settle}.
     */
    public void claimAndSettle(Connection connection, String walletId, List<IndexedAddress> newAddresses,
            List<IndexedAddress> existing, int lastUsed, List<String> kept, WalletState state) throws SQLException {
        claimAddresses(connection, walletId, newAddresses, existing);
        rebuild(connection, walletId, kept, state);
        try (PreparedStatement ps = connection.prepareStatement(MARK_READY_WITH_LAST_USED)) {
            ps.setInt(1, lastUsed);
            ps.setString(2, walletId);
            if (ps.executeUpdate() == 0) {
                throw new SQLException("wallet row " + walletId + " disappeared before it could be marked ready");
            }
        }
    }

    private void claimAddresses(Connection connection, String walletId, List<IndexedAddress> newAddresses,
            List<IndexedAddress> existing) throws SQLException {
        boolean shielded = flavor == SchemaFlavor.SHIELDED;
        for (List<IndexedAddress> part : partition(newAddresses)) {
            String rows = String.join(", ", Collections.nCopies(part.size(), shielded ? NEW_ADDRESS_ROW_SHIELDED : NEW_ADDRESS_ROW_LEGACY));
            String sql = (shielded ? UPSERT_NEW_ADDRESSES_SHIELDED : UPSERT_NEW_ADDRESSES_LEGACY).formatted(rows);
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int p = 1;
                for (IndexedAddress a : part) {
                    ps.setString(p++, a.address());
                    ps.setInt(p++, a.index());
                    ps.setString(p++, walletId);
                }
                ps.executeUpdate();
            }
        }
        for (List<IndexedAddress> part : partition(existing)) {
            String arms = String.join(" ", Collections.nCopies(part.size(), CASE_ARM));
            String sql = (shielded ? UPDATE_EXISTING_ADDRESSES_SHIELDED : UPDATE_EXISTING_ADDRESSES_LEGACY)
                    .formatted(arms, placeholders(part.size()));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int p = 1;
                ps.setString(p++, walletId);
                for (IndexedAddress a : part) {
                    ps.setString(p++, a.address());
                    ps.setInt(p++, a.index());
                }
                for (IndexedAddress a : part) {
                    ps.setString(p++, a.address());
                }
                ps.executeUpdate();
            }
        }
    }

    /**
     * The settle (as the current load code does): lock the kept addresses' balance rows, rebuild wallet_balance and
     * wallet_tx_history from them, delete rows the rebuild does not produce, mark the wallet ready. Runs inside
     * the caller's transaction.
     */
    public void settle(Connection connection, String walletId, List<String> kept) throws SQLException {
        settle(connection, walletId, kept, WalletState.UNKNOWN);
    }

    /**
     * As {@link #settle(Connection, String, List)}, skipping only statements that are provably no-ops: the
     * wallet_balance upsert when the kept addresses have no address_balance row (its source is empty), and a
     * stale-row delete when {@code state} says the wallet had no row in that table when the load started.
     */
    public void settle(Connection connection, String walletId, List<String> kept, WalletState state) throws SQLException {
        rebuild(connection, walletId, kept, state);
        try (PreparedStatement ps = connection.prepareStatement(MARK_READY)) {
            ps.setString(1, walletId);
            if (ps.executeUpdate() == 0) {
                throw new SQLException("wallet row " + walletId + " disappeared before it could be marked ready");
            }
        }
    }

    /** Lock, rebuild wallet_balance and wallet_tx_history, delete stale rows; no status change. */
    private void rebuild(Connection connection, String walletId, List<String> kept, WalletState state) throws SQLException {
        String in = placeholders(kept.size());
        boolean anyBalance = false;
        try (PreparedStatement ps = connection.prepareStatement(LOCK_ADDRESS_BALANCES.formatted(in))) {
            bindStrings(ps, 1, kept);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // draining is enough: the rows are now X-locked until COMMIT
                    anyBalance = true;
                }
            }
        }
        if (anyBalance) {
            try (PreparedStatement ps = connection.prepareStatement(UPSERT_WALLET_BALANCE.formatted(in))) {
                ps.setString(1, walletId);
                int next = bindStrings(ps, 2, kept);
                bindStrings(ps, next, kept);
                ps.executeUpdate();
            }
        }
        if (state.hasBalanceRows()) {
            try (PreparedStatement ps = connection.prepareStatement(DELETE_STALE_WALLET_BALANCE.formatted(in))) {
                ps.setString(1, walletId);
                bindStrings(ps, 2, kept);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_WALLET_TX_HISTORY.formatted(in))) {
            ps.setString(1, walletId);
            bindStrings(ps, 2, kept);
            ps.executeUpdate();
        }
        if (state.hasHistoryRows()) {
            try (PreparedStatement ps = connection.prepareStatement(DELETE_STALE_WALLET_TX_HISTORY.formatted(in))) {
                int next = bindStrings(ps, 1, kept);
                ps.setString(next, walletId);
                ps.executeUpdate();
            }
        }
    }

    /** status error, ready_at now, retry_count + 1; returns the number of rows changed (0 when the row is missing). */
    public int markError(Connection connection, String walletId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(MARK_ERROR)) {
            ps.setString(1, walletId);
            return ps.executeUpdate();
        }
    }

    static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static int bindStrings(PreparedStatement ps, int first, List<String> values) throws SQLException {
        int p = first;
        for (String value : values) {
            ps.setString(p++, value);
        }
        return p;
    }

    private static <T> List<List<T>> partition(List<T> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        int parts = (items.size() + CLAIM_ROWS_PER_STATEMENT - 1) / CLAIM_ROWS_PER_STATEMENT;
        List<List<T>> out = new java.util.ArrayList<>(parts);
        for (int i = 0; i < items.size(); i += CLAIM_ROWS_PER_STATEMENT) {
            out.add(items.subList(i, Math.min(items.size(), i + CLAIM_ROWS_PER_STATEMENT)));
        }
        return out;
    }
}
